import { builtInRoles, refusedByFlex, unsetInAzure } from './azure-decisions';
import type { CodeNeeds } from './code-needs';
import type { Estate, RoleEntry } from './estate';

const app = 'apiPrincipalId';
const job = 'renderJobPrincipalId';
const scaler = 'renderScalerPrincipalId';

/** Every way the estate falls short of what the code needs; empty when it provides everything. */
export function checkEstate(estate: Estate, needs: CodeNeeds): string[] {
  return [
    ...estate.syntaxErrors.map((e) => `syntax: ${e}`),
    ...checkSettings(estate, needs),
    ...checkQueues(estate, needs),
    ...checkStorage(estate, needs),
    ...checkRoles(estate, needs),
  ];
}

function checkSettings(estate: Estate, needs: CodeNeeds): string[] {
  const problems: string[] = [];
  const appSet = new Set([...estate.appSettings, ...estate.sharedSettings]);
  const jobSet = new Set([...estate.jobEnv, ...estate.sharedSettings]);
  const mustSet = new Set([...needs.requiredSettings, ...needs.localhostDefaults]);
  for (const key of needs.settingKeys) {
    if (mustSet.has(key) && !appSet.has(key)) problems.push(`app setting ${key}: required in Azure, not set`);
    else if (!appSet.has(key) && !(key in unsetInAzure))
      problems.push(
        `app setting ${key}: read by shared/config, neither set nor listed in azure-decisions.ts`,
      );
    else if (appSet.has(key) && key in unsetInAzure)
      problems.push(`app setting ${key}: set, yet azure-decisions.ts says it stays unset`);
  }
  for (const key of refusedByFlex)
    if (appSet.has(key)) problems.push(`app setting ${key}: Flex Consumption refuses it`);
  for (const connection of new Set(needs.triggers.values()))
    for (const suffix of ['__fullyQualifiedNamespace', '__credential', '__clientId'])
      if (!estate.appSettings.has(connection + suffix))
        problems.push(`app setting ${connection}${suffix}: the Service Bus triggers' identity connection`);
  for (const suffix of ['__accountName', '__credential', '__clientId'])
    if (!estate.appSettings.has(`AzureWebJobsStorage${suffix}`))
      problems.push(`app setting AzureWebJobsStorage${suffix}: host storage and Durable with the identity`);
  for (const key of [...mustSet, ...needs.jobSettings])
    if (!jobSet.has(key) && !(key in unsetInAzure && !mustSet.has(key)))
      problems.push(`render job env ${key}: jobs/ reads it, not set`);
  if (needs.usesDefaultAzureCredential) {
    if (!appSet.has('AZURE_CLIENT_ID'))
      problems.push('app setting AZURE_CLIENT_ID: DefaultAzureCredential needs it');
    if (!jobSet.has('AZURE_CLIENT_ID'))
      problems.push('render job env AZURE_CLIENT_ID: DefaultAzureCredential needs it');
  }
  return problems;
}

function checkQueues(estate: Estate, needs: CodeNeeds): string[] {
  const problems: string[] = [];
  const declared = new Set(needs.queues.values());
  for (const queue of declared) {
    const q = estate.queues.get(queue);
    if (!q) problems.push(`queue ${queue}: declared in shared/contracts, missing in service-bus.bicep`);
    else if (q.maxDeliveryCount !== needs.maxDeliveryCount(queue))
      problems.push(
        `queue ${queue}: maxDeliveryCount ${q.maxDeliveryCount}, the code assumes ${needs.maxDeliveryCount(queue)}`,
      );
  }
  for (const queue of estate.queues.keys())
    if (!declared.has(queue)) problems.push(`queue ${queue}: in service-bus.bicep, no code uses it`);
  const p = estate.queueProperties;
  if (p.get('requiresDuplicateDetection') !== 'true')
    problems.push('queues: duplicate detection off (message ids are how the code drops re-publishes)');
  if (p.get('deadLetteringOnMessageExpiration') !== 'true')
    problems.push('queues: expired messages are not dead-lettered');
  return problems;
}

function checkStorage(estate: Estate, needs: CodeNeeds): string[] {
  const problems: string[] = [];
  for (const table of needs.tables)
    if (!estate.tables.has(table))
      problems.push(`table ${table}: the code opens it, missing in storage.bicep`);
  if (estate.artifactContainer !== needs.artifactContainer)
    problems.push(
      `blob container ${needs.artifactContainer}: ARTIFACT_CONTAINER's default, not main.bicep's`,
    );
  if (!estate.containerParams.has('artifactContainerName'))
    problems.push('blob container: artifacts not declared');
  const main = estate.text['main.bicep'] ?? '';
  if (needs.taskHub.provider !== 'AzureStorage')
    problems.push(
      `Durable task hub: host.json uses ${needs.taskHub.provider}; the Bicep provisions Azure Storage`,
    );
  if (!/loadJsonContent\('\.\.\/host\.json'\)\.extensions\.durableTask\.hubName/.test(main))
    problems.push(`Durable task hub: main.bicep must take ${needs.taskHub.name} from host.json`);
  return problems;
}

const has = (roles: RoleEntry[], principal: string, roleNames: string[], queue?: string) =>
  roles.some(
    (r) =>
      r.principal === principal &&
      r.queue === queue &&
      roleNames.includes(builtInRoles[r.roleId ?? ''] ?? ''),
  );

function checkRoles(estate: Estate, needs: CodeNeeds): string[] {
  const problems: string[] = [];
  const roles = estate.roles;
  const need = (principal: string, names: string[], what: string, queue?: string) => {
    if (!has(roles, principal, names, queue))
      problems.push(`role ${principal}: ${names.join(' or ')} ${what}`);
  };
  for (const r of roles) {
    if (!r.roleId || !builtInRoles[r.roleId])
      problems.push(`role ${r.table} ${r.role}: unknown role id ${r.roleId}`);
    if (!r.explained) problems.push(`role ${r.table} ${r.principal} ${r.role}: no comment saying why`);
  }
  // Durable Functions on Azure Storage and the host's identity-based storage connection.
  need(
    app,
    ['Storage Blob Data Owner'],
    'on storage: Durable leases, deployment package, user delegation SAS',
  );
  need(app, ['Storage Queue Data Contributor'], 'on storage: the Durable task hub queues');
  need(app, ['Storage Table Data Contributor'], 'on storage: tables and the task hub history');
  need(
    job,
    ['Storage Blob Data Contributor', 'Storage Blob Data Owner'],
    'on storage: staged rows and artifacts',
  );
  need(job, ['Storage Table Data Contributor'], 'on storage: artifact records');
  need(app, ['Key Vault Secrets User', 'Key Vault Secrets Officer'], 'on Key Vault: Key Vault references');
  need(job, ['AcrPull'], 'on the registry: the job pulls its image with its identity');
  if (estate.appSettings.has('ACS_ENDPOINT'))
    need(
      app,
      ['Communication and Email Service Owner'],
      'on Communication Services: email with the identity',
    );
  const receiver = ['Azure Service Bus Data Receiver', 'Azure Service Bus Data Owner'];
  const sender = ['Azure Service Bus Data Sender', 'Azure Service Bus Data Owner'];
  const allowed = new Set<string>();
  const needQueue = (principal: string, names: string[], queue: string, what: string) => {
    need(principal, names, `on queue ${queue}: ${what}`, queue);
    names.forEach((n) => allowed.add(`${principal}|${n}|${queue}`));
  };
  // Flex Consumption scales on a trigger queue's length, which takes the Manage right (Data Owner).
  for (const queue of needs.triggers.keys())
    needQueue(
      app,
      ['Azure Service Bus Data Owner'],
      queue,
      'a trigger reads it and the app scales on its length',
    );
  for (const queue of needs.monitoredQueues)
    needQueue(
      app,
      ['Azure Service Bus Data Owner'],
      queue,
      'the metric probes read its depth (service_bus_queue_depth; Manage)',
    );
  for (const queue of needs.appPublishes) needQueue(app, sender, queue, 'the app publishes to it');
  for (const queue of needs.jobReceives) {
    needQueue(job, receiver, queue, 'the job receives from it');
    needQueue(scaler, ['Azure Service Bus Data Owner'], queue, "KEDA's scaler reads its length (Manage)");
  }
  for (const queue of needs.jobPublishes) needQueue(job, sender, queue, 'the job publishes to it');
  for (const r of roles.filter((x) => x.queue))
    if (!allowed.has(`${r.principal}|${builtInRoles[r.roleId ?? '']}|${r.queue}`))
      problems.push(`role ${r.principal}: ${r.role} on queue ${r.queue} is more than the code uses`);
  return problems;
}
