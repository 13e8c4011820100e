/**
 * The tags of this API's operations, in the order a reader meets them. The OpenAPI builder refuses an
 * operation whose tag is not here, so every tag a tool shows has a description.
 */
export const API_TAGS = [
  {
    name: 'reports',
    description: 'Report definitions: data source, query, parameters, transforms, template.',
  },
  {
    name: 'schedules',
    description: 'When reports run: cron, interval or calendar rules, pause / resume, run now.',
  },
  { name: 'runs', description: 'Executions of a report, with their step timeline; cancel and retry.' },
  { name: 'artifacts', description: 'The files runs produced: metadata, signed download links, downloads.' },
  {
    name: 'deliveries',
    description: 'What was sent where (email, webhook, Slack, link), receipts and dead letters.',
  },
  {
    name: 'delivery-targets',
    description: 'Reusable destinations for deliveries (webhook URLs, Slack, email lists).',
  },
  { name: 'data-sources', description: 'Connections reports query (tenant admins); secrets are references.' },
  { name: 'holiday-calendars', description: 'Dates schedules skip or shift around.' },
  {
    name: 'event-triggers',
    description: 'Signed URLs that run a report when an external system calls them.',
  },
  {
    name: 'subscriptions',
    description: 'Webhook subscriptions to run and delivery events (Power Automate / Logic Apps triggers).',
  },
  {
    name: 'secrets',
    description:
      "The tenant's own secrets (tenant admins): write-only values that data sources and targets reference.",
  },
  {
    name: 'tenant',
    description: "The caller's tenant: its settings and usage of each quota, and erasing it with everything it holds (tenant admins).",
  },
  {
    name: 'admin',
    description: "The platform operator: every tenant's tier, status and overrides (`platform_admin`).",
  },
  { name: 'audit', description: 'The append-only audit trail of every change (tenant admins).' },
  { name: 'health', description: 'Liveness and readiness probes.' },
  { name: 'operations', description: 'Metrics for operators (Prometheus).' },
  { name: 'docs', description: 'This API described: OpenAPI document and interactive reference.' },
] as const;
