// Azure Communication Services Email with an Azure-managed domain (DoNotReply@<guid>.azurecomm.net).
// A custom domain needs DNS records and verification: add it as another emailServices/domains resource
// and link it instead (docs/azure.md). The app sends with its managed identity (ACS_ENDPOINT).
param name string
param tags object

@description('Where ACS keeps its data (a geography, not a region).')
param dataLocation string = 'Europe'

param senderPrincipalId string
param workspaceId string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: '${name}-email'
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: '${name}-acs'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [managedDomain.id]
  }
}

// Sending email with an Entra ID token: the actions Microsoft documents for it, and nothing else (the
// built-in Contributor would also let the app reconfigure or delete the resource).
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'report-scheduler-email-sender')
  properties: {
    roleName: 'Report Scheduler email sender (${resourceGroup().name})'
    description: 'Send email through Azure Communication Services with a managed identity.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
      }
    ]
    assignableScopes: [resourceGroup().id]
  }
}

// The Function App's delivery activities send every report email (shared/adapters/channels).
resource senderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, senderPrincipalId, emailSenderRole.id)
  scope: communication
  properties: {
    principalId: senderPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: emailSenderRole.id
  }
}

// Delivery status updates (bounces, suppressions) land in ACSEmailStatusUpdateOperational for the
// email alerts and workbooks.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: communication
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
