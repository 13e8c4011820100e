import type { Backoff } from '../../domain/backoff';
import type { SecretResolver } from '../secrets/secret-resolver';
import type { DeliveryRecord } from '../../contracts/delivery';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { ChannelKind, DeliveryChannel } from '../../ports/delivery-channel';
import type { DocumentTable } from '../../ports/document-store';
import type { Repositories } from '../../ports/repositories';

/** The delivery metrics (prom-client shapes, so a test can pass its own registry's). */
export interface DeliveryMetrics {
  deliveryLatency: { observe(labels: { channel: string }, seconds: number): void };
  deliveryAttempts: { inc(labels: { channel: string; status: string }): void };
  /** An email accepted (false) or refused for good by the mail service (true): feeds email_bounce_rate. */
  recordEmailOutcome?(bounced: boolean): void;
}

export interface DeliveryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DeliveryDeps {
  repos: Repositories;
  ledger: DocumentTable<DeliveryRecord>;
  blobs: ArtifactBlobStore;
  /** The channel plugins; a delivery to a channel that is not configured fails permanently. */
  channels: Partial<Record<ChannelKind, DeliveryChannel>>;
  secrets: SecretResolver;
  clock: () => Date;
  /** Where the web app is served: the gallery link in messages. */
  publicBaseUrl: string;
  /** Lifetime of the signed download URLs in messages (a link target may ask for less). */
  signedUrlTtlHours: number;
  /** Retry schedule: base × 2^(attempt-1), capped; a receiver's Retry-After wins when longer. */
  retry: Backoff;
  /** How long a `sending` claim is honoured before it is taken as a crashed send (see docs/delivery.md). */
  sendLeaseMs: number;
  metrics?: DeliveryMetrics;
  log?: DeliveryLog;
  /**
   * Crash tests only (local mode): called after each step of an attempt — the claim written, the
   * channel's acceptance, the receipt written — so a test can kill the process exactly there.
   */
  checkpoint?: (step: DeliveryStep, record: DeliveryRecord) => void;
  /** Called once when a delivery is dead-lettered: publishes `delivery.failed` to subscribers. */
  onDeadLettered?: (record: DeliveryRecord) => Promise<void>;
}

/** The steps of one attempt, in order (docs/delivery.md); a crash after `sent` is the resend window. */
export type DeliveryStep = 'claimed' | 'sent' | 'recorded';

/** Attempts a delivery gets before it is dead-lettered (the first send and four retries). */
export const maxDeliveryAttempts = 5;
