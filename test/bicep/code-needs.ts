import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSettingsSchema } from '../../shared/config/app-config';
import { monitoredQueues } from '../../shared/composition/metric-probes';

/** What the code needs from Azure, read from the code itself (schema, contracts, registrations, host.json). */
export interface CodeNeeds {
  settingKeys: string[];
  /** Keys without a default that are not optional: the app refuses to start without them. */
  requiredSettings: string[];
  /** Keys whose default points at this machine (PUBLIC_BASE_URL): wrong anywhere else. */
  localhostDefaults: string[];
  artifactContainer: string;
  /** Every queue the contracts declare: constant name -> queue name. */
  queues: Map<string, string>;
  /** Queues whose depth the metric probes read (service_bus_queue_depth): Service Bus serves it to Manage only. */
  monitoredQueues: Set<string>;
  /** Service Bus triggers: queue -> connection setting prefix. */
  triggers: Map<string, string>;
  appPublishes: Set<string>;
  jobReceives: Set<string>;
  jobPublishes: Set<string>;
  /** Settings jobs/ reads besides the schema's required ones. */
  jobSettings: Set<string>;
  /** maxDeliveryCount the consumers assume, by queue (the local stand-ins mirror Service Bus). */
  maxDeliveryCount: (queue: string) => number;
  tables: Set<string>;
  taskHub: { name: string; partitions: number; provider: string };
  usesDefaultAzureCredential: boolean;
}

const root = process.cwd();
export const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Non-test TypeScript files under a folder, as repository paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.split('/').includes('testing'))
    .map((f) => `${dir}/${f}`);
}

const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

function probeSettings() {
  const empty = appSettingsSchema.safeParse({});
  const requiredSettings = empty.success
    ? []
    : empty.error.issues.filter((i) => i.code === 'invalid_type').map((i) => String(i.path[0]));
  const filled = Object.fromEntries(requiredSettings.map((k) => [k, 'https://example.test/']));
  const defaults = appSettingsSchema.parse(filled) as Record<string, unknown>;
  const localhostDefaults = Object.entries(defaults)
    .filter(([, v]) => typeof v === 'string' && /localhost|127\.0\.0\.1/.test(v))
    .map(([k]) => k);
  return { requiredSettings, localhostDefaults, artifactContainer: String(defaults.ARTIFACT_CONTAINER) };
}

async function declaredQueues(): Promise<Map<string, string>> {
  const queues = new Map<string, string>();
  for (const file of sourceFiles('shared/contracts')) {
    const exports = (await import(join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports))
      if (/queue/i.test(name) && typeof value === 'string') queues.set(name, value);
  }
  return queues;
}

/** Queue names a piece of code refers to through the contracts' constants. */
const queuesIn = (text: string, queues: Map<string, string>) =>
  [...queues].filter(([constant]) => new RegExp(`\\b${constant}\\b`).test(text)).map(([, q]) => q);

function publishedQueues(files: string[], queues: Map<string, string>): Set<string> {
  const calls = files.flatMap((f) => matches(read(f), /\.publish\(\s*([^,]+),/g));
  return new Set(calls.flatMap((expression) => queuesIn(expression, queues)));
}

/**
 * Service Bus triggers: queue -> connection. A registration is `app.serviceBusQueue` itself or a wrapper
 * around it (`defineConsumer('name', { queueName })`), whose own call holds the connection.
 */
function readTriggers(queues: Map<string, string>): Map<string, string> {
  const triggers = new Map<string, string>();
  const files = sourceFiles('functions').map((f) => [f, read(f)] as const);
  const wrappers = new Map<string, string>();
  for (const [file, text] of files)
    for (const call of text.split('app.serviceBusQueue(').slice(1)) {
      const connection = /connection:\s*'(\w+)'/.exec(call)?.[1];
      const queueName = /queueName:\s*([\w.]+)/.exec(call)?.[1] ?? '';
      const wrapper = /export function (\w+)/.exec(text)?.[1];
      if (!connection) throw new Error(`${file}: a Service Bus trigger without a connection setting`);
      const queue = queues.get(queueName);
      if (queue) triggers.set(queue, connection);
      else if (wrapper) wrappers.set(wrapper, connection);
      else throw new Error(`${file}: a Service Bus trigger on an unknown queue ${queueName}`);
    }
  for (const [wrapper, connection] of wrappers)
    for (const [file, text] of files)
      for (const call of text.split(`${wrapper}(`).slice(1)) {
        const constant = /queueName:\s*(\w+)/.exec(call)?.[1] ?? '';
        const queue = queues.get(constant);
        if (!queue) throw new Error(`${file}: ${wrapper} on an unknown queue ${constant}`);
        triggers.set(queue, connection);
      }
  return triggers;
}

export async function readCodeNeeds(): Promise<CodeNeeds> {
  const queues = await declaredQueues();
  const triggers = readTriggers(queues);
  // The use cases jobs/ runs: what they publish is the job's to send, not the app's.
  const jobUseCases = sourceFiles('jobs').flatMap((f) =>
    matches(read(f), /from '\.\.\/(shared\/app\/[\w/-]+)'/g).map((m) => `${m}.ts`),
  );
  const appFiles = sourceFiles('shared/app').filter((f) => !jobUseCases.includes(f));
  const jobMain = read('jobs/main.ts');
  const host = JSON.parse(read('host.json')) as {
    extensions: {
      durableTask: { hubName: string; storageProvider: { type: string; partitionCount: number } };
    };
  };
  const durable = host.extensions.durableTask;
  const sbDefault = Number(
    /defaultServiceBusMaxDeliveryCount = (\d+)/.exec(read('local/queues/queue-settings.ts'))?.[1],
  );
  const renderAttempts = Number(
    /maxDequeueCount \?\? (\d+)/.exec(read('local/jobs/render-job-consumer.ts'))?.[1],
  );
  const renderQueue = queues.get('renderJobQueueName');
  const tablePatterns = [
    /\.table\('([a-z0-9]+)'\)/g,
    /tableName:\s*'([a-z0-9]+)'/g,
    /tableName\s*=\s*'([a-z0-9]+)'/g,
    /tableName\s*\?\?\s*'([a-z0-9]+)'/g,
  ];
  const adapterText = sourceFiles('shared/adapters').map(read).join('\n');
  const codeText = [...sourceFiles('shared'), ...sourceFiles('functions'), ...sourceFiles('jobs')].map(read);
  return {
    settingKeys: Object.keys(appSettingsSchema.shape),
    ...probeSettings(),
    queues,
    monitoredQueues: new Set(monitoredQueues),
    triggers,
    appPublishes: publishedQueues(appFiles, queues),
    jobReceives: new Set(queuesIn(matches(jobMain, /createReceiver\(\s*(\w+)/g).join(' '), queues)),
    jobPublishes: publishedQueues(jobUseCases, queues),
    jobSettings: new Set(matches(jobMain, /config\.(\w+)/g)),
    maxDeliveryCount: (queue) => (queue === renderQueue ? renderAttempts : sbDefault),
    tables: new Set(tablePatterns.flatMap((p) => matches(adapterText, p))),
    taskHub: {
      name: durable.hubName,
      partitions: durable.storageProvider.partitionCount,
      provider: durable.storageProvider.type,
    },
    usesDefaultAzureCredential: codeText.some((t) => t.includes('new DefaultAzureCredential(')),
  };
}
