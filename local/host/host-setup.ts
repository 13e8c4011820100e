import path from 'node:path';
import type * as core from '@azure/functions-core';
import type { CoreLog } from '../functions-core/core-api';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { startAzurite, type RunningAzurite } from '../azurite/start-azurite';
import type { AppSettings } from './app-settings';
import type { StorageOption } from './host-types';

const levels: Partial<Record<core.RpcLogLevel, (line: string) => void>> = {
  information: (line) => process.stdout.write(`${line}\n`),
  warning: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
  critical: (line) => process.stderr.write(`${line}\n`),
};

/** Default log: information and above, one line each. */
export const consoleLog: CoreLog = (level, category, message) =>
  levels[level]?.(`[${level}] ${category === 'user' ? '' : 'host: '}${message}`);

/** Drops functions disabled with the app setting `AzureWebJobs.<name>.Disabled` = true/1, as the host does. */
export function enabledFunctions(
  functions: RegisteredFunction[],
  settings: AppSettings,
  log: CoreLog,
): RegisteredFunction[] {
  return functions.filter((fn) => {
    const flag = Object.entries(settings).find(
      ([key]) => key.toLowerCase() === `azurewebjobs.${fn.name.toLowerCase()}.disabled`,
    )?.[1];
    const disabled = flag !== undefined && /^(true|1)$/i.test(flag.trim());
    if (disabled) log('information', 'system', `Function "${fn.name}" is disabled by app setting.`);
    return !disabled;
  });
}

/** Picks the storage: the given connection string, a real AzureWebJobsStorage, or an Azurite started here. */
export async function resolveStorage(
  root: string,
  option: StorageOption | undefined,
  configured: string | undefined,
): Promise<{ connectionString: string; azurite?: RunningAzurite }> {
  if (option && 'connectionString' in option) return { connectionString: option.connectionString };
  if (!option && configured && !/UseDevelopmentStorage=true/i.test(configured))
    return { connectionString: configured };
  const given = option?.azurite ?? {};
  const azurite = await startAzurite({
    location: given.location ?? path.join(root, '.data', 'azurite'),
    inMemory: given.inMemory ?? false,
    blobPort: given.blobPort ?? 10000,
    queuePort: given.queuePort ?? 10001,
    tablePort: given.tablePort ?? 10002,
    host: given.host ?? '127.0.0.1',
  });
  return { connectionString: azurite.connectionString, azurite };
}
