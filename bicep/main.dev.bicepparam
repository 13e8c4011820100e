// Development: small and cheap, easy to tear down. azd copies this file to main.bicepparam before
// provisioning when AZURE_ENV_TYPE is dev (the default); values from the azd environment.
using 'main.bicep'

param name = readEnvironmentVariable('APP_NAME', 'rptsched')
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')

param authIssuer = readEnvironmentVariable('AUTH_ISSUER')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE')
param authJwksUrl = readEnvironmentVariable('AUTH_JWKS_URL')
param eventTriggerKey = readEnvironmentVariable('EVENT_TRIGGER_KEY')
param renderJobImage = readEnvironmentVariable('SERVICE_RENDER_JOB_IMAGE_NAME', '')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')

param staticWebAppSku = 'Free'
param functionInstanceMemoryMB = 2048
param functionMaximumInstanceCount = 40
param renderJobMaxExecutions = 3
param storageSku = 'Standard_LRS'
param serviceBusSku = 'Standard'
param redisSku = 'Balanced_B0'
param blobSoftDeleteDays = 7
param logRetentionDays = 30
param keyVaultPurgeProtection = false
param appInsightsDisableLocalAuth = false
