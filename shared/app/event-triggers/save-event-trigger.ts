import { randomBytes } from 'node:crypto';
import type { EventTrigger, EventTriggerRequest } from '../../contracts/event-trigger';
import { newId } from '../../domain/ids';
import type { Versioned } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { createAudited, updateAudited, type Precondition } from '../audit/audited-documents';
import { assertMayRunReport } from '../reports/assert-may-run-report';
import { invalidField } from '../validation/invalid-field';
import { requireSecretBox, triggerKind, type EventTriggerDeps } from './event-trigger-deps';
import { newTriggerSecret, sealContext } from './secret-box';

type Saved = { trigger: Versioned<EventTrigger>; secret: string };

/** The report a trigger runs must exist, and be one the caller may run (its owner or a tenant admin). */
async function assertMayTrigger(deps: EventTriggerDeps, principal: Principal, reportId: string) {
  const report = await deps.repos.reports.get(principal.tenantId, reportId);
  if (!report) throw invalidField('reportId', 'not_found', 'names no report of this tenant');
  assertMayRunReport(principal, report.doc);
}

const audited = (deps: EventTriggerDeps) => ({ audit: deps.repos.audit, clock: deps.clock });

/** Creates a trigger with a new secret, returned once; only its sealed form is stored. */
export async function createEventTrigger(
  deps: EventTriggerDeps,
  principal: Principal,
  input: EventTriggerRequest,
): Promise<Saved> {
  authorize(principal, 'create');
  const box = requireSecretBox(deps);
  await assertMayTrigger(deps, principal, input.reportId);
  const now = deps.clock();
  const id = newId(now, randomBytes);
  const secret = newTriggerSecret();
  const trigger: EventTrigger = {
    id,
    tenantId: principal.tenantId,
    reportId: input.reportId,
    name: input.name,
    description: input.description ?? '',
    active: input.active ?? true,
    secret: box.seal(secret, sealContext(principal.tenantId, id)),
    secretRotatedAt: now.toISOString(),
    createdBy: principal.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  // The public URL finds its tenant through the directory: registered first, so a stored trigger is
  // always reachable (an orphan directory row only ever leads to a 401).
  await deps.directory.register(id, principal.tenantId);
  const stored = await createAudited(audited(deps), principal, triggerKind(deps.repos), trigger);
  return { trigger: stored, secret };
}

export async function updateEventTrigger(
  deps: EventTriggerDeps,
  principal: Principal,
  id: string,
  input: EventTriggerRequest,
  precondition?: Precondition,
): Promise<Versioned<EventTrigger>> {
  return updateAudited(
    audited(deps),
    principal,
    triggerKind(deps.repos),
    id,
    async (current) => {
      if (input.reportId !== current.reportId) await assertMayTrigger(deps, principal, input.reportId);
      return {
        ...current,
        reportId: input.reportId,
        name: input.name,
        description: input.description ?? '',
        active: input.active ?? true,
        updatedAt: deps.clock().toISOString(),
      };
    },
    precondition,
  );
}

/** A new secret, returned once; the old one stops working at once. */
export async function rotateEventTriggerSecret(
  deps: EventTriggerDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<Saved> {
  const box = requireSecretBox(deps);
  const secret = newTriggerSecret();
  const trigger = await updateAudited(
    audited(deps),
    principal,
    triggerKind(deps.repos),
    id,
    (current) => {
      const now = deps.clock().toISOString();
      return {
        ...current,
        secret: box.seal(secret, sealContext(current.tenantId, current.id)),
        secretRotatedAt: now,
        updatedAt: now,
      };
    },
    precondition,
    'secret_rotated',
  );
  return { trigger, secret };
}
