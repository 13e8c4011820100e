import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../shared/adapters/observability/create-metrics';
import { knownTables } from './azure-decisions';
import { read, sourceFiles } from './code-needs';

/** What the app really writes: metric names and labels, function names, log messages and log fields. */
export interface Telemetry {
  metrics: Map<string, string[]>;
  functionNames: Set<string>;
  codeStrings: Set<string>;
  loggedFields: Set<string>;
}

export interface Query {
  source: string;
  query: string;
}

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

export function readTelemetry(): Telemetry {
  const metrics = new Map<string, string[]>();
  for (const metric of Object.values(createMetrics()))
    if ('name' in metric) {
      const { name, labelNames } = metric as unknown as { name: string; labelNames?: string[] };
      metrics.set(name, labelNames ?? []);
    }
  const code = [...sourceFiles('shared'), ...sourceFiles('functions'), ...sourceFiles('jobs')].map(read);
  const text = code.join('\n');
  // Helpers that register under the name they are given (registerActivity, defineConsumer, …).
  const wrappers = all(
    text,
    /export function (\w+)(?:<[^>]*>)?\(\s*name\b[^)]*\)[^{]*\{[^}]*?\b(?:df\.)?app\.\w+\(name\b/g,
  );
  const registrations = new RegExp(
    `(?:app\\.(?:http|timer|serviceBusQueue|storageQueue)|df\\.app\\.(?:activity|orchestration)|${wrappers.join('|')})\\(\\s*'(\\w+)'`,
    'g',
  );
  const logCalls = all(text, /\.(?:trace|debug|info|warn|error|fatal)\(\s*\{([^}]*)\}/g);
  const logger = read('shared/adapters/observability/create-logger.ts');
  return {
    metrics,
    functionNames: new Set(all(text, registrations)),
    codeStrings: new Set(all(text, /'([^'\n]+)'/g)),
    loggedFields: new Set([
      ...logCalls.flatMap((fields) => all(fields, /(?:^|,)\s*(?:\.\.\.)?(\w+)/g)),
      ...all(logger, /(\w+): context\./g),
      ...all(logger, /messageKey: '(\w+)'/g),
      'level',
    ]),
  };
}

/** The KQL of every workbook item and log alert under bicep/. */
export function readQueries(dir: string): Query[] {
  const queries: Query[] = [];
  for (const file of readdirSync(join(dir, 'workbooks'))) {
    const workbook = JSON.parse(readFileSync(join(dir, 'workbooks', file), 'utf8')) as {
      items: { name: string; type: number; content: { query?: string } }[];
    };
    for (const item of workbook.items)
      if (item.content.query)
        queries.push({ source: `workbooks/${file} ${item.name}`, query: item.content.query });
  }
  const alerts = JSON.parse(readFileSync(join(dir, 'alerts', 'log-alerts.json'), 'utf8')) as {
    name: string;
    query: string;
  }[];
  for (const alert of alerts) queries.push({ source: `alerts ${alert.name}`, query: alert.query });
  return queries;
}

/** `Name == 'a'` and `Name in ('a', 'b')`: the names a query filters on. */
const filteredNames = (query: string) => [
  ...all(query, /\bName == '([^']+)'/g),
  ...all(query, /\bName in \(([^)]*)\)/g).flatMap((list) => all(list, /'([^']+)'/g)),
];

export function checkQueries(queries: Query[], telemetry: Telemetry): string[] {
  const problems: string[] = [];
  for (const { source, query } of queries) {
    const tables = new Set(all(query, /\b(App[A-Z]\w*|ACS[A-Z]\w*)\b/g));
    for (const table of tables)
      if (!knownTables.includes(table)) problems.push(`${source}: table ${table} is not one the app writes`);
    if (tables.size === 0) problems.push(`${source}: reads no known table`);
    const names = filteredNames(query);
    if (tables.has('AppMetrics')) {
      const labels = names.flatMap((n) => telemetry.metrics.get(n) ?? []);
      for (const n of names)
        if (!telemetry.metrics.has(n)) problems.push(`${source}: metric ${n} is not in create-metrics.ts`);
      for (const label of all(query, /Properties\.(\w+)/g))
        if (!labels.includes(label))
          problems.push(`${source}: label ${label} is not one of ${names.join(', ')}'s`);
    }
    if (tables.has('AppRequests'))
      for (const n of names)
        if (!telemetry.functionNames.has(n)) problems.push(`${source}: function ${n} is not registered`);
    for (const message of all(query, /\bmsg == '([^']+)'/g))
      if (!telemetry.codeStrings.has(message)) problems.push(`${source}: no code logs '${message}'`);
    for (const field of all(query, /\bline\.(\w+)/g))
      if (!telemetry.loggedFields.has(field)) problems.push(`${source}: no log line has a field ${field}`);
  }
  return problems;
}

/**
 * The deployable shape of workbooks and alerts: every placeholder a workbook holds is replaced by
 * observability.bicep, every query item follows the TimeRange parameter, every log alert is complete.
 */
export function checkDefinitions(dir: string): string[] {
  const problems: string[] = [];
  const bicep = readFileSync(join(dir, 'modules', 'observability.bicep'), 'utf8');
  for (const file of readdirSync(join(dir, 'workbooks'))) {
    const text = readFileSync(join(dir, 'workbooks', file), 'utf8');
    for (const placeholder of new Set(all(text, /(__[A-Z_]+__)/g)))
      if (!bicep.includes(`'${placeholder}'`))
        problems.push(`workbooks/${file}: ${placeholder} is never replaced`);
    const workbook = JSON.parse(text) as {
      items: {
        name: string;
        type: number;
        content: { parameters?: { name: string }[]; timeContextFromParameter?: string };
      }[];
    };
    const parameters = workbook.items.flatMap((i) => i.content.parameters ?? []).map((p) => p.name);
    for (const item of workbook.items.filter((i) => i.type === 3 || i.type === 10))
      if (
        !item.content.timeContextFromParameter ||
        !parameters.includes(item.content.timeContextFromParameter)
      )
        problems.push(`workbooks/${file} ${item.name}: not tied to a time range parameter`);
  }
  const alerts = JSON.parse(readFileSync(join(dir, 'alerts', 'log-alerts.json'), 'utf8')) as Record<
    string,
    unknown
  >[];
  for (const alert of alerts) {
    const { name, severity, evaluationFrequency, windowSize } = alert;
    if (typeof severity !== 'number' || severity < 0 || severity > 4)
      problems.push(`alerts ${String(name)}: severity 0-4`);
    for (const duration of [evaluationFrequency, windowSize])
      if (typeof duration !== 'string' || !/^PT\d+[MH]$/.test(duration))
        problems.push(`alerts ${String(name)}: ${String(duration)} is not an ISO 8601 duration`);
    for (const key of ['title', 'description', 'query'])
      if (typeof alert[key] !== 'string') problems.push(`alerts ${String(name)}: no ${key}`);
  }
  return problems;
}
