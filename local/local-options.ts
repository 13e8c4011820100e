import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeliveryStep } from '../shared/app/deliveries/delivery-deps';
import { ConfigError } from '../shared/config/app-config';

const port = z.coerce.number().int().min(1).max(65535);

/** The local host's own settings (environment), validated once; every problem is listed together. */
const localSchema = z.object({
  PORT: port.default(7071),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  AZURITE_BLOB_PORT: port.default(10000),
  AZURITE_QUEUE_PORT: port.default(10001),
  AZURITE_TABLE_PORT: port.default(10002),
  /** A storage connection string to use instead of starting Azurite. */
  STORAGE_CONNECTION_STRING: z.string().optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** The embedded SMTP catcher's port on 127.0.0.1; 0 (default) takes a free one. */
  SMTP_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** `false` leaves the render-jobs queue unconsumed (tests of the orchestrator's render job timeout). */
  RENDER_JOB_CONSUMER: z.enum(['true', 'false']).default('true'),
  /** The built web app served at "/" (`npm run build:web` writes it). */
  WEB_ROOT: z.string().default('dist/web'),
  /** Crash tests: the host kills itself at this step of a delivery attempt (see delivery-crash-checkpoint.ts). */
  LOCAL_CRASH_AT_DELIVERY_STEP: z.enum(['claimed', 'sent', 'recorded']).optional(),
});

export interface LocalOptions {
  projectRoot: string;
  port: number;
  host: string;
  dataDir: string;
  inMemory: boolean;
  azurite: { blobPort: number; queuePort: number; tablePort: number };
  storageConnectionString: string | undefined;
  seedDemo: boolean;
  smtpCatcherPort: number;
  /** Consume the render-jobs queue in this process, as the Container Apps job does in Azure. */
  renderJobConsumer: boolean;
  /** Absolute path of the built web app. */
  webRoot: string;
  /** Crash tests only: the step of a delivery attempt at which the host kills itself. */
  crashAtDeliveryStep: DeliveryStep | undefined;
  /** local.settings.json `Values`, then the environment on top (as `func start` does). */
  settings: Record<string, string>;
}

export function readLocalOptions(projectRoot: string, env: NodeJS.ProcessEnv, argv: string[]): LocalOptions {
  const parsed = localSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const o = parsed.data;
  return {
    projectRoot,
    port: o.PORT,
    host: o.HOST,
    dataDir: path.resolve(projectRoot, o.DATA_DIR),
    inMemory: argv.includes('--in-memory'),
    azurite: {
      blobPort: o.AZURITE_BLOB_PORT,
      queuePort: o.AZURITE_QUEUE_PORT,
      tablePort: o.AZURITE_TABLE_PORT,
    },
    storageConnectionString: o.STORAGE_CONNECTION_STRING,
    seedDemo: o.SEED_DEMO === 'true',
    smtpCatcherPort: o.SMTP_CATCHER_PORT,
    renderJobConsumer: o.RENDER_JOB_CONSUMER === 'true',
    webRoot: path.resolve(projectRoot, o.WEB_ROOT),
    crashAtDeliveryStep: o.LOCAL_CRASH_AT_DELIVERY_STEP,
    settings: { ...readLocalSettings(projectRoot), ...definedOnly(env) },
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** `Values` of local.settings.json (or of the committed sample when there is none). */
function readLocalSettings(projectRoot: string): Record<string, string> {
  for (const name of ['local.settings.json', 'local.settings.sample.json']) {
    const file = path.join(projectRoot, name);
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { Values?: Record<string, unknown> };
    return Object.fromEntries(
      Object.entries(json.Values ?? {})
        .filter(([, v]) => v !== '' && v !== null && v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
  }
  return {};
}
