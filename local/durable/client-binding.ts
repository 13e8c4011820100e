import type { AppState } from '../functions-core/invoke-function';

/** Where the Durable HTTP API lives under the host's base URL, as in the Functions host. */
export const webhookPath = '/runtime/webhooks/durabletask';

/** The connection name the extension puts in its URLs (the app's default storage connection). */
const connectionName = 'Storage';

/** The management links for one instance (HttpManagementPayload), as HttpApiHandler builds them. */
export function managementUrls(webhookBase: string, instanceId: string, taskHub: string) {
  const prefix = `${webhookBase}/instances/${encodeURIComponent(instanceId)}`;
  const query = `taskHub=${encodeURIComponent(taskHub)}&connection=${connectionName}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${prefix}?${query}`,
    sendEventPostUri: `${prefix}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${prefix}/terminate?reason={text}&${query}`,
    rewindPostUri: `${prefix}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${prefix}?${query}`,
    restartPostUri: `${prefix}/restart?${query}`,
    suspendPostUri: `${prefix}/suspend?reason={text}&${query}`,
    resumePostUri: `${prefix}/resume?reason={text}&${query}`,
  };
}

/**
 * The durable client input binding data (OrchestrationClientInputData) the extension hands to
 * functions with a `durableClient` input. `rpcBaseUrl` makes `df.getClient()` call the management
 * API served by this host.
 */
export function clientInputData(baseUrl: string, taskHub: string) {
  const webhookBase = `${baseUrl.replace(/\/+$/, '')}${webhookPath}`;
  const creationPrefix = `${webhookBase}/orchestrators/{functionName}[/{instanceId}]`;
  return {
    taskHubName: taskHub,
    creationUrls: {
      createNewInstancePostUri: `${creationPrefix}?`,
      createAndWaitOnNewInstancePostUri: `${creationPrefix}?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&`,
    },
    managementUrls: managementUrls(webhookBase, 'INSTANCEID', taskHub),
    baseUrl: webhookBase,
    requiredQueryStringParameters: '',
    rpcBaseUrl: `${webhookBase}/`,
    httpBaseUrl: webhookBase,
  };
}

/** Registers the providers of `durableClient` / `orchestrationClient` input bindings. */
export function registerClientBinding(app: AppState, baseUrl: string, taskHub: string): void {
  const data = () => ({ json: JSON.stringify(clientInputData(baseUrl, taskHub)) });
  app.extraInputs.set('durableclient', data);
  app.extraInputs.set('orchestrationclient', data);
}
