import type { Principal } from '../auth/principal';
import { deleteAudited, type Precondition } from '../audit/audited-documents';
import { triggerKind, type EventTriggerDeps } from './event-trigger-deps';

/** Deletes the trigger, then its directory row: its URL answers 401 from then on. */
export async function deleteEventTrigger(
  deps: EventTriggerDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  await deleteAudited(
    { audit: deps.repos.audit, clock: deps.clock },
    principal,
    triggerKind(deps.repos),
    id,
    precondition,
  );
  await deps.directory.unregister(id);
}
