// The one storage account: Functions host storage, the Durable task hub, metadata tables, artifacts
// (versioned, soft-deleted, Hot -> Cool -> delete) and the Flex Consumption deployment package.
// Shared keys are off: every client authenticates with its managed identity.
param name string
param location string
param tags object
param skuName string
param artifactContainerName string
param deploymentContainerName string

@description('host.json extensions.durableTask.hubName and storageProvider.partitionCount.')
param taskHubName string
param taskHubPartitions int

param artifactCoolAfterDays int
param artifactDeleteAfterDays int
param softDeleteDays int

@description('Days an archived audit blob cannot be changed or deleted (docs/retention.md); then lifecycle deletes it.')
param auditArchiveImmutableDays int = 2190
param workspaceId string

// Metadata tables the code opens (shared/adapters/table, shared/adapters/datasources). The code creates a
// missing table on first use too; declaring them keeps the estate reviewable and lets test/bicep check it.
var tableNames = [
  'tenants'
  'reports'
  'reportversions'
  'schedules'
  'runs'
  'artifacts'
  'holidaycalendars'
  'deliverytargets'
  'eventtriggers'
  'auditevents'
  // Which tenant-days still have audit events in the table: the daily archive reads only the expired ones.
  'auditdays'
  'datasources'
  'dueindex'
  'firegates'
  'quotacounters'
  'executionslots'
  'quotaalerts'
  'idempotencykeys'
  'eventtriggerdirectory'
  'eventtriggersignatures'
  'subscriptions'
  'subscriptiondispatches'
  'deliveries'
  'artifactexpiry'
  // Expiring records of every store by expiry hour: the hourly housekeeping timer reads only what expired.
  'housekeeping'
  // A tenant's pending erase (the confirmation token's hash), and the operator's audit of erases (no personal data).
  'tenanterasures'
  'platformaudit'
  // Erased tenants (a hash, no personal data) whose queued messages the consumers drop, for 14 days.
  'erasedtenants'
  // A tenant's exports (the zips are blobs under tenants/{t}/exports/ in the artifact container).
  'tenantexports'
  // Tenant secrets: the index of names (Azure and local) and the sealed values (local host only).
  'tenantsecretindex'
  'tenantsecrets'
]

// No queues of the app's own: its Storage-queue message bus is the local host's stand-in for Service Bus.
// The Durable task hub (Azure Storage provider): control queues {hub}-control-00.., the work-item queue
// and the Instances / History tables. Durable creates them itself as well; they are declared so that a
// hub rename in host.json shows up here.
var hubLower = toLower(taskHubName)
var taskHubQueues = concat(
  map(range(0, taskHubPartitions), i => '${hubLower}-control-${padLeft(string(i), 2, '0')}'),
  ['${hubLower}-workitems']
)
var taskHubTables = ['${taskHubName}Instances', '${taskHubName}History']

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    // A blob overwritten or deleted by mistake can be restored for softDeleteDays.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

resource artifactContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: artifactContainerName
  properties: { publicAccess: 'None' }
}

// Audit events past AUDIT_RETENTION_DAYS, one NDJSON blob per tenant-day under tenants/{tenantId}/audit/.
// Version-level WORM: every blob written is immutable for auditArchiveImmutableDays. The policy is left
// unlocked so that an operator can review it before locking (locking cannot be undone).
resource auditArchiveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: 'audit-archive'
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource auditArchiveImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2024-01-01' = {
  parent: auditArchiveContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditArchiveImmutableDays
    allowProtectedAppendWrites: false
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in concat(tableNames, taskHubTables): {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queue in taskHubQueues: {
    parent: queueService
    name: queue
  }
]

// Retention per tenant (1-365 days) is enforced by the artifactRetention timer, which deletes each
// artifact at its own expiry. Lifecycle rules cannot see a tenant's retention, so they do the rest:
// artifacts go Cool after artifactCoolAfterDays, anything the timer missed is deleted after the longest
// retention, and old versions / soft-deleted copies do not pile up.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'artifacts-hot-cool-delete'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${artifactContainerName}/tenants/'] }
            actions: {
              baseBlob: {
                tierToCool: { daysAfterModificationGreaterThan: artifactCoolAfterDays }
                delete: { daysAfterModificationGreaterThan: artifactDeleteAfterDays }
              }
              version: { delete: { daysAfterCreationGreaterThan: softDeleteDays } }
            }
          }
        }
        {
          name: 'audit-archive-delete'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['audit-archive/tenants/'] }
            actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: auditArchiveImmutableDays + 1 } } }
          }
        }
        {
          name: 'old-versions-everywhere'
          enabled: true
          type: 'Lifecycle'
          definition: {
            // Durable leases and large messages are rewritten often; keep their versions briefly.
            filters: { blobTypes: ['blockBlob'] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: softDeleteDays } } }
          }
        }
      ]
    }
  }
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    metrics: [{ category: 'Transaction', enabled: true }]
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    // Deletions only: reads and writes include Durable's lease renewals every few seconds.
    logs: [{ category: 'StorageDelete', enabled: true }]
    metrics: [{ category: 'Transaction', enabled: true }]
  }
}

output id string = account.id
output name string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
