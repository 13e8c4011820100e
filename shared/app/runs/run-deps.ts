import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { ArtifactExpiryIndex } from '../../ports/artifact-expiry-index';
import type { DataSourceResolver } from '../../ports/data-source';
import type { Repositories } from '../../ports/repositories';

export interface RunDeps {
  repos: Repositories;
  blobs: ArtifactBlobStore;
  expiry: ArtifactExpiryIndex;
  dataSources: DataSourceResolver;
  clock: () => Date;
  /** Identifies the process doing the work, recorded on the run. */
  workerId: string;
  limits: { timeoutMs: number; maxRows: number };
}
