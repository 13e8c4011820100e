import { AppError } from '../../domain/errors';

const tenantIdPattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;
const segmentPattern = /^[a-zA-Z0-9][a-zA-Z0-9._=-]{0,199}$/;

/** `tenants/{tenantId}/{relativePath}`, refusing anything that could step outside the tenant's prefix. */
export function tenantBlobName(tenantId: string, relativePath: string): string {
  if (!tenantIdPattern.test(tenantId))
    throw new AppError('VALIDATION_ERROR', 'invalid tenant id', { field: 'tenantId' });
  const segments = relativePath.split('/');
  if (segments.some((s) => !segmentPattern.test(s) || s === '..' || s === '.')) {
    throw new AppError('VALIDATION_ERROR', 'invalid blob path', { field: 'path' });
  }
  return `tenants/${tenantId}/${relativePath}`;
}

/** A blob name read back from storage or a request must lie inside the caller's tenant prefix. */
export function assertTenantBlob(tenantId: string, blobName: string): void {
  if (!blobName.startsWith(`tenants/${tenantId}/`) || blobName.includes('/../')) {
    throw new AppError('NOT_FOUND', 'artifact file was not found', {});
  }
}
