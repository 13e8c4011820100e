import { runTenantExport } from '../../shared/app/tenants/export/run-tenant-export';
import { TenantExportRequested, tenantExportQueueName } from '../../shared/contracts/tenant-export';
import { defineConsumer } from './define-consumer';

/**
 * Writes a tenant's export zip out of the request that asked for it. A crash redelivers the message and
 * the zip is written again; the export's lease fails it if no worker finishes (docs/tenancy.md).
 */
defineConsumer('tenantExportRequested', {
  queueName: tenantExportQueueName,
  schema: TenantExportRequested,
  handler: async (message, deps) => {
    const outcome = await runTenantExport(deps.tenantExport, message);
    deps.logger.info({ tenantId: message.tenantId, exportId: message.exportId, outcome }, 'tenant export');
  },
});
