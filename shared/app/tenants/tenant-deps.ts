import type { Repositories } from '../../ports/repositories';
import type { ExecutionUsage } from '../../ports/execution-quota';
import type { TenantDirectory } from '../../ports/tenant-directory';
import type { TenantProfiles } from './tenant-profiles';

/** What the tenant settings, operator and usage use cases need. */
export interface TenantDeps {
  repos: Pick<Repositories, 'tenants' | 'schedules' | 'audit'>;
  profiles: TenantProfiles;
  directory: TenantDirectory;
  quota: ExecutionUsage;
  clock: () => Date;
}
