import type { AuditLog } from '../../ports/repositories';
import type { OperatorTenantSecrets, TenantSecretStore } from '../../ports/tenant-secret-store';

export interface TenantSecretDeps {
  store: TenantSecretStore;
  operator: OperatorTenantSecrets;
  audit: AuditLog;
  clock: () => Date;
}
