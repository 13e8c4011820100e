// Report Scheduler — Azure resources (minimal; the infrastructure issue completes it).
// Function App (Flex Consumption) with a system-assigned identity, its Storage account (tables, blobs,
// queues, Durable task hub), Service Bus for execution messages, Application Insights, and the render
// job (a Container Apps job) for large PDF / HTML renders.
targetScope = 'resourceGroup'

@description('Short name used as a prefix for every resource.')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('OpenID issuer and audience of the access tokens (Entra ID / B2C).')
param authIssuer string
param authAudience string
param authJwksUrl string

@description('Container image of the render job: this repository built, started as `node dist/jobs/main.js`.')
param renderJobImage string

@description('How long the orchestrator waits for a render job (RENDER_JOB_TIMEOUT_SECONDS); also the replica timeout.')
param renderJobTimeoutSeconds int = 900

var storageName = toLower('${name}st${uniqueString(resourceGroup().id)}')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: '${name}-sb-${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
}

resource executionQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'execution-requests'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

// Event subscriptions: published events (message id = event id, so a re-published event is dropped) and
// one message per (event, subscription); retries are scheduled messages the sender queues itself.
resource subscriptionEventsQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'subscription-events'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

resource subscriptionDispatchQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'subscription-dispatches'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

// Delivery redrives (POST /v1/deliveries/{id}/redrive): the consumer starts the deliverOne orchestration.
resource deliveryRedriveQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'delivery-redrives'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

// Large PDF / HTML renders (RENDER_JOB_MIN_ROWS): the orchestrator queues a request (message id from run +
// format, so a duplicate is dropped), the render job answers on render-completions, whose consumer raises
// the Durable event. A render that keeps crashing is dead-lettered after 5 deliveries; the orchestrator's
// RENDER_JOB_TIMEOUT_SECONDS then fails the run with RENDER_TIMEOUT.
resource renderJobsQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'render-jobs'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    lockDuration: 'PT5M'
    maxDeliveryCount: 5
    deadLetteringOnMessageExpiration: true
  }
}

resource renderCompletionsQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: 'render-completions'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-func-${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: '${serviceBus.name}.servicebus.windows.net' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'AUTH_ISSUER', value: authIssuer }
        { name: 'AUTH_AUDIENCE', value: authAudience }
        { name: 'AUTH_JWKS_URL', value: authJwksUrl }
        { name: 'RENDER_JOB_TIMEOUT_SECONDS', value: string(renderJobTimeoutSeconds) }
      ]
    }
  }
}

output functionAppName string = functionApp.name

// ---- Render job (issue 4): a Container Apps job started by KEDA while `render-jobs` has messages. ----
// It runs the same renderArtifact use case as the activity (jobs/render-job.ts) with the app's settings.
resource renderJobIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-render-job-id'
  location: location
}

var renderJobRoles = [
  { scope: 'sb', role: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' } // Azure Service Bus Data Receiver
  { scope: 'sb', role: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' } // Azure Service Bus Data Sender
  { scope: 'st', role: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' } // Storage Blob Data Contributor
  { scope: 'st', role: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' } // Storage Table Data Contributor
]

resource renderJobSbRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for r in filter(renderJobRoles, x => x.scope == 'sb'): {
    name: guid(serviceBus.id, renderJobIdentity.id, r.role)
    scope: serviceBus
    properties: {
      principalId: renderJobIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', r.role)
    }
  }
]

resource renderJobStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for r in filter(renderJobRoles, x => x.scope == 'st'): {
    name: guid(storage.id, renderJobIdentity.id, r.role)
    scope: storage
    properties: {
      principalId: renderJobIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', r.role)
    }
  }
]

resource containerEnv 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-cae'
  location: location
  properties: {}
}

// A scale rule's `identity` (managed identity for KEDA) is in the schema from 2024-08-02-preview on.
resource renderJob 'Microsoft.App/jobs@2024-08-02-preview' = {
  name: '${name}-render-job'
  location: location
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${renderJobIdentity.id}': {} } }
  properties: {
    environmentId: containerEnv.id
    configuration: {
      triggerType: 'Event'
      replicaTimeout: renderJobTimeoutSeconds
      // Service Bus redelivers a failed message (up to maxDeliveryCount); the replica is not retried.
      replicaRetryLimit: 0
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: 10
          pollingInterval: 10
          rules: [
            {
              name: 'render-jobs'
              type: 'azure-servicebus'
              metadata: { queueName: renderJobsQueue.name, namespace: serviceBus.name, messageCount: '1' }
              identity: renderJobIdentity.id
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'render-job'
          image: renderJobImage
          command: ['node', 'dist/jobs/main.js']
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: [
            { name: 'AZURE_CLIENT_ID', value: renderJobIdentity.properties.clientId }
            { name: 'AzureWebJobsStorage__accountName', value: storage.name }
            { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: '${serviceBus.name}.servicebus.windows.net' }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
            { name: 'RENDER_JOB_TIMEOUT_SECONDS', value: string(renderJobTimeoutSeconds) }
            // Validated with the rest of the app settings, though the job serves no HTTP.
            { name: 'AUTH_ISSUER', value: authIssuer }
            { name: 'AUTH_AUDIENCE', value: authAudience }
            { name: 'AUTH_JWKS_URL', value: authJwksUrl }
          ]
        }
      ]
    }
  }
  dependsOn: [renderJobSbRoles, renderJobStorageRoles, renderCompletionsQueue]
}

output renderJobName string = renderJob.name
