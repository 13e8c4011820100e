import path from 'node:path';

/** Where the connector's files live, from the project root. */
export const connectorDefinitionPath = (root: string) =>
  path.join(root, 'connector', 'apiDefinition.swagger.json');
export const connectorPropertiesPath = (root: string) => path.join(root, 'connector', 'apiProperties.json');
