import type { Subscription, SubscriptionResource } from '../../contracts/subscription';
import { AppError } from '../../domain/errors';
import type { DocumentTable } from '../../ports/document-store';
import type { AuditLog } from '../../ports/repositories';
import type { DispatchLedger } from '../../ports/subscription-stores';
import type { AuditedKind } from '../audit/audited-documents';
import type { SecretBox } from '../event-triggers/secret-box';
import type { OutboundUrlCheck } from '../../ports/outbound-url-check';

export interface SubscriptionDeps {
  subscriptions: DocumentTable<Subscription>;
  ledger: DispatchLedger;
  audit: AuditLog;
  clock: () => Date;
  /** Seals URLs and signing secrets (EVENT_TRIGGER_KEY); null → subscriptions answer 503. */
  secretBox: SecretBox | null;
  /** `host:port` pairs a subscriber URL may use without https (loopback receivers in tests). */
  /** The send-time guard's URL rules, so a callback URL is refused when saved. */
  checkUrl: OutboundUrlCheck;
  /** Makes the `Location` absolute: Logic Apps DELETEs exactly that URL to unsubscribe. */
  publicBaseUrl: string;
}

export const subscriptionKind = (table: DocumentTable<Subscription>): AuditedKind<Subscription> => ({
  entityType: 'subscription',
  entityName: 'Subscription',
  table,
  // Never the sealed URL or secret: the redacted URL says enough.
  auditView: ({ urlRedacted, events, description, previousSecretExpiresAt, createdBy }) => ({
    url: urlRedacted,
    events,
    description,
    previousSecretExpiresAt,
    createdBy,
  }),
});

export function requireSubscriptionBox(deps: Pick<SubscriptionDeps, 'secretBox'>): SecretBox {
  if (deps.secretBox) return deps.secretBox;
  throw new AppError('SERVICE_UNAVAILABLE', 'Event subscriptions are not configured on this server', {
    setting: 'EVENT_TRIGGER_KEY',
  });
}

/** Associated data of the sealed values: a sealed URL or secret copied onto another row does not open. */
export const urlContext = (tenantId: string, id: string) => `subscription-url|${tenantId}|${id}`;
export const secretContext = (tenantId: string, id: string) => `subscription-secret|${tenantId}|${id}`;

/** Every query value replaced by `***` (a callback URL's `sig` is a credential); the rest stays readable. */
export function redactUrl(text: string): string {
  const url = new URL(text);
  const names = [...url.searchParams.keys()];
  url.search = '';
  const query = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  return query ? `${url.href}?${query}` : url.href;
}

export const subscriptionLocation = (deps: Pick<SubscriptionDeps, 'publicBaseUrl'>, id: string) =>
  `${deps.publicBaseUrl.replace(/\/+$/, '')}/api/v1/subscriptions/${id}`;

export function toSubscriptionResource(s: Subscription): SubscriptionResource {
  return {
    id: s.id,
    tenantId: s.tenantId,
    url: s.urlRedacted,
    events: s.events,
    description: s.description,
    ...(s.previousSecretExpiresAt ? { previousSecretExpiresAt: s.previousSecretExpiresAt } : {}),
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
