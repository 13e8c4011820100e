import { randomBytes } from 'node:crypto';
import {
  MAX_SUBSCRIPTIONS_PER_TENANT,
  type Subscription,
  type SubscriptionRequest,
} from '../../contracts/subscription';
import { AppError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Versioned } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { createAudited, deleteAudited, updateAudited, type Precondition } from '../audit/audited-documents';
import { checkWebhookUrl } from '../delivery-targets/check-webhook-url';
import { invalidFields } from '../validation/invalid-field';
import {
  redactUrl,
  requireSubscriptionBox,
  secretContext,
  subscriptionKind,
  urlContext,
  type SubscriptionDeps,
} from './subscription-deps';

const audited = (deps: SubscriptionDeps) => ({ audit: deps.audit, clock: deps.clock });

/** A new signing secret: 32 random bytes, prefixed so a secret scanner recognises it. */
const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The webhook-target rules (https or allowlisted host:port, no user-info, no internal literal) on the
 * URL without its query: a Logic Apps / Power Automate callback URL carries its credential in `sig`
 * (an Azure Functions URL in `code`) by design, which a delivery target would refuse. That is why the
 * URL is sealed, not stored readable.
 */
function assertSubscriberUrl(deps: SubscriptionDeps, text: string) {
  const bare = new URL(text);
  bare.search = '';
  const problems = checkWebhookUrl(bare.href, deps.checkUrl, 'url');
  if (problems.length) throw invalidFields(problems);
}

/** 403 QUOTA_EXCEEDED at 20 (a count, not a reservation: two racing creations at the limit can both pass). */
async function assertQuota(deps: SubscriptionDeps, tenantId: string) {
  let current = 0;
  let cursor: string | null = null;
  do {
    const page = await deps.subscriptions.list(tenantId, { limit: 100, cursor });
    current += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  if (current >= MAX_SUBSCRIPTIONS_PER_TENANT)
    throw new AppError(
      'QUOTA_EXCEEDED',
      `A tenant may have ${MAX_SUBSCRIPTIONS_PER_TENANT} event subscriptions; this tenant has ${current}`,
      { limit: MAX_SUBSCRIPTIONS_PER_TENANT, current, resource: 'subscriptions' },
    );
}

/** Creates a subscription with a new signing secret, returned once; URL and secret are stored sealed. */
export async function createSubscription(
  deps: SubscriptionDeps,
  principal: Principal,
  input: SubscriptionRequest,
): Promise<{ subscription: Versioned<Subscription>; secret: string }> {
  authorize(principal, 'create');
  const box = requireSubscriptionBox(deps);
  assertSubscriberUrl(deps, input.url);
  await assertQuota(deps, principal.tenantId);
  const now = deps.clock();
  const id = newId(now, randomBytes);
  const secret = newSigningSecret();
  const subscription: Subscription = {
    id,
    tenantId: principal.tenantId,
    url: box.seal(input.url, urlContext(principal.tenantId, id)),
    urlRedacted: redactUrl(input.url),
    events: input.events,
    description: input.description ?? '',
    secret: box.seal(secret, secretContext(principal.tenantId, id)),
    createdBy: principal.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const stored = await createAudited(
    audited(deps),
    principal,
    subscriptionKind(deps.subscriptions),
    subscription,
  );
  return { subscription: stored, secret };
}

/** Unsubscribes: events already queued for it are dropped when their turn comes. */
export async function deleteSubscription(
  deps: SubscriptionDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<void> {
  await deleteAudited(audited(deps), principal, subscriptionKind(deps.subscriptions), id, precondition);
}

/** How long the secret before a rotation keeps signing: a day to deploy the new one on the receiver. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * A new signing secret, returned once. For a day events are signed with both (`v1=` each), so a
 * receiver can switch to the new secret without missing or refusing a single event.
 */
export async function rotateSubscriptionSecret(
  deps: SubscriptionDeps,
  principal: Principal,
  id: string,
  precondition?: Precondition,
): Promise<{ subscription: Versioned<Subscription>; secret: string }> {
  const box = requireSubscriptionBox(deps);
  const secret = newSigningSecret();
  const subscription = await updateAudited(
    audited(deps),
    principal,
    subscriptionKind(deps.subscriptions),
    id,
    (current) => {
      const now = deps.clock();
      return {
        ...current,
        secret: box.seal(secret, secretContext(current.tenantId, current.id)),
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
        updatedAt: now.toISOString(),
      };
    },
    precondition,
    'secret_rotated',
  );
  return { subscription, secret };
}
