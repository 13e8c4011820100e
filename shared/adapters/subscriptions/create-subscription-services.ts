import type { DispatchDeps, RetryPolicy } from '../../app/subscriptions/dispatch-event';
import { defaultRetryPolicy } from '../../app/subscriptions/dispatch-event';
import { publishEvent, type PublishEvent } from '../../app/subscriptions/publish-event';
import type { SubscriptionDeps } from '../../app/subscriptions/subscription-deps';
import type { SecretBox } from '../../app/event-triggers/secret-box';
import type { DeliveryChannel } from '../../ports/delivery-channel';
import type { MessageBus } from '../../ports/message-bus';
import type { AuditLog } from '../../ports/repositories';
import { createWebhookChannel } from '../channels/webhook-channel';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { checkOutboundUrl, createOutboundPolicy } from '../http/outbound-policy';
import { createTableDispatchLedger, createTableSubscriptions } from '../table/table-subscription-stores';
import type { TableService } from '../table/table-service';

/** The API's use cases, the fan-out and the sender share these; `publish` is what producers call. */
export type SubscriptionServices = SubscriptionDeps & DispatchDeps & { publish: PublishEvent };

export interface SubscriptionServicesOptions {
  tables: TableService;
  audit: AuditLog;
  bus: MessageBus;
  clock: () => Date;
  secretBox: SecretBox | null;
  outboundAllowlist: readonly string[];
  publicBaseUrl: string;
  /** Default: the webhook channel over the SSRF-guarded client with this allowlist. */
  channel?: DeliveryChannel;
  retry?: RetryPolicy;
}

export function createSubscriptionServices(options: SubscriptionServicesOptions): SubscriptionServices {
  const channel =
    options.channel ??
    createWebhookChannel({
      http: createOutboundHttpClient({
        policy: createOutboundPolicy({ allowlist: options.outboundAllowlist }),
      }),
      clock: options.clock,
    });
  return {
    subscriptions: createTableSubscriptions(options.tables),
    ledger: createTableDispatchLedger(options.tables),
    audit: options.audit,
    clock: options.clock,
    secretBox: options.secretBox,
    checkUrl: (url) => checkOutboundUrl(url, options.outboundAllowlist),
    publicBaseUrl: options.publicBaseUrl,
    channel,
    bus: options.bus,
    retry: options.retry ?? defaultRetryPolicy,
    publish: (event) => publishEvent({ bus: options.bus }, event),
  };
}
