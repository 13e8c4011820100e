// The Function App on Flex Consumption: functions/ (HTTP API, timers, Service Bus triggers, Durable
// orchestrations), Node 22, user-assigned identity for every connection.
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string

@allowed([512, 2048, 4096])
param instanceMemoryMB int

param maximumInstanceCount int
param serviceBusHost string
param insightsConnectionString string
param keyVaultName string
param keyVaultUri string
param eventTriggerKeySecretName string
param redisUrlSecretName string
param acsEndpoint string
param emailFrom string
param publicBaseUrl string
param webOrigin string
param renderJobMinRows int

@description('Settings the render job shares (main.bicep sharedSettings).')
param sharedSettings object

param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings resolve with this identity.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Node 22: Node 20 is past its end of life in Azure. The code also runs on 20 (the local host).
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: { allowedOrigins: [webOrigin], supportCredentials: false }
    }
  }
}

var baseUrl = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl

// Every setting shared/config/app-config.ts reads that Azure needs; the rest keep their defaults
// (test/bicep lists which and why). Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION: the runtime is functionAppConfig.runtime.
var appSettings = {
  // Host storage, Durable task hub and the app's tables and blobs, with the managed identity.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Service Bus triggers (connection 'ServiceBusConnection') and the app's message bus.
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusHost
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  // DefaultAzureCredential in the app's own clients (tables, blobs, Service Bus, ACS, Key Vault).
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Event-trigger URLs, Location headers and gallery links are built from it (default: localhost).
  PUBLIC_BASE_URL: baseUrl
  // Without it event triggers answer 503.
  EVENT_TRIGGER_KEY: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${eventTriggerKeySecretName})'
  // Rate limits counted once across instances, not per instance.
  REDIS_URL: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${redisUrlSecretName})'
  // Tenant secrets (data-source passwords, channel tokens) under a prefix per tenant.
  KEY_VAULT_URL: keyVaultUri
  // Email through Communication Services with the managed identity.
  ACS_ENDPOINT: acsEndpoint
  EMAIL_FROM: emailFrom
  RENDER_JOB_MIN_ROWS: string(renderJobMinRows)
  // Audit events stay in the table a year, then the daily auditArchive timer moves them to Blob.
  AUDIT_RETENTION_DAYS: '365'
  // The hourly housekeeping timer purges finished runs' Durable history after this (the run records stay).
  RUN_HISTORY_RETENTION_DAYS: '30'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(sharedSettings, appSettings)
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = site.id
output name string = site.name
output publicBaseUrl string = baseUrl
