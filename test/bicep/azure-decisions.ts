/**
 * Decisions the code cannot tell the test: which settings of shared/config stay unset in Azure, and why.
 * A setting the schema gains must be set by bicep/ or listed here — the estate test fails until then. An
 * entry the schema does not (or no longer) have is harmless.
 */
export const unsetInAzure: Readonly<Record<string, string>> = {
  LOCAL_MODE: 'the local host only: dev issuer, open metrics, fixed event-trigger key',
  AzureWebJobsStorage: 'a connection string; Azure uses AzureWebJobsStorage__accountName with the identity',
  ServiceBusConnection: 'a connection string; Azure uses ServiceBusConnection__fullyQualifiedNamespace',
  ACS_CONNECTION_STRING: 'an access key; Azure uses ACS_ENDPOINT with the identity',
  SMTP_URL: 'email goes through Communication Services in Azure',
  METRICS_TOKEN: 'metrics reach Application Insights through the exporter; GET /api/metrics stays closed',
  SERVICE_NAME: 'the default names the app; the render job sets its own',
  AUTH_ALGORITHMS: 'Entra ID signs with RS256, the default',
  MAX_REQUEST_BYTES: 'the default 1 MB',
  SIGNED_URL_TTL_HOURS: 'the default 7 days',
  RUN_RESULT_RETRY_AFTER_SECONDS: 'the default 10 s between the polls of a flow waiting for a run',
  SCHEDULER_LOOKAHEAD_SECONDS: 'the default 60 s',
  SCHEDULER_BATCH_FIRES: 'the default: a sweep batches the fires of one instant',
  DEMO_SALES_ROWS: 'the demo tenant is seeded by the local host only',
  PDF_PAGE_POOL_SIZE: 'the default 2 tabs fits a 2 GB Flex instance',
  PDF_RENDER_TIMEOUT_MS: 'the default 60 s',
  TEMPLATE_MAX_ROWS: 'the default 100,000',
  PREVIEW_REQUESTS_PER_MINUTE: 'the default 20 previews per tenant per minute',
  PDF_CHUNK_ROWS: 'the default: a table over 1,500 rows prints 1,000 rows first, then slices of ~30 pages',
  BURST_MAX_SLICES: 'the default: a bursting run sends at most 500 slices',
  OUTBOUND_ALLOWLIST: 'no internal targets in Azure',
  DELIVERY_RETRY_BASE_SECONDS: 'the default 10 s',
  DELIVERY_RETRY_CAP_SECONDS: 'the default 10 min',
  DELIVERY_SEND_LEASE_SECONDS: 'the default 2 min',
  EXECUTION_SLOT_LEASE_SECONDS: 'the default 30 min',
  EMAIL_MAX_ATTACHMENT_BYTES: 'ACS has its own, lower limit',
  SLACK_API_BASE_URL: 'the default https://slack.com/api',
  // Settings other branches add (tenant secrets, the web app): listed ahead so the merge needs no edit here.
  KEY_VAULT_CACHE_SECONDS: 'the default 5 min',
  WEB_AUTHORITY: "the local host's /config.json; in Azure the Static Web App serves its own (azure.yaml)",
  WEB_CLIENT_ID: "the local host's /config.json; in Azure the Static Web App serves its own (azure.yaml)",
  WEB_SCOPES: "the local host's /config.json; in Azure the Static Web App serves its own (azure.yaml)",
  WEB_API_BASE_URL: "the local host's /config.json; in Azure the Static Web App serves its own (azure.yaml)",
  WEB_REDIRECT_ORIGINS: "the local host's dev issuer only",
};

/** Settings Flex Consumption refuses: the runtime is functionAppConfig.runtime. */
export const refusedByFlex = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
];

/** Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const builtInRoles: Readonly<Record<string, string>> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': 'Storage Queue Data Contributor',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': 'Storage Table Data Contributor',
  '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0': 'Azure Service Bus Data Receiver',
  '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39': 'Azure Service Bus Data Sender',
  '090c5cfd-751d-490a-894a-3ce6f1109419': 'Azure Service Bus Data Owner',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': 'Key Vault Secrets Officer',
  '7f951dda-4ed3-4680-a7ca-43fe172d538d': 'AcrPull',
  '3913510d-42f4-4e42-8a64-420c390055eb': 'Monitoring Metrics Publisher',
  '09976791-48a7-449e-bb21-39d1a415f350': 'Communication and Email Service Owner',
};

/** Log Analytics tables the workbooks and alerts may read (docs/operations.md says who writes each). */
export const knownTables = [
  'AppRequests',
  'AppTraces',
  'AppMetrics',
  'AppExceptions',
  'ACSEmailStatusUpdateOperational',
];
