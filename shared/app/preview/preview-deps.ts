import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { DataSourceResolver } from '../../ports/data-source';
import type { DeliveryChannel } from '../../ports/delivery-channel';
import type { Repositories } from '../../ports/repositories';
import type { ReportRenderers } from '../pipeline/render-format';

/** What a preview needs: the run pipeline's readers and renderers, nothing that records or sends. */
export interface PreviewDeps {
  repos: Repositories;
  /** Only for a previewed PDF: written under `previews/` and handed out as a short-lived signed URL. */
  blobs: ArtifactBlobStore;
  dataSources: DataSourceResolver;
  renderers: ReportRenderers;
  clock: () => Date;
  limits: { timeoutMs: number };
  /** The email channel's attachment limit decides attach-or-link exactly as a real send does. */
  emailChannel: Pick<DeliveryChannel, 'maxAttachmentBytes'> | undefined;
  publicBaseUrl: string;
  /** Lifetime of a previewed PDF's signed URL. */
  pdfUrlTtlMinutes: number;
  /** Has the previewed PDF removed once expired (the housekeeping pass); see PREVIEW_KEPT_MINUTES. */
  expireBlob?: (tenantId: string, blobName: string, expiresAt: string) => Promise<void>;
}

/** A previewed PDF is kept this long (its link lives 15 minutes), then the hourly housekeeping removes it. */
export const PREVIEW_KEPT_MINUTES = 60;
