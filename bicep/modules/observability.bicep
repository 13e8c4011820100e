// What operators see: the workbooks (Executive, Operations, Performance, Tenant health) and its
// alert table as metric and scheduled-query alerts routed to one action group. Which table and field
// each query reads is in docs/operations.md. Severity: spec P1 -> Sev0, P2 -> Sev1, P3 -> Sev2.
param name string
param location string
param tags object
param insightsId string
param workspaceId string
param serviceBusId string
param storageAccountId string
param publicBaseUrl string
param alertEmail string

@description('Blob capacity the estate is sized for (spec: 5 TB); the disk-space alert fires at 80%.')
param blobCapacityBytes int = 5000000000000

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${name}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${name}oncall', 12)
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [{ name: 'oncall', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

// Metric alerts name their action groups one by one.
var actions = [{ actionGroupId: actionGroup.id }]

// ---- Metric alerts (platform metrics: no ingestion delay) ----

// Spec "Queue backlog": more than 1000 messages waiting on any queue for 10 minutes (P3).
resource queueBacklog 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-queue-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'Service Bus depth > 1000 messages for 10 min: scale workers, check for stuck jobs.'
    severity: 2
    enabled: true
    scopes: [serviceBusId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'active-messages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'ActiveMessages'
          dimensions: [{ name: 'EntityName', operator: 'Include', values: ['*'] }]
          // The smallest count in the window is above 1000: the queue stayed that long.
          operator: 'GreaterThan'
          threshold: 1000
          timeAggregation: 'Minimum'
        }
      ]
    }
    actions: actions
  }
}

// Brief: a dead-lettered message on any queue is an incident (a poison render, a broken consumer).
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message was dead-lettered (DLQ depth > 0): read it, fix the cause, resubmit.'
    severity: 1
    enabled: true
    scopes: [serviceBusId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [{ name: 'EntityName', operator: 'Include', values: ['*'] }]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: actions
  }
}

// Spec "Disk space low": blob storage above 80% of the capacity the estate is sized for (P3).
resource blobCapacity 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-blob-capacity'
  location: 'global'
  tags: tags
  properties: {
    description: 'Blob storage > 80% of the planned capacity: review retention, clean up old artifacts.'
    severity: 2
    enabled: true
    scopes: [storageAccountId]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT6H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'used-capacity'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'UsedCapacity'
          operator: 'GreaterThan'
          threshold: blobCapacityBytes / 5 * 4
          timeAggregation: 'Average'
        }
      ]
    }
    actions: actions
  }
}

// Spec "Service down": GET /api/health/ready from three regions every 5 minutes (the shortest standard
// test interval); the alert fires while 2 locations fail (P1).
resource readinessTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${name}-health-ready'
  location: location
  // An availability test belongs to its Application Insights resource through this hidden-link tag.
  tags: union(tags, { 'hidden-link:${insightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${name}-health-ready'
    Name: 'api-health-ready'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: false
    Locations: [
      { Id: 'emea-nl-ams-azr' }
      { Id: 'us-va-ash-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: { RequestUrl: '${publicBaseUrl}/api/health/ready', HttpVerb: 'GET' }
    ValidationRules: { ExpectedHttpStatusCode: 200, SSLCheck: true, SSLCertRemainingLifetimeCheck: 7 }
  }
}

resource serviceDown 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${name}-service-down'
  location: 'global'
  tags: tags
  properties: {
    description: 'Readiness failing from 2+ locations: page now, check the Function App logs.'
    severity: 0
    enabled: true
    scopes: [readinessTest.id, insightsId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: readinessTest.id
      componentId: insightsId
      failedLocationCount: 2
    }
    actions: actions
  }
}

// ---- Log alerts (KQL over the workspace; ~2-5 min ingestion delay) ----
var logAlerts = loadJsonContent('../alerts/log-alerts.json')

resource queryAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for a in logAlerts: {
    name: '${name}-${a.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: '${name} ${a.title}'
      description: a.description
      severity: a.severity
      enabled: true
      scopes: [workspaceId]
      evaluationFrequency: a.evaluationFrequency
      windowSize: a.windowSize
      criteria: {
        allOf: [
          {
            query: a.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: true
      actions: { actionGroups: [actionGroup.id] }
    }
  }
]

// ---- Workbooks: serialized JSON kept in bicep/workbooks/*.json, opened against the workspace ----
var workbooks = [
  { key: 'executive', title: 'Report Scheduler: Executive', data: loadTextContent('../workbooks/executive.json') }
  { key: 'operations', title: 'Report Scheduler: Operations', data: loadTextContent('../workbooks/operations.json') }
  { key: 'performance', title: 'Report Scheduler: Performance', data: loadTextContent('../workbooks/performance.json') }
  { key: 'tenant-health', title: 'Report Scheduler: Tenant health', data: loadTextContent('../workbooks/tenant-health.json') }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = [
  for w in workbooks: {
    name: guid(resourceGroup().id, name, 'workbook', w.key)
    location: location
    tags: tags
    kind: 'shared'
    properties: {
      displayName: w.title
      category: 'workbook'
      version: 'Notebook/1.0'
      sourceId: workspaceId
      serializedData: replace(replace(w.data, '__WORKSPACE_ID__', workspaceId), '__SERVICE_BUS_ID__', serviceBusId)
    }
  }
]
