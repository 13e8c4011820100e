import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defaultQueueSettings, type QueueSettings } from '../queues/queue-settings';
import { parseTimeSpan } from '../timers/timer-schedule';
import { resolveSettingReference, type AppSettings } from './app-settings';

/** The parts of host.json the local host honours. */
export interface HostJson {
  http: { routePrefix: string };
  queues: QueueSettings;
  /** `extensions.serviceBus`, as far as the local stand-ins honour it. */
  serviceBus: { maxConcurrentCalls: number };
  durableTask: { hubName: string };
  /** The whole parsed file, for parts plugged in later. */
  raw: Record<string, unknown>;
}

/** A TimeSpan string ("00:00:30") as in host.json, or a number of milliseconds. */
const duration = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const ms = parseTimeSpan(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a TimeSpan (hh:mm:ss)` });
    return z.NEVER;
  }
  return ms;
});

const hostJsonSchema = z.looseObject({
  extensions: z
    .looseObject({
      http: z.looseObject({ routePrefix: z.string().optional() }).optional(),
      queues: z
        .looseObject({
          batchSize: z.number().int().min(1).max(32).optional(),
          newBatchThreshold: z.number().int().min(0).optional(),
          maxPollingInterval: duration.optional(),
          visibilityTimeout: duration.optional(),
          maxDequeueCount: z.number().int().min(1).optional(),
          messageEncoding: z.enum(['base64', 'none']).optional(),
        })
        .optional(),
      serviceBus: z.looseObject({ maxConcurrentCalls: z.number().int().min(1).optional() }).optional(),
      durableTask: z.looseObject({ hubName: z.string().min(1).optional() }).optional(),
    })
    .optional(),
});

/** Validates host.json content and applies the host's defaults; `%Setting%` hub names are resolved. */
export function parseHostJson(json: unknown, settings: AppSettings = {}): HostJson {
  const parsed = hostJsonSchema.safeParse(json);
  if (!parsed.success) throw new Error(`host.json is not valid: ${z.prettifyError(parsed.error)}`);
  const ext = parsed.data.extensions ?? {};
  const q = ext.queues ?? {};
  const batchSize = q.batchSize ?? defaultQueueSettings.batchSize;
  const hubName = ext.durableTask?.hubName ?? 'TestHubName';
  return {
    http: { routePrefix: (ext.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, '') },
    queues: {
      batchSize,
      newBatchThreshold: q.newBatchThreshold ?? Math.floor(batchSize / 2),
      maxPollingIntervalMs: q.maxPollingInterval ?? defaultQueueSettings.maxPollingIntervalMs,
      visibilityTimeoutMs: q.visibilityTimeout ?? defaultQueueSettings.visibilityTimeoutMs,
      maxDequeueCount: q.maxDequeueCount ?? defaultQueueSettings.maxDequeueCount,
      messageEncoding: q.messageEncoding ?? defaultQueueSettings.messageEncoding,
    },
    // The Service Bus extension's default: 16 per processor.
    serviceBus: { maxConcurrentCalls: ext.serviceBus?.maxConcurrentCalls ?? 16 * os.cpus().length },
    durableTask: { hubName: resolveSettingReference(hubName, settings, 'host.json durableTask.hubName') },
    raw: parsed.data,
  };
}

/** Reads `<projectRoot>/host.json` (defaults when there is none). */
export function readHostJson(projectRoot: string, settings: AppSettings = {}): HostJson {
  const file = path.join(projectRoot, 'host.json');
  if (!fs.existsSync(file)) return parseHostJson({}, settings);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseHostJson(json, settings);
}
