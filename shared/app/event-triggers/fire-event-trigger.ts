import type { ParamValue } from '../../ports/data-source';
import { conflict, notFound } from '../../domain/errors';
import { invalidFields } from '../validation/invalid-field';
import { checkParameterValues } from '../reports/parameter-values';
import { enqueueRun } from '../runs/enqueue-run';
import { requireSecretBox, type EventTriggerDeps } from './event-trigger-deps';
import { sealContext } from './secret-box';
import {
  assertFresh,
  matchingSignature,
  parseSignatureHeader,
  SIGNATURE_TOLERANCE_SECONDS,
  unauthenticated,
} from './verify-signature';

export interface TriggerCall {
  triggerId: string;
  signature: string | null;
  rawBody: Buffer;
  /** Validates the JSON body (400 naming the field); called only once the signature is verified. */
  readBody: () => { parameters: Record<string, ParamValue> };
}

/**
 * `POST /v1/triggers/{triggerId}` (no token): verifies `X-Signature` — format, 5-minute window, HMAC in
 * constant time, then records it so the same signature is refused next time — and only then reads the
 * body. An unknown trigger looks exactly like a bad signature (401), so ids cannot be probed.
 */
export async function fireEventTrigger(
  deps: EventTriggerDeps,
  call: TriggerCall,
): Promise<{ runId: string }> {
  const box = requireSecretBox(deps);
  const now = deps.clock();
  const parsed = parseSignatureHeader(call.signature);
  assertFresh(parsed, now);
  const tenantId = await deps.directory.tenantOf(call.triggerId);
  const trigger = tenantId ? await deps.repos.eventTriggers.get(tenantId, call.triggerId) : undefined;
  if (!tenantId || !trigger) throw unauthenticated('bad_signature');
  const secret = box.open(trigger.doc.secret, sealContext(tenantId, trigger.doc.id));
  const signature = matchingSignature(secret, parsed, call.rawBody);
  if (!signature) throw unauthenticated('bad_signature');
  const expiresAt = new Date((parsed.timestamp + SIGNATURE_TOLERANCE_SECONDS) * 1000);
  if (
    !(await deps.signatures.record(tenantId, trigger.doc.id, `${parsed.timestamp}|${signature}`, expiresAt))
  )
    throw unauthenticated(
      'replayed',
      'This signature was already used; sign each request with a new timestamp',
    );

  if (!trigger.doc.active) throw conflict(`Event trigger ${trigger.doc.id} is disabled`, { active: false });
  const { parameters } = call.readBody();
  const report = await deps.repos.reports.get(tenantId, trigger.doc.reportId);
  if (!report) throw notFound('Report', trigger.doc.reportId);
  if (!report.doc.active) throw conflict(`Report ${report.doc.id} is inactive`, { reportId: report.doc.id });
  const problems = checkParameterValues(report.doc.dataSource.parameters, parameters, 'parameters');
  if (problems.length) throw invalidFields(problems);

  const message = await enqueueRun(
    deps,
    { tenantId, userId: `event-trigger:${trigger.doc.id}` },
    { reportId: report.doc.id, parameters: parameters, trigger: 'event' },
  );
  return { runId: message.runId };
}
