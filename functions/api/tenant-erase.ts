import { eraseTenant, requestTenantErase } from '../../shared/app/tenants/erase-tenant';
import { EraseTenantQuery, EraseTenantResponse } from '../../shared/contracts/tenant-erase';
import { defineEndpoint } from '../http/define-endpoint';

export const eraseTenantEndpoint = defineEndpoint({
  name: 'eraseTenant',
  method: 'DELETE',
  route: 'v1/tenant',
  summary: "Erase the caller's tenant: every definition, run, file, secret and audit event (two calls)",
  description:
    'Tenant admins. The first call (no `confirmationToken`) answers `confirmation_required` with a token ' +
    'valid 15 minutes; the second call with `?confirmationToken=` removes every row, blob and secret of ' +
    'the tenant and answers what was removed. It cannot be undone. The platform keeps one record of the ' +
    'erase, without personal data (the tenant as a hash, counts only).',
  tags: ['tenant'],
  roles: ['tenant_admin'],
  query: EraseTenantQuery,
  errors: ['PRECONDITION_FAILED'],
  responses: { 200: EraseTenantResponse },
  handler: async ({ principal, query }, deps) => {
    if (!query.confirmationToken)
      return {
        status: 'confirmation_required' as const,
        ...(await requestTenantErase(deps.tenantErase, principal)),
      };
    const erased = await eraseTenant(deps.tenantErase, principal, query.confirmationToken);
    return { status: 'erased' as const, ...erased };
  },
});
