import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHostJson, readHostJson } from './read-host-json';

describe('host.json', () => {
  it('applies the host defaults when there is no host.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostjson-'));
    expect(readHostJson(dir)).toMatchObject({
      http: { routePrefix: 'api' },
      queues: {
        batchSize: 16,
        newBatchThreshold: 8,
        maxPollingIntervalMs: 1000,
        visibilityTimeoutMs: 0,
        maxDequeueCount: 5,
        messageEncoding: 'base64',
      },
      durableTask: { hubName: 'TestHubName' },
    });
  });

  it('reads the route prefix, queue settings (TimeSpans) and a %Setting% hub name', () => {
    const hostJson = parseHostJson(
      {
        version: '2.0',
        extensions: {
          http: { routePrefix: '/v1/' },
          queues: {
            batchSize: 4,
            maxPollingInterval: '00:00:02',
            visibilityTimeout: '00:00:30.5',
            maxDequeueCount: 3,
            messageEncoding: 'none',
          },
          durableTask: { hubName: '%HubName%' },
        },
      },
      { HubName: 'ReportsHub' },
    );
    expect(hostJson.http.routePrefix).toBe('v1');
    expect(hostJson.queues).toEqual({
      batchSize: 4,
      newBatchThreshold: 2,
      maxPollingIntervalMs: 2000,
      visibilityTimeoutMs: 30_500,
      maxDequeueCount: 3,
      messageEncoding: 'none',
    });
    expect(hostJson.durableTask.hubName).toBe('ReportsHub');
    expect(parseHostJson({ extensions: { http: { routePrefix: '' } } }).http.routePrefix).toBe('');
  });

  it('rejects invalid values with a clear message', () => {
    expect(() => parseHostJson({ extensions: { queues: { maxPollingInterval: 'soon' } } })).toThrow(
      /host.json is not valid.*TimeSpan/s,
    );
    expect(() => parseHostJson({ extensions: { queues: { messageEncoding: 'utf16' } } })).toThrow(
      /host.json is not valid/,
    );
    expect(() => parseHostJson({ extensions: { durableTask: { hubName: '%Missing%' } } })).toThrow(/Missing/);
  });

  it('reads serviceBus.maxConcurrentCalls, defaulting as the extension does to 16 per processor', () => {
    expect(parseHostJson({ extensions: { serviceBus: { maxConcurrentCalls: 64 } } }).serviceBus).toEqual({
      maxConcurrentCalls: 64,
    });
    expect(parseHostJson({}).serviceBus.maxConcurrentCalls).toBe(16 * os.cpus().length);
    expect(() => parseHostJson({ extensions: { serviceBus: { maxConcurrentCalls: 0 } } })).toThrow(
      /host.json is not valid/,
    );
  });
});
