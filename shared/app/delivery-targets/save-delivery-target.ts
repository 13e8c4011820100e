import { randomBytes } from 'node:crypto';
import type { DeliveryTarget, DeliveryTargetRequest } from '../../contracts/delivery-target';
import { conflict } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Repositories, Versioned } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import {
  createAudited,
  deleteAudited,
  updateAudited,
  type AuditedKind,
  type Precondition,
} from '../audit/audited-documents';
import { invalidFields } from '../validation/invalid-field';
import { schedulesUsing } from '../reports/schedules-using';
import { checkLiquidTemplate } from '../schedules/check-email-templates';
import { checkWebhookUrl } from './check-webhook-url';
import type { OutboundUrlCheck } from '../../ports/outbound-url-check';

export interface DeliveryTargetDeps {
  repos: Repositories;
  clock: () => Date;
  /** `host:port` pairs a webhook may reach even without https or on an internal address. */
  /** The send-time guard's URL rules, so a target is refused when saved, not when it first sends. */
  checkUrl: OutboundUrlCheck;
}

/** Secrets are references only (checked by the schema), so the whole target may appear in a diff. */
export const deliveryTargetKind = (repos: Repositories): AuditedKind<DeliveryTarget> => ({
  entityType: 'delivery_target',
  entityName: 'Delivery target',
  table: repos.deliveryTargets,
});

const audited = (deps: DeliveryTargetDeps) => ({ audit: deps.repos.audit, clock: deps.clock });

/** Checks what the schema cannot (webhook URL against the allowlist) and normalises (recipients once each). */
function targetFields(deps: DeliveryTargetDeps, input: DeliveryTargetRequest) {
  if (input.type === 'email') checkLiquidTemplate(input.config.subjectTemplate, 'config.subjectTemplate');
  if (input.type === 'webhook') {
    const problems = checkWebhookUrl(input.config.url, deps.checkUrl, 'config.url');
    if (problems.length) throw invalidFields(problems);
  }
  const seen = new Set<string>();
  const config =
    input.type === 'email'
      ? {
          ...input.config,
          recipients: input.config.recipients.filter(
            (r) => !seen.has(r.toLowerCase()) && seen.add(r.toLowerCase()),
          ),
        }
      : input.config;
  return { type: input.type, name: input.name, active: input.active ?? true, config } as Pick<
    DeliveryTarget,
    'type' | 'name' | 'active' | 'config'
  >;
}

export async function createDeliveryTarget(
  deps: DeliveryTargetDeps,
  principal: Principal,
  input: DeliveryTargetRequest,
): Promise<Versioned<DeliveryTarget>> {
  const fields = targetFields(deps, input);
  const now = deps.clock().toISOString();
  const target = {
    id: newId(deps.clock(), randomBytes),
    tenantId: principal.tenantId,
    ...fields,
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
  } as DeliveryTarget;
  return createAudited(audited(deps), principal, deliveryTargetKind(deps.repos), target);
}

export function updateDeliveryTarget(
  deps: DeliveryTargetDeps,
  principal: Principal,
  id: string,
  input: DeliveryTargetRequest,
  precondition?: Precondition,
): Promise<Versioned<DeliveryTarget>> {
  return updateAudited(
    audited(deps),
    principal,
    deliveryTargetKind(deps.repos),
    id,
    (current) =>
      ({
        ...targetFields(deps, input),
        id: current.id,
        tenantId: current.tenantId,
        createdBy: current.createdBy,
        createdAt: current.createdAt,
        updatedAt: deps.clock().toISOString(),
      }) as DeliveryTarget,
    precondition,
  );
}

/** Refused (409, listing them) while schedules deliver to it. */
export async function deleteDeliveryTarget(
  deps: DeliveryTargetDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  await deleteAudited(
    audited(deps),
    principal,
    deliveryTargetKind(deps.repos),
    id,
    precondition,
    async () => {
      const schedules = await schedulesUsing(deps.repos, principal.tenantId, 'deliveryTargetIds', id);
      if (schedules.length)
        throw conflict(`Delivery target ${id} is still used by ${schedules.length} schedule(s)`, {
          schedules,
        });
    },
  );
}
