// Azure Managed Redis for the per-tenant rate limits (REDIS_URL), so every instance counts against the
// same budget. Azure Cache for Redis is being retired; Managed Redis is its successor. The app speaks to
// it with ioredis and an access key (rediss://:key@host:10000), kept in Key Vault and referenced from
// REDIS_URL. The Enterprise clustering policy gives one endpoint, as a non-cluster client needs.
param name string
param location string
param tags object
param skuName string
param keyVaultName string
param workspaceId string

resource cluster 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName }
  properties: {
    minimumTlsVersion: '1.2'
    highAvailability: 'Enabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: cluster
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'EnterpriseCluster'
    // Rate-limit counters expire on their own; under memory pressure drop the oldest keys.
    evictionPolicy: 'VolatileLRU'
    accessKeysAuthentication: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource redisUrlSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'redis-url'
  properties: {
    value: 'rediss://:${database.listKeys().primaryKey}@${cluster.properties.hostName}:10000'
    contentType: 'redis URL with access key'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cluster
  properties: {
    workspaceId: workspaceId
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = cluster.id
output urlSecretName string = redisUrlSecret.name
