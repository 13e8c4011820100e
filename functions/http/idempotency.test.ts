import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTableIdempotencyStore } from '../../shared/adapters/table/table-idempotency-store';
import { createTableService } from '../../shared/adapters/table/table-service';
import { requestFingerprint } from '../../shared/app/idempotency/request-fingerprint';
import type { IdempotencyPolicy } from '../../shared/app/idempotency/run-idempotently';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { endpointsFor } from './define-endpoint';
import { reply } from './endpoint-types';
import type { HttpDeps } from '../../shared/composition/http-deps';
import { idempotent } from './idempotency';
import { startPipelineFixture, type PipelineFixture } from './testing/pipeline-fixture';

type Deps = HttpDeps & {
  idempotency: {
    store: ReturnType<typeof createTableIdempotencyStore>;
    policy: IdempotencyPolicy;
    clock: () => Date;
  };
};

let fixture: PipelineFixture;
beforeAll(async () => {
  fixture = await startPipelineFixture();
});
afterAll(() => fixture.close());

const store = createTableIdempotencyStore(
  createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('idem') }),
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An endpoint whose handler counts its executions, can be slowed down and can fail. */
function thingEndpoint(behaviour: { delayMs?: number; fail?: () => boolean } = {}) {
  let executions = 0;
  const body = z.strictObject({ name: z.string(), size: z.number().default(1) });
  const definition = endpointsFor<Deps>()(
    idempotent({
      name: 'createThing',
      method: 'POST',
      route: 'v1/things',
      roles: ['tenant_admin'],
      body,
      responses: { 201: body.extend({ id: z.string() }) },
      summary: 'Create a thing',
      description: 'A test endpoint.',
      tags: ['things'],
      handler: async ({ body: input }) => {
        executions++;
        const n = executions;
        await sleep(behaviour.delayMs ?? 0);
        if (behaviour.fail?.()) throw new Error('boom');
        return reply(
          201,
          { ...input, id: `thing-${n}` },
          { location: `/api/v1/things/thing-${n}`, etag: `v${n}`, headers: { 'X-Thing': String(n) } },
        );
      },
    }),
  );
  return { definition, executions: () => executions };
}

function depsWith(policy: Partial<IdempotencyPolicy> = {}, clock: () => Date = () => new Date()): Deps {
  return {
    ...fixture.deps,
    idempotency: {
      store,
      clock,
      policy: { ttlMs: 24 * 3600_000, lockMs: 60_000, waitMs: 2_000, pollMs: 20, ...policy },
    },
  };
}

async function post(
  def: ReturnType<typeof thingEndpoint>['definition'],
  deps: Deps,
  key: string | undefined,
  body: string,
  tenant = 't1',
) {
  return fixture.run(
    def as never,
    {
      method: 'POST',
      url: 'v1/things',
      body,
      headers: {
        authorization: await fixture.token(['tenant_admin'], tenant),
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
    },
    deps,
  );
}

describe('Idempotency-Key', () => {
  it('runs concurrent duplicates once: the others wait and get the stored response replayed', async () => {
    const thing = thingEndpoint({ delayMs: 150 });
    const deps = depsWith();
    const key = uniqueName('k');
    const results = await Promise.all([1, 2, 3].map(() => post(thing.definition, deps, key, '{"name":"a"}')));
    expect(thing.executions()).toBe(1);
    for (const res of results) {
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ name: 'a', size: 1, id: 'thing-1' });
      expect(res.headers.Location).toBe('/api/v1/things/thing-1');
      expect(res.headers.ETag).toBe('"v1"');
      expect(res.headers['X-Thing']).toBe('1');
    }
    expect(results.filter((r) => r.headers['Idempotent-Replayed'] === 'true')).toHaveLength(2);
  });

  it('answers 409 CONFLICT to a duplicate that outwaits its patience while the first still runs', async () => {
    const thing = thingEndpoint({ delayMs: 400 });
    const deps = depsWith({ waitMs: 50 });
    const key = uniqueName('k');
    const first = post(thing.definition, deps, key, '{"name":"a"}');
    await sleep(100);
    const second = await post(thing.definition, deps, key, '{"name":"a"}');
    expect(second.status).toBe(409);
    expect(second.json?.error).toMatchObject({ code: 'CONFLICT', details: { header: 'Idempotency-Key' } });
    expect((await first).status).toBe(201);
    expect(thing.executions()).toBe(1);
  });

  it('treats the same JSON as the same request, another body as key reuse (422)', async () => {
    const thing = thingEndpoint();
    const deps = depsWith();
    const key = uniqueName('k');
    await post(thing.definition, deps, key, '{"name":"a","size":1}');
    const same = await post(thing.definition, deps, key, '{ "size": 1,\n "name": "a" }');
    expect(same.headers['Idempotent-Replayed']).toBe('true');
    const defaulted = await post(thing.definition, deps, key, '{"name":"a"}');
    expect(defaulted.headers['Idempotent-Replayed']).toBe('true');
    const other = await post(thing.definition, deps, key, '{"name":"b"}');
    expect(other.status).toBe(422);
    expect(other.json?.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys belong to a tenant: the same key elsewhere is a new request.
    expect((await post(thing.definition, deps, key, '{"name":"b"}', 't2')).status).toBe(201);
    expect(thing.executions()).toBe(2);
  });

  it('releases the key when the request fails, so a retry runs again', async () => {
    let failing = true;
    const thing = thingEndpoint({ fail: () => failing });
    const deps = depsWith();
    const key = uniqueName('k');
    expect((await post(thing.definition, deps, key, '{"name":"a"}')).status).toBe(500);
    failing = false;
    const retry = await post(thing.definition, deps, key, '{"name":"a"}');
    expect(retry.status).toBe(201);
    expect(retry.headers['Idempotent-Replayed']).toBeUndefined();
    expect(thing.executions()).toBe(2);
  });

  it('forgets a key after 24 h, and takes over a reservation abandoned by a crashed request', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const deps = depsWith({ lockMs: 60_000 }, () => new Date(now));
    const thing = thingEndpoint();
    const key = uniqueName('k');
    await post(thing.definition, deps, key, '{"name":"a"}');
    now += 24 * 3600_000 - 1;
    expect((await post(thing.definition, deps, key, '{"name":"b"}')).status).toBe(422);
    now += 1;
    expect((await post(thing.definition, deps, key, '{"name":"b"}')).status).toBe(201);
    expect(thing.executions()).toBe(2);

    const crashed = uniqueName('k');
    await store.insert('t1', createHash('sha256').update(`u1\n${crashed}`).digest('hex'), {
      fingerprint: requestFingerprint('POST', 'v1/things', undefined, { name: 'a', size: 1 }),
      state: 'in_progress',
      response: null,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 24 * 3600_000).toISOString(),
      lockedUntil: new Date(now + 60_000).toISOString(),
    });
    now += 60_000;
    const takeover = await post(thing.definition, deps, crashed, '{"name":"a"}');
    expect(takeover.status).toBe(201);
    expect(thing.executions()).toBe(3);
  });

  it('keeps running without the header, and rejects a malformed key', async () => {
    const thing = thingEndpoint();
    const deps = depsWith();
    await post(thing.definition, deps, undefined, '{"name":"a"}');
    await post(thing.definition, deps, undefined, '{"name":"a"}');
    expect(thing.executions()).toBe(2);
    const bad = await post(thing.definition, deps, '', '{"name":"a"}');
    expect(bad.status).toBe(400);
    expect(bad.json?.error.details).toMatchObject({ location: 'headers', field: 'Idempotency-Key' });
  });
});
