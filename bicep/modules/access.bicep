// Who may do what: every role assignment of the estate, on the narrowest scope that works, with the
// reason beside each. Three user-assigned identities: the Function App's, the render job's, and the
// render job's scaler's (KEDA reads queue lengths with it; it runs no code). test/bicep reads these tables.
param apiPrincipalId string
param renderJobPrincipalId string
param renderScalerPrincipalId string
param storageAccountName string
param serviceBusName string
param keyVaultName string
param registryName string
param communicationName string
param insightsName string

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
}

var storageRoles = [
  {
    // Durable Functions keeps partition leases and large messages in blobs; Flex reads its deployment
    // package; artifacts are written, read and deleted; signed links are user-delegation SAS, whose key
    // needs generateUserDelegationKey. Blob Data Owner is what the Functions host documents for this.
    principalId: apiPrincipalId
    role: roles.storageBlobDataOwner
  }
  {
    // The Durable task hub's control and work-item queues; the Functions host's own queues.
    principalId: apiPrincipalId
    role: roles.storageQueueDataContributor
  }
  {
    // Every metadata table (created on first use) and the task hub's Instances / History tables.
    principalId: apiPrincipalId
    role: roles.storageTableDataContributor
  }
  {
    // The render job reads the staged rows and writes the artifact and its thumbnail.
    principalId: renderJobPrincipalId
    role: roles.storageBlobDataContributor
  }
  {
    // The render job records the artifact, its expiry index entry and the run step in tables.
    principalId: renderJobPrincipalId
    role: roles.storageTableDataContributor
  }
]

var queueRoles = [
  // A Service Bus trigger reads its queue, and Flex Consumption scales the app on the queue's length, which
  // Service Bus serves to the Manage right only (with Listen the platform cannot see the backlog). So the
  // app holds Data Owner on each queue it is triggered by, and on that queue only. It covers sending too.
  //
  // The schedule sweep and POST /reports/{id}/runs publish executions; executionRequested starts each run.
  { queue: 'execution-requests', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // Run and delivery events are published by the app and fanned out by subscriptionEventFanOut.
  { queue: 'subscription-events', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // The fan-out queues one message per (event, subscription); subscriptionEventDispatch sends the webhook.
  { queue: 'subscription-dispatches', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // POST /deliveries/{id}/redrive publishes; deliveryRedriveRequested starts the deliverOne orchestration.
  { queue: 'delivery-redrives', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // renderJobCompleted raises the job's outcome as the Durable event the orchestration waits for.
  { queue: 'render-completions', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // POST /tenant/export publishes; tenantExportRequested writes the zip.
  { queue: 'tenant-exports', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // DELETE /tenant publishes the erased tenant's runs; tenantInstancesPurge purges their Durable instances.
  { queue: 'tenant-instance-purges', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // The enqueueRenderJob activity publishes large renders; only the job receives them. The app also reports
  // the queue's depth (service_bus_queue_depth), which Service Bus serves to Manage only: Data Owner.
  { queue: 'render-jobs', principalId: apiPrincipalId, role: roles.serviceBusDataOwner }
  // The render job takes them one at a time with a peek-lock.
  { queue: 'render-jobs', principalId: renderJobPrincipalId, role: roles.serviceBusDataReceiver }
  // KEDA's azure-servicebus scaler reads the queue's message count (Manage, as above): Data Owner on this
  // one queue, for an identity that runs no code.
  { queue: 'render-jobs', principalId: renderScalerPrincipalId, role: roles.serviceBusDataOwner }
  // The job answers with the render's outcome.
  { queue: 'render-completions', principalId: renderJobPrincipalId, role: roles.serviceBusDataSender }
]

var keyVaultRoles = [
  {
    // Key Vault references (EVENT_TRIGGER_KEY, REDIS_URL) are resolved with the app's identity, and the
    // tenant-secrets API writes, reads and deletes secrets under each tenant's prefix (Officer, not User).
    principalId: apiPrincipalId
    role: roles.keyVaultSecretsOfficer
  }
]

var registryRoles = [
  {
    // The job's containers are pulled from the registry with the job's identity (no admin user).
    principalId: renderJobPrincipalId
    role: roles.acrPull
  }
]

var communicationRoles = [
  {
    // The delivery activities send every report email through ACS with the app's identity (ACS_ENDPOINT).
    // Built-in, on this one resource: Communication Services does not honour custom roles in every case.
    principalId: apiPrincipalId
    role: roles.communicationAndEmailServiceOwner
  }
]

var insightsRoles = [
  {
    // Telemetry with Entra ID auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), needed once local auth is off.
    principalId: apiPrincipalId
    role: roles.monitoringMetricsPublisher
  }
  {
    // The render job's telemetry, likewise.
    principalId: renderJobPrincipalId
    role: roles.monitoringMetricsPublisher
  }
]

// ---- Assignments ----
resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in storageRoles: {
    name: guid(storage.id, a.principalId, a.role)
    scope: storage
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusName
}

// A role on one queue, not the namespace: each identity reaches only the queues it uses.
resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [
  for a in queueRoles: {
    parent: namespace
    name: a.queue
  }
]

resource queueAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in queueRoles: {
    name: guid(namespace.id, a.queue, a.principalId, a.role)
    scope: queue[i]
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource vaultAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in keyVaultRoles: {
    name: guid(vault.id, a.principalId, a.role)
    scope: vault
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource registryAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in registryRoles: {
    name: guid(registry.id, a.principalId, a.role)
    scope: registry
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationName
}

resource communicationAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in communicationRoles: {
    name: guid(communication.id, a.principalId, a.role)
    scope: communication
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource insightsAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in insightsRoles: {
    name: guid(insights.id, a.principalId, a.role)
    scope: insights
    properties: {
      principalId: a.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
    }
  }
]
