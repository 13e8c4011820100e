import type { Redis } from 'ioredis';
import { createTenantRateLimiter } from '../adapters/rate-limit/create-tenant-rate-limiter';
import type { TenantRateLimiter } from '../adapters/rate-limit/tenant-rate-limiter';
import type { ReportRenderers } from '../app/pipeline/render-format';
import type { PreviewDeps } from '../app/preview/preview-deps';
import type { AppConfig } from '../config/app-config';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { DataSourceResolver } from '../ports/data-source';
import type { ChannelKind, DeliveryChannel } from '../ports/delivery-channel';
import type { Logger } from '../ports/logger';
import type { Repositories } from '../ports/repositories';

/** A previewed PDF's signed URL lives this long; the editor asks again as the user types. */
const previewPdfUrlMinutes = 15;

/**
 * Previews share the run pipeline's renderers (one browser per process) and data sources, and count
 * against their own small per-tenant limit (`PREVIEW_REQUESTS_PER_MINUTE`, every tier alike): a preview
 * runs the tenant's query and renders, so it costs far more than an API read.
 */
export function createPreviewDeps(
  config: AppConfig,
  parts: {
    repos: Repositories;
    blobs: ArtifactBlobStore;
    dataSources: DataSourceResolver;
    renderers: ReportRenderers;
    clock: () => Date;
    channels: Partial<Record<ChannelKind, DeliveryChannel>>;
    redis?: Redis;
    logger: Logger;
    expireBlob: NonNullable<PreviewDeps['expireBlob']>;
  },
): PreviewDeps & { rateLimiter: TenantRateLimiter } {
  const perMinute = config.PREVIEW_REQUESTS_PER_MINUTE;
  return {
    repos: parts.repos,
    blobs: parts.blobs,
    dataSources: parts.dataSources,
    renderers: parts.renderers,
    clock: parts.clock,
    limits: { timeoutMs: 30_000 },
    emailChannel: parts.channels.email,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    pdfUrlTtlMinutes: previewPdfUrlMinutes,
    expireBlob: parts.expireBlob,
    rateLimiter: createTenantRateLimiter({
      ...(parts.redis ? { redis: parts.redis } : {}),
      keyPrefix: 'ratelimit:preview',
      limits: { standard: perMinute, premium: perMinute, enterprise: perMinute },
      logger: parts.logger,
    }),
  };
}
