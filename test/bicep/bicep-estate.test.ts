import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEstate } from './check-estate';
import { checkModules } from './check-modules';
import { checkParamFiles } from './check-params';
import { checkDefinitions, checkQueries, readQueries, readTelemetry } from './check-telemetry';
import { readCodeNeeds, type CodeNeeds } from './code-needs';
import { readEstate } from './estate';

/**
 * No Bicep CLI runs here: the templates are parsed with tree-sitter-bicep and held against what the code
 * needs, read from the code (shared/config's schema, the contracts' queue names, the triggers, the
 * tables the adapters open, host.json's task hub, jobs/). Each check is shown failing on a broken copy.
 */
let needs: CodeNeeds;
beforeAll(async () => {
  needs = await readCodeNeeds();
});

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** bicep/ copied to a temp folder with one edit; the edit's text must be there. */
function brokenCopy(file: string, from: string | RegExp, to = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'bicep-'));
  copies.push(dir);
  cpSync('bicep', dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${file} has no ${String(from)}`);
  writeFileSync(join(dir, file), edited);
  return dir;
}

const problemsOf = async (dir: string) => checkEstate(await readEstate(dir), needs);

describe('bicep/ against the code', () => {
  it('parses, and provides every setting, queue, table, container and role the code needs', async () => {
    expect(await problemsOf('bicep')).toEqual([]);
  });

  it('fails on a syntax error', async () => {
    const dir = brokenCopy('modules/storage.bicep', "kind: 'StorageV2'", 'kind: ');
    expect((await problemsOf(dir)).join('\n')).toMatch(/^syntax: modules\/storage\.bicep:\d+:\d+/m);
  });

  it('fails when an app setting the Azure config needs is missing', async () => {
    const dir = brokenCopy('modules/function-app.bicep', /^\s*PUBLIC_BASE_URL: baseUrl\n/m);
    expect(await problemsOf(dir)).toContain('app setting PUBLIC_BASE_URL: required in Azure, not set');
  });

  it('fails when the render job misses a setting it reads', async () => {
    const dir = brokenCopy(
      'modules/render-job.bicep',
      /^.*name: 'ServiceBusConnection__fullyQualifiedNamespace'.*\n/m,
    );
    expect(await problemsOf(dir)).toContain(
      'render job env ServiceBusConnection__fullyQualifiedNamespace: jobs/ reads it, not set',
    );
  });

  it('fails when a setting of the schema is neither set nor explained', async () => {
    const dir = brokenCopy('modules/function-app.bicep', /^\s*EMAIL_FROM: emailFrom\n/m);
    expect(await problemsOf(dir)).toContain(
      'app setting EMAIL_FROM: read by shared/config, neither set nor listed in azure-decisions.ts',
    );
  });

  it('fails when a queue of the contracts is missing or has another delivery count', async () => {
    const missing = brokenCopy('modules/service-bus.bicep', /^.*name: 'render-completions'.*\n/m);
    expect(await problemsOf(missing)).toContain(
      'queue render-completions: declared in shared/contracts, missing in service-bus.bicep',
    );
    const retries = brokenCopy(
      'modules/service-bus.bicep',
      "name: 'render-jobs', maxDeliveryCount: 5",
      "name: 'render-jobs', maxDeliveryCount: 10",
    );
    expect(await problemsOf(retries)).toContain('queue render-jobs: maxDeliveryCount 10, the code assumes 5');
  });

  it('fails when a table the code opens is missing', async () => {
    const dir = brokenCopy('modules/storage.bicep', /^\s*'deliveries'\n/m);
    expect(await problemsOf(dir)).toContain('table deliveries: the code opens it, missing in storage.bicep');
  });

  it('fails when the Durable task hub storage or its roles are missing', async () => {
    const hub = brokenCopy(
      'main.bicep',
      "loadJsonContent('../host.json').extensions.durableTask.hubName",
      "'Hub'",
    );
    expect((await problemsOf(hub)).join('\n')).toMatch(
      /Durable task hub: main.bicep must take ReportSchedulerHub/,
    );
    const role = brokenCopy(
      'modules/access.bicep',
      'role: roles.storageQueueDataContributor',
      'role: roles.storageBlobDataContributor',
    );
    expect(await problemsOf(role)).toContain(
      'role apiPrincipalId: Storage Queue Data Contributor on storage: the Durable task hub queues',
    );
  });

  it('fails when an identity lacks a queue role it needs, or has one it does not use', async () => {
    const missing = brokenCopy(
      'modules/access.bicep',
      /^.*queue: 'render-jobs', principalId: renderJobPrincipalId.*\n/m,
    );
    expect(await problemsOf(missing)).toContain(
      'role renderJobPrincipalId: Azure Service Bus Data Receiver or Azure Service Bus Data Owner on queue render-jobs: the job receives from it',
    );
    const extra = brokenCopy(
      'modules/access.bicep',
      "{ queue: 'render-completions', principalId: renderJobPrincipalId",
      "{ queue: 'execution-requests', principalId: renderJobPrincipalId",
    );
    expect(await problemsOf(extra)).toContain(
      'role renderJobPrincipalId: serviceBusDataSender on queue execution-requests is more than the code uses',
    );
  });

  it('fails when a role assignment does not say why', async () => {
    const dir = brokenCopy('modules/access.bicep', /^\s*\/\/ The job's containers are pulled.*\n/m);
    expect(await problemsOf(dir)).toContain(
      'role registryRoles renderJobPrincipalId acrPull: no comment saying why',
    );
  });
});

describe('bicep/ modules', () => {
  it('are called with the parameters they declare, and give the outputs read from them', async () => {
    expect(await checkModules('bicep')).toEqual([]);
    const param = brokenCopy('main.bicep', '    alertEmail: alertEmail\n', '    alertMail: alertEmail\n');
    expect(await checkModules(param)).toEqual([
      'main.bicep module observability: passes alertMail, which it does not declare',
      'main.bicep module observability: alertEmail has no default and is not passed',
    ]);
    const output = brokenCopy('modules/registry.bicep', 'output loginServer string', 'output server string');
    expect(await checkModules(output)).toContain('main.bicep module registry: has no output loginServer');
  });
});

describe('bicep/*.bicepparam', () => {
  it('assign parameters main.bicep declares, and all it needs', async () => {
    expect(await checkParamFiles('bicep')).toEqual([]);
    const dir = brokenCopy('main.prod.bicepparam', /^param authJwksUrl = .*\n/m);
    expect(await checkParamFiles(dir)).toContain(
      'main.prod.bicepparam: authJwksUrl has no default and no value',
    );
  });
});

describe('workbooks and alerts', () => {
  it('query only tables, metrics, labels, functions and log lines the app writes', () => {
    expect(checkQueries(readQueries('bicep'), readTelemetry())).toEqual([]);
  });

  it('are deployable: placeholders replaced, queries on the time range, alerts complete', () => {
    expect(checkDefinitions('bicep')).toEqual([]);
    const dir = brokenCopy('modules/observability.bicep', "'__SERVICE_BUS_ID__'", "'__BUS__'");
    expect(checkDefinitions(dir)).toContain(
      'workbooks/operations.json: __SERVICE_BUS_ID__ is never replaced',
    );
    const alerts = brokenCopy('alerts/log-alerts.json', '"windowSize": "PT10M"', '"windowSize": "10m"');
    expect(checkDefinitions(alerts)).toContain('alerts scheduler-lag: 10m is not an ISO 8601 duration');
  });

  it('fail on a metric, label or log message the app does not write', () => {
    const telemetry = readTelemetry();
    const problems = checkQueries(
      [
        { source: 'a', query: "AppMetrics | where Name == 'scheduler_lag' | extend q = Properties.queue" },
        {
          source: 'b',
          query:
            "AppTraces | extend line = parse_json(Message) | where line.nope == 1 and msg == 'no such line'",
        },
        { source: 'c', query: "customMetrics | where name == 'x'" },
      ],
      telemetry,
    );
    expect(problems).toEqual([
      'a: metric scheduler_lag is not in create-metrics.ts',
      "a: label queue is not one of scheduler_lag's",
      "b: no code logs 'no such line'",
      'b: no log line has a field nope',
      'c: reads no known table',
    ]);
  });
});
