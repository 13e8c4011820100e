// The web app (Vue, built to dist/web; routes and headers in web/public/staticwebapp.config.json).
// It calls the Function App's own origin (CORS allows this site), not a linked backend: Static Web Apps
// replaces the Authorization header on requests it proxies to a backend, and the API authenticates every
// call with the caller's bearer token (docs/azure.md).
param name string
param location string
param tags object

@allowed(['Free', 'Standard'])
param sku string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: { name: sku, tier: sku }
  properties: {
    // azd deploys the built files; no repository is connected.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
  }
}

output name string = site.name
output origin string = 'https://${site.properties.defaultHostname}'
