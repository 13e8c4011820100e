import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Full blob name, always under `tenants/{tenantId}/`. */
  blobName: string;
  bytes: number;
  /** Lower-case hex sha256 of the stored bytes. */
  sha256: string;
  contentType: string;
}

/** Artifact and staging files in Blob storage, confined to one tenant's prefix. */
export interface ArtifactBlobStore {
  write(
    tenantId: string,
    relativePath: string,
    body: Readable | Buffer,
    contentType: string,
  ): Promise<StoredBlob>;
  openRead(tenantId: string, blobName: string): Promise<Readable>;
  signedUrl(
    tenantId: string,
    blobName: string,
    options: { expiresAt: Date; downloadName?: string },
  ): Promise<string>;
  delete(tenantId: string, blobName: string): Promise<void>;
  ping(): Promise<void>;
}
