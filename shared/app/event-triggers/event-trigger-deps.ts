import type { EventTrigger, EventTriggerResource } from '../../contracts/event-trigger';
import { AppError } from '../../domain/errors';
import type { SignatureLedger, TriggerDirectory } from '../../ports/event-trigger-stores';
import type { Repositories } from '../../ports/repositories';
import type { AuditedKind } from '../audit/audited-documents';
import type { EnqueueRunDeps } from '../runs/enqueue-run';
import type { SecretBox } from './secret-box';

export interface EventTriggerDeps extends EnqueueRunDeps {
  repos: Repositories;
  directory: TriggerDirectory;
  signatures: SignatureLedger;
  /** Null when no key is configured: triggers then answer 503 instead of storing secrets unprotected. */
  secretBox: SecretBox | null;
  /** Where integrators call: `{publicBaseUrl}/api/v1/triggers/{id}`. */
  publicBaseUrl: string;
}

export const triggerKind = (repos: Repositories): AuditedKind<EventTrigger> => ({
  entityType: 'event_trigger',
  entityName: 'Event trigger',
  table: repos.eventTriggers,
  // Never the sealed secret, only when it changed.
  auditView: ({ name, reportId, description, active, secretRotatedAt, createdBy }) => ({
    name,
    reportId,
    description,
    active,
    secretRotatedAt,
    createdBy,
  }),
});

export function requireSecretBox(deps: Pick<EventTriggerDeps, 'secretBox'>): SecretBox {
  if (deps.secretBox) return deps.secretBox;
  throw new AppError('SERVICE_UNAVAILABLE', 'Event triggers are not configured on this server', {
    setting: 'EVENT_TRIGGER_KEY',
  });
}

export function toTriggerResource(
  deps: Pick<EventTriggerDeps, 'publicBaseUrl'>,
  trigger: EventTrigger,
): EventTriggerResource {
  const { secret: _secret, ...shown } = trigger;
  return { ...shown, url: `${deps.publicBaseUrl.replace(/\/+$/, '')}/api/v1/triggers/${trigger.id}` };
}
