// Key Vault in RBAC mode: the service's own secrets (referenced from app settings) and, under a prefix
// per tenant, the tenants' data-source and channel secrets (docs/azure.md).
param name string
param location string
param tags object
param purgeProtection bool

@secure()
param eventTriggerKey string

param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be switched off once on, and the API refuses `false`: leave it out in dev.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// EVENT_TRIGGER_KEY: seals event-trigger signing secrets. Changing it makes every sealed secret unreadable,
// so it comes from a parameter the operator sets once (azd env), never from a generated value.
resource eventTriggerKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'event-trigger-key'
  properties: { value: eventTriggerKey, contentType: 'base64 of 32 bytes' }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ categoryGroup: 'audit', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output eventTriggerKeySecretName string = eventTriggerKeySecret.name
