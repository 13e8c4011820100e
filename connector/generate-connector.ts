/**
 * `npm run connector:generate`: writes connector/apiDefinition.swagger.json from the app's endpoint
 * registry — the functions are loaded as the worker loads them, their OpenAPI 3.1 document built, and
 * the connector's operations taken from it. connector/connector.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCoreApi, installCoreApi } from '../local/functions-core/core-api';
import { FunctionRegistry } from '../local/functions-core/function-registry';
import { buildConnectorDefinition } from './build-connector-definition';
import { connectorDefinitionPath } from './connector-files';

async function main(): Promise<void> {
  installCoreApi(createCoreApi(new FunctionRegistry(), () => undefined));
  await import('../functions/index.js');
  const { describeApi } = await import('../functions/api/openapi.js');
  const definition = buildConnectorDefinition(describeApi('https://localhost'));
  const file = connectorDefinitionPath(path.resolve(__dirname, '..', '..'));
  // Formatted as the repository's Prettier would (the test compares content, not layout).
  const prettier = await import('prettier');
  const options = { ...(await prettier.resolveConfig(file)), parser: 'json' };
  writeFileSync(file, await prettier.format(JSON.stringify(definition), options));
  console.log(`Wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
