// The render job (jobs/main.ts, built by the Dockerfile): a Container Apps job that KEDA starts while the
// render-jobs queue has messages. Its image comes from the registry (registry.bicep), pulled with the job's
// identity; the scaler reads the queue length with a second identity that has the Manage right on that
// queue only (access.bicep).
param name string
param token string
param location string
param tags object
param identityId string
param identityClientId string
param scalerIdentityId string

@description('The registry the job pulls from with its identity (AcrPull in access.bicep).')
param registryLoginServer string

@description('Empty on the first provision: a public placeholder until azd deploy pushes the real image.')
param image string

param storageAccountName string
param serviceBusName string
param serviceBusHost string
param insightsConnectionString string
param publicBaseUrl string
param timeoutSeconds int
param maxExecutions int

@description('Settings the Function App shares (main.bicep sharedSettings).')
param sharedSettings object

param workspaceId string


resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: '${name}-cae-${token}'
  location: location
  tags: tags
  properties: {
    // Console and system logs go to Log Analytics through the diagnostic setting below (no shared key).
    appLogsConfiguration: { destination: 'azure-monitor' }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
  }
}

resource environmentDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: '${name}-render-job'
  location: location
  tags: union(tags, { 'azd-service-name': 'render-job' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {}, '${scalerIdentityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Event'
      replicaTimeout: timeoutSeconds
      // Service Bus redelivers a failed message (up to the queue's maxDeliveryCount); no replica retry.
      replicaRetryLimit: 0
      registries: [{ server: registryLoginServer, identity: identityId }]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: 10
          rules: [
            {
              name: 'render-jobs'
              type: 'azure-servicebus'
              metadata: { queueName: 'render-jobs', namespace: serviceBusName, messageCount: '1' }
              identity: scalerIdentityId
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'render-job'
          image: empty(image) ? 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest' : image
          command: ['node', 'dist/jobs/main.js']
          resources: { cpu: json('2.0'), memory: '4Gi' }
          // What jobs/main.ts and createDeps read: the app's schema (shared/config) plus the identity.
          env: concat(
            [
              { name: 'AZURE_CLIENT_ID', value: identityClientId }
              { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
              { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusHost }
              { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
              { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
              { name: 'PUBLIC_BASE_URL', value: publicBaseUrl }
              // The `service` field of its log lines, to tell the job's lines from the app's.
              { name: 'SERVICE_NAME', value: 'report-scheduler-render-job' }
            ],
            map(items(sharedSettings), s => { name: s.key, value: s.value })
          )
        }
      ]
    }
  }
}

output jobName string = job.name
