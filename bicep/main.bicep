// Report Scheduler — the whole Azure estate, composed from one module per concern (docs/azure.md).
//
//   Function App (Flex Consumption, Node 22)  — HTTP API, timers, Service Bus triggers, Durable Functions
//   Storage                                   — host storage, Durable task hub, tables, artifacts
//   Service Bus                               — the execution, subscription, redrive and render queues
//   Container Apps job + registry             — large PDF / HTML renders, started by KEDA
//   Key Vault, Communication Services, Redis, Static Web App, Log Analytics + Application Insights,
//   workbooks and alerts.
//
// Every identity is user-assigned and gets exactly the roles listed in the role tables below, each with
// the reason it needs it. test/bicep/ checks these files against what the code needs.
targetScope = 'resourceGroup'

@description('Short name used as a prefix for every resource: lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(11)
param name string

@description('azd environment name; with the resource group it makes names unique.')
param environmentName string

param location string = resourceGroup().location

@description('Static Web Apps run in a few regions only (westus2, centralus, eastus2, westeurope, eastasia).')
param staticWebAppLocation string = 'westeurope'

@allowed(['Free', 'Standard'])
param staticWebAppSku string = 'Free'

@description('OpenID issuer, audience and JWKS of the access tokens (Entra ID / B2C).')
param authIssuer string
param authAudience string
param authJwksUrl string

@description('Base64 of 32 random bytes (`openssl rand -base64 32`): seals event-trigger secrets. Stored in Key Vault.')
@secure()
param eventTriggerKey string

@description('Public origin of the API (a custom domain); empty = the Function App\'s default host name.')
param publicBaseUrl string = ''

@description('Render job image; empty on the first provision (azd deploy pushes the real one).')
param renderJobImage string = ''

@description('How long the orchestrator waits for a render job (RENDER_JOB_TIMEOUT_SECONDS); also the replica timeout.')
param renderJobTimeoutSeconds int = 900

@description('PDF / HTML renders of at least this many rows go to the render job (RENDER_JOB_MIN_ROWS).')
param renderJobMinRows int = 50000

param renderJobMaxExecutions int = 10

@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

@description('Azure Managed Redis SKU (rate limits only: the smallest is plenty).')
param redisSku string = 'Balanced_B0'

@description('Artifacts move from Hot to Cool after this many days (spec §18: 30).')
param artifactCoolAfterDays int = 30

@description('Backstop delete after this many days: the longest tenant retention (365) plus a grace day.')
param artifactDeleteAfterDays int = 366

param blobSoftDeleteDays int = 14
param logRetentionDays int = 30

@description('Key Vault purge protection: on in production (it cannot be turned off again).')
param keyVaultPurgeProtection bool = false

@description('Turn off key-based ingestion into Application Insights once every exporter authenticates with Entra ID.')
param appInsightsDisableLocalAuth bool = false

@description('Where alerts go (email of the on-call rota); empty = an action group without receivers.')
param alertEmail string = ''

param tags object = {}

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { 'azd-env-name': environmentName })
var taskHubName = loadJsonContent('../host.json').extensions.durableTask.hubName
var taskHubPartitions = loadJsonContent('../host.json').extensions.durableTask.storageProvider.partitionCount
var artifactContainerName = 'artifacts'

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

// ---- Identities: one per workload, and one for the render job's scaler (it needs more than the job). ----
resource apiIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-api-id-${token}'
  location: location
  tags: allTags
}

resource renderJobIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-render-id-${token}'
  location: location
  tags: allTags
}

resource renderScalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-scaler-id-${token}'
  location: location
  tags: allTags
}

// ---- Role tables: every assignment, who gets it, on what, and why. ----
var storageRoles = [
  {
    // Durable Functions keeps partition leases and large messages in blobs; Flex reads its deployment
    // package; artifacts are written, read and deleted; signed links are user-delegation SAS, whose key
    // needs generateUserDelegationKey. Blob Data Owner is what the Functions host documents for this.
    principalId: apiIdentity.properties.principalId
    role: roles.storageBlobDataOwner
  }
  {
    // The Durable task hub's control and work-item queues; the Functions host's own queues.
    principalId: apiIdentity.properties.principalId
    role: roles.storageQueueDataContributor
  }
  {
    // Every metadata table (created on first use) and the task hub's Instances / History tables.
    principalId: apiIdentity.properties.principalId
    role: roles.storageTableDataContributor
  }
  {
    // The render job reads the staged rows and writes the artifact and its thumbnail.
    principalId: renderJobIdentity.properties.principalId
    role: roles.storageBlobDataContributor
  }
  {
    // The render job records the artifact, its expiry index entry and the run step in tables.
    principalId: renderJobIdentity.properties.principalId
    role: roles.storageTableDataContributor
  }
]

var queueRoles = [
  // The schedule sweep and POST /reports/{id}/runs publish executions.
  { queue: 'execution-requests', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // executionRequested (Service Bus trigger) starts each run's orchestration.
  { queue: 'execution-requests', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
  // Run and delivery events are published by the app...
  { queue: 'subscription-events', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // ...and fanned out by subscriptionEventFanOut.
  { queue: 'subscription-events', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
  // The fan-out queues one message per (event, subscription) and schedules its retries.
  { queue: 'subscription-dispatches', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // subscriptionEventDispatch sends the signed webhook.
  { queue: 'subscription-dispatches', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
  // POST /deliveries/{id}/redrive publishes a redrive.
  { queue: 'delivery-redrives', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // deliveryRedriveRequested starts the deliverOne orchestration.
  { queue: 'delivery-redrives', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
  // The enqueueRenderJob activity publishes large renders.
  { queue: 'render-jobs', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // The render job takes them one at a time with a peek-lock.
  { queue: 'render-jobs', principalId: renderJobIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
  // KEDA's azure-servicebus scaler reads the queue's message count, which Service Bus serves to the
  // Manage right only: Data Owner, on this one queue, for an identity that runs no code.
  { queue: 'render-jobs', principalId: renderScalerIdentity.properties.principalId, role: roles.serviceBusDataOwner }
  // The job answers with the render's outcome...
  { queue: 'render-completions', principalId: renderJobIdentity.properties.principalId, role: roles.serviceBusDataSender }
  // ...which renderJobCompleted raises as the Durable event the orchestration waits for.
  { queue: 'render-completions', principalId: apiIdentity.properties.principalId, role: roles.serviceBusDataReceiver }
]

var keyVaultRoles = [
  {
    // Key Vault references (EVENT_TRIGGER_KEY, REDIS_URL) are resolved with the app's identity, and the
    // tenant-secrets API writes, reads and deletes secrets under each tenant's prefix (Officer, not User).
    principalId: apiIdentity.properties.principalId
    role: roles.keyVaultSecretsOfficer
  }
]

var registryRoles = [
  {
    // The job's containers are pulled from the registry with the job's identity (no admin user).
    principalId: renderJobIdentity.properties.principalId
    role: roles.acrPull
  }
]

var communicationRoles = [
  {
    // The delivery activities send every report email through ACS with the app's identity (ACS_ENDPOINT).
    principalId: apiIdentity.properties.principalId
    role: roles.communicationAndEmailServiceOwner
  }
]

var insightsRoles = [
  {
    // Telemetry with Entra ID auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), needed once local auth is off.
    principalId: apiIdentity.properties.principalId
    role: roles.monitoringMetricsPublisher
  }
  {
    // The render job's telemetry, likewise.
    principalId: renderJobIdentity.properties.principalId
    role: roles.monitoringMetricsPublisher
  }
]

// ---- Modules ----
module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    token: token
    location: location
    tags: allTags
    retentionInDays: logRetentionDays
    disableLocalAuth: appInsightsDisableLocalAuth
    roleAssignments: insightsRoles
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take(toLower(replace('${name}st${token}', '-', '')), 24)
    location: location
    tags: allTags
    skuName: storageSku
    artifactContainerName: artifactContainerName
    deploymentContainerName: 'app-package-${token}'
    taskHubName: taskHubName
    taskHubPartitions: taskHubPartitions
    artifactCoolAfterDays: artifactCoolAfterDays
    artifactDeleteAfterDays: artifactDeleteAfterDays
    softDeleteDays: blobSoftDeleteDays
    workspaceId: monitoring.outputs.workspaceId
    roleAssignments: storageRoles
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    name: '${name}-sb-${token}'
    location: location
    tags: allTags
    sku: serviceBusSku
    workspaceId: monitoring.outputs.workspaceId
    roleAssignments: queueRoles
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: take('${name}-kv-${token}', 24)
    location: location
    tags: allTags
    purgeProtection: keyVaultPurgeProtection
    eventTriggerKey: eventTriggerKey
    workspaceId: monitoring.outputs.workspaceId
    roleAssignments: keyVaultRoles
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    name: '${name}-redis-${token}'
    location: location
    tags: allTags
    skuName: redisSku
    keyVaultName: keyVault.outputs.name
    workspaceId: monitoring.outputs.workspaceId
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  params: {
    name: '${name}-${token}'
    tags: allTags
    roleAssignments: communicationRoles
    workspaceId: monitoring.outputs.workspaceId
  }
}

module web 'modules/static-web-app.bicep' = {
  name: 'static-web-app'
  params: {
    name: '${name}-web-${token}'
    location: staticWebAppLocation
    tags: allTags
    sku: staticWebAppSku
  }
}

// Settings the Function App and the render job must agree on: the job renders with the app's settings.
var sharedSettings = {
  AUTH_ISSUER: authIssuer
  AUTH_AUDIENCE: authAudience
  AUTH_JWKS_URL: authJwksUrl
  ARTIFACT_CONTAINER: artifactContainerName
  RENDER_JOB_TIMEOUT_SECONDS: string(renderJobTimeoutSeconds)
  LOG_LEVEL: 'info'
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: '${name}-func-${token}'
    location: location
    tags: allTags
    identityId: apiIdentity.id
    identityClientId: apiIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    serviceBusHost: serviceBus.outputs.host
    insightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    keyVaultUri: keyVault.outputs.uri
    eventTriggerKeySecretName: keyVault.outputs.eventTriggerKeySecretName
    redisUrlSecretName: redis.outputs.urlSecretName
    acsEndpoint: communication.outputs.endpoint
    emailFrom: 'Report Scheduler <${communication.outputs.senderAddress}>'
    publicBaseUrl: publicBaseUrl
    webOrigin: web.outputs.origin
    renderJobMinRows: renderJobMinRows
    sharedSettings: sharedSettings
    workspaceId: monitoring.outputs.workspaceId
  }
  // The host starts with identity-based connections: its roles must exist first.
  dependsOn: [storage, serviceBus, keyVault]
}

module renderJob 'modules/render-job.bicep' = {
  name: 'render-job'
  params: {
    name: name
    token: token
    location: location
    tags: allTags
    identityId: renderJobIdentity.id
    identityClientId: renderJobIdentity.properties.clientId
    scalerIdentityId: renderScalerIdentity.id
    image: renderJobImage
    storageAccountName: storage.outputs.name
    serviceBusName: serviceBus.outputs.name
    serviceBusHost: serviceBus.outputs.host
    insightsConnectionString: monitoring.outputs.connectionString
    publicBaseUrl: functionApp.outputs.publicBaseUrl
    timeoutSeconds: renderJobTimeoutSeconds
    maxExecutions: renderJobMaxExecutions
    sharedSettings: sharedSettings
    workspaceId: monitoring.outputs.workspaceId
    registryRoleAssignments: registryRoles
  }
  // KEDA and the job's first pull authenticate with roles granted in these modules.
  dependsOn: [serviceBus, storage]
}

module observability 'modules/observability.bicep' = {
  name: 'observability'
  params: {
    name: name
    location: location
    tags: allTags
    insightsId: monitoring.outputs.insightsId
    workspaceId: monitoring.outputs.workspaceId
    serviceBusId: serviceBus.outputs.id
    storageAccountId: storage.outputs.id
    publicBaseUrl: functionApp.outputs.publicBaseUrl
    alertEmail: alertEmail
  }
}

// azd reads these (AZURE_* and SERVICE_* names are its conventions).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = renderJob.outputs.registryLoginServer
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.publicBaseUrl
output SERVICE_WEB_URI string = web.outputs.origin
output SERVICE_RENDER_JOB_NAME string = renderJob.outputs.jobName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output KEY_VAULT_URL string = keyVault.outputs.uri
