// Service Bus: one queue per message the code publishes (shared/contracts). Every queue drops duplicates
// by message id within an hour (the code derives ids from what a message is about, so a re-publish is a
// no-op) and dead-letters a message after maxDeliveryCount failed deliveries. Local auth is off: the app
// and the job use their managed identities.
param name string
param location string
param tags object

@allowed(['Standard', 'Premium'])
param sku string

param workspaceId string

// maxDeliveryCount as the consumers assume it: the Service Bus default 10 (the local host's stand-in uses
// the same), 5 for render-jobs (docs/render-jobs.md: a render that keeps crashing is dead-lettered after 5
// deliveries and the orchestrator's RENDER_JOB_TIMEOUT_SECONDS fails the run). A render holds its lock
// while Chromium works: the job renews it, a 5-minute lock leaves room between renewals.
var queues = [
  { name: 'execution-requests', maxDeliveryCount: 10, lockDuration: 'PT1M' }
  { name: 'subscription-events', maxDeliveryCount: 10, lockDuration: 'PT1M' }
  { name: 'subscription-dispatches', maxDeliveryCount: 10, lockDuration: 'PT1M' }
  { name: 'delivery-redrives', maxDeliveryCount: 10, lockDuration: 'PT1M' }
  { name: 'render-jobs', maxDeliveryCount: 5, lockDuration: 'PT5M' }
  { name: 'render-completions', maxDeliveryCount: 10, lockDuration: 'PT1M' }
  { name: 'tenant-exports', maxDeliveryCount: 10, lockDuration: 'PT5M' }
  { name: 'tenant-instance-purges', maxDeliveryCount: 10, lockDuration: 'PT1M' }
]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku, tier: sku }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for q in queues: {
    parent: namespace
    name: q.name
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT1H'
      maxDeliveryCount: q.maxDeliveryCount
      lockDuration: q.lockDuration
      deadLetteringOnMessageExpiration: true
      defaultMessageTimeToLive: 'P14D'
    }
  }
]

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = namespace.id
output name string = namespace.name
output host string = '${namespace.name}.servicebus.windows.net'
