import { createHash } from 'node:crypto';
import { AppError, conflict } from '../../domain/errors';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../ports/idempotency-store';

export interface IdempotencyPolicy {
  /** How long a key is remembered. */
  ttlMs: number;
  /** How long a reservation may stay in progress before another request may take it over. */
  lockMs: number;
  /** How long a duplicate waits for the first request to finish before answering 409. */
  waitMs: number;
  pollMs: number;
}

export const defaultIdempotencyPolicy: IdempotencyPolicy = {
  ttlMs: 24 * 3600_000,
  lockMs: 120_000,
  waitMs: 3_000,
  pollMs: 100,
};

export interface IdempotencyDeps {
  store: IdempotencyStore;
  policy: IdempotencyPolicy;
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface IdempotentRequest {
  tenantId: string;
  /** Who sent the key (the user): keys are the client's own, so two users never share one. */
  scope: string;
  key: string;
  fingerprint: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `execute` at most once per (tenant, user, key) for 24 h. Insert-first reservation: of
 * concurrent duplicates exactly one inserts the record and executes; the others wait briefly for its
 * response and replay it, or get 409 CONFLICT while it is still running. A different request under the
 * same key → 422 IDEMPOTENCY_KEY_REUSED. Only 2xx responses are kept: a failure releases the key, since
 * a failed request changed nothing the client must not repeat.
 */
export async function runIdempotently(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  execute: () => Promise<StoredResponse>,
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const { store, policy, clock } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const id = sha256(`${request.scope}\n${request.key}`);
  const reservation = (): IdempotencyRecord => {
    const now = clock().getTime();
    return {
      fingerprint: request.fingerprint,
      state: 'in_progress',
      response: null,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + policy.ttlMs).toISOString(),
      lockedUntil: new Date(now + policy.lockMs).toISOString(),
    };
  };
  const waitUntil = clock().getTime() + policy.waitMs;

  for (;;) {
    const mine = reservation();
    const inserted = await store.insert(request.tenantId, id, mine);
    if (inserted)
      return {
        response: await executeAndKeep(deps, request.tenantId, id, mine, inserted, execute),
        replayed: false,
      };

    const existing = await store.get(request.tenantId, id);
    if (!existing) continue; // released meanwhile: try again
    const { record, etag } = existing;
    const now = clock().getTime();
    const abandoned = record.state === 'in_progress' && Date.parse(record.lockedUntil) <= now;
    if (Date.parse(record.expiresAt) <= now || (abandoned && record.fingerprint === request.fingerprint)) {
      const taken = await store.replace(request.tenantId, id, mine, etag);
      if (taken)
        return {
          response: await executeAndKeep(deps, request.tenantId, id, mine, taken, execute),
          replayed: false,
        };
      continue;
    }
    if (record.fingerprint !== request.fingerprint) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new request',
        { header: 'Idempotency-Key' },
      );
    }
    if (record.state === 'completed' && record.response) return { response: record.response, replayed: true };
    if (clock().getTime() >= waitUntil) {
      throw conflict('A request with this Idempotency-Key is still in progress; retry shortly', {
        header: 'Idempotency-Key',
        retryAfterSeconds: 1,
      });
    }
    await sleep(policy.pollMs);
  }
}

async function executeAndKeep(
  deps: IdempotencyDeps,
  tenantId: string,
  id: string,
  reservation: IdempotencyRecord,
  etag: string,
  execute: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  let response: StoredResponse;
  try {
    response = await execute();
  } catch (err) {
    await deps.store.remove(tenantId, id, etag).catch(() => undefined);
    throw err;
  }
  if (response.status < 200 || response.status > 299) {
    await deps.store.remove(tenantId, id, etag).catch(() => undefined);
    return response;
  }
  try {
    await deps.store.replace(tenantId, id, { ...reservation, state: 'completed', response }, etag);
  } catch {
    // Not kept (e.g. too large for one entity): free the key rather than leave it "in progress".
    await deps.store.remove(tenantId, id, etag).catch(() => undefined);
  }
  return response;
}
