// Production: zone-redundant storage, Premium Service Bus (spec §8), purge-protected Key Vault, room to
// scale. azd copies this file to main.bicepparam before provisioning when AZURE_ENV_TYPE is prod.
using 'main.bicep'

param name = readEnvironmentVariable('APP_NAME', 'rptsched')
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')

param authIssuer = readEnvironmentVariable('AUTH_ISSUER')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE')
param authJwksUrl = readEnvironmentVariable('AUTH_JWKS_URL')
param eventTriggerKey = readEnvironmentVariable('EVENT_TRIGGER_KEY')
param publicBaseUrl = readEnvironmentVariable('PUBLIC_BASE_URL', '')
param renderJobImage = readEnvironmentVariable('SERVICE_RENDER_JOB_IMAGE_NAME', '')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL')

param staticWebAppSku = 'Standard'
param functionInstanceMemoryMB = 4096
param functionMaximumInstanceCount = 200
param renderJobMaxExecutions = 30
param storageSku = 'Standard_GZRS'
param serviceBusSku = 'Premium'
param redisSku = 'Balanced_B1'
param blobSoftDeleteDays = 30
param logRetentionDays = 90
param keyVaultPurgeProtection = true
param appInsightsDisableLocalAuth = false
