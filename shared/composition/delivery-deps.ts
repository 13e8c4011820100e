import {
  createSubscriptionServices,
  type SubscriptionServices,
} from '../adapters/subscriptions/create-subscription-services';
import type { TableService } from '../adapters/table/table-service';
import type { Metrics } from '../adapters/observability/create-metrics';
import { deadLetterEvent } from '../app/deliveries/dead-letter-event';
import type { DeliveryDeps } from '../app/deliveries/delivery-deps';
import type { SecretBox } from '../app/event-triggers/secret-box';
import type { AppConfig } from '../config/app-config';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { ChannelKind, DeliveryChannel } from '../ports/delivery-channel';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { SecretResolver } from '../app/secrets/secret-resolver';
import type { CompositionHooks } from './deps';
import type { ExpiringStores } from './expiring-stores-deps';

/**
 * Event subscriptions: their store, the fan-out and the signed sender. Events go out exactly as webhook
 * deliveries do (one channel, one SSRF guard), and their dispatch records expire through housekeeping.
 */
export function createEventSubscriptions(
  config: AppConfig,
  parts: {
    tables: TableService;
    repos: Repositories;
    bus: MessageBus;
    clock: () => Date;
    secretBox: SecretBox | null;
    channels: Record<ChannelKind, DeliveryChannel>;
    stores: ExpiringStores;
  },
): SubscriptionServices {
  return parts.stores.withExpiringDispatches(
    createSubscriptionServices({
      tables: parts.tables,
      audit: parts.repos.audit,
      bus: parts.bus,
      clock: parts.clock,
      secretBox: parts.secretBox,
      outboundAllowlist: config.OUTBOUND_ALLOWLIST,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      channel: parts.channels.webhook,
    }),
  );
}

/** What a delivery's send needs: the ledger, the channels, the retry schedule; a dead letter is published. */
export function createDeliveryDeps(
  config: AppConfig,
  parts: {
    repos: Repositories;
    stores: ExpiringStores;
    blobs: ArtifactBlobStore;
    channels: Record<ChannelKind, DeliveryChannel>;
    secrets: SecretResolver;
    clock: () => Date;
    logger: Logger;
    metrics: Metrics;
    subscriptions: SubscriptionServices;
    hooks: CompositionHooks;
  },
): DeliveryDeps {
  const { hooks, subscriptions } = parts;
  return {
    repos: parts.repos,
    ledger: parts.stores.deliveries,
    blobs: parts.blobs,
    channels: parts.channels,
    secrets: parts.secrets,
    clock: parts.clock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    signedUrlTtlHours: config.SIGNED_URL_TTL_HOURS,
    retry: {
      baseMs: config.DELIVERY_RETRY_BASE_SECONDS * 1000,
      capMs: config.DELIVERY_RETRY_CAP_SECONDS * 1000,
    },
    ...(hooks.deliveryCheckpoint ? { checkpoint: hooks.deliveryCheckpoint } : {}),
    sendLeaseMs: config.DELIVERY_SEND_LEASE_SECONDS * 1000,
    log: parts.logger,
    metrics: parts.metrics,
    onDeadLettered: (record) => subscriptions.publish(deadLetterEvent(record)),
  };
}
