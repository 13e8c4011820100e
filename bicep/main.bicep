// Report Scheduler — the whole Azure estate, composed from one module per concern (docs/azure.md).
//
//   Function App (Flex Consumption, Node 22)  — HTTP API, timers, Service Bus triggers, Durable Functions
//   Storage                                   — host storage, Durable task hub, tables, artifacts
//   Service Bus                               — the execution, subscription, redrive and render queues
//   Container Apps job + registry             — large PDF / HTML renders, started by KEDA
//   Key Vault, Communication Services, Redis, Static Web App, Log Analytics + Application Insights,
//   workbooks and alerts.
//
// Every identity is user-assigned and gets exactly the roles listed in modules/access.bicep, each with the
// reason it needs it. test/bicep/ checks these files against what the code needs.
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
@minLength(44)
@maxLength(44)
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

@description('Artifacts move from Hot to Cool after this many days (30 by default).')
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
    workspaceId: monitoring.outputs.workspaceId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: toLower(replace('${name}cr${token}', '-', ''))
    location: location
    tags: allTags
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    apiPrincipalId: apiIdentity.properties.principalId
    renderJobPrincipalId: renderJobIdentity.properties.principalId
    renderScalerPrincipalId: renderScalerIdentity.properties.principalId
    storageAccountName: storage.outputs.name
    serviceBusName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    registryName: registry.outputs.name
    communicationName: communication.outputs.name
    insightsName: monitoring.outputs.insightsName
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
  // The host starts with identity-based connections and resolves Key Vault references: roles first.
  dependsOn: [access]
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
    registryLoginServer: registry.outputs.loginServer
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
  }
  // KEDA and the job's first pull authenticate with roles granted there.
  dependsOn: [access]
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
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.publicBaseUrl
output SERVICE_WEB_URI string = web.outputs.origin
output SERVICE_RENDER_JOB_NAME string = renderJob.outputs.jobName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output KEY_VAULT_URL string = keyVault.outputs.uri
