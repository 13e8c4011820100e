import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import {
  declaration,
  descendants,
  isExplained,
  items,
  literal,
  parseBicep,
  properties,
  syntaxErrors,
} from './bicep-syntax';

/** One role assignment of a role table in modules/access.bicep. */
export interface RoleEntry {
  table: string;
  /** The identity's parameter in access.bicep (`apiPrincipalId`). */
  principal: string;
  /** The key in access.bicep's `roles` (`storageBlobDataOwner`). */
  role: string;
  roleId: string | undefined;
  queue?: string | undefined;
  explained: boolean;
}

/** What bicep/ declares, read from the parsed templates. */
export interface Estate {
  syntaxErrors: string[];
  text: Record<string, string>;
  appSettings: Set<string>;
  appSettingValues: Map<string, string>;
  sharedSettings: Set<string>;
  jobEnv: Set<string>;
  queues: Map<string, { maxDeliveryCount: number }>;
  queueProperties: Map<string, string>;
  tables: Set<string>;
  artifactContainer: string | undefined;
  containerParams: Set<string>;
  roles: RoleEntry[];
}

const roleTables = [
  'storageRoles',
  'queueRoles',
  'keyVaultRoles',
  'registryRoles',
  'communicationRoles',
  'insightsRoles',
];

function readRoles(access: Node): RoleEntry[] {
  const ids = properties(declaration(access, 'variable', 'roles'));
  return roleTables.flatMap((table) => {
    const array = declaration(access, 'variable', table);
    return (array ? items(array) : []).map((entry) => {
      const p = properties(entry);
      const role = p.get('role')?.text.replace(/^roles\./, '') ?? '?';
      return {
        table,
        principal: p.get('principalId')?.text ?? '?',
        role,
        roleId: literal(ids.get(role)),
        queue: literal(p.get('queue')),
        explained: isExplained(entry),
      };
    });
  });
}

/** The names of `{ name: '…', value: … }` entries anywhere under the container's `env:` property. */
function envNames(job: Node): Set<string> {
  const env = descendants(job, 'object_property').find((p) => items(p)[0]?.text === 'env');
  const objects = env ? descendants(env, 'object') : [];
  return new Set(objects.map((o) => literal(properties(o).get('name'))).filter((n): n is string => !!n));
}

export async function readEstate(dir: string): Promise<Estate> {
  const text: Record<string, string> = {};
  const trees: Record<string, Node> = {};
  const errors: string[] = [];
  const files = ['main.bicep', ...readdirSync(join(dir, 'modules')).map((f) => `modules/${f}`)];
  for (const file of files.filter((f) => f.endsWith('.bicep'))) {
    text[file] = readFileSync(join(dir, file), 'utf8');
    trees[file] = await parseBicep(text[file]);
    errors.push(...syntaxErrors(trees[file]).map((e) => `${file}:${e}`));
  }
  const tree = (file: string) => {
    const t = trees[file];
    if (!t) throw new Error(`bicep/${file} is missing`);
    return t;
  };
  const main = tree('main.bicep');
  const app = properties(declaration(tree('modules/function-app.bicep'), 'variable', 'appSettings'));
  const sbQueues = declaration(tree('modules/service-bus.bicep'), 'variable', 'queues');
  const queueResource = declaration(tree('modules/service-bus.bicep'), 'resource', 'queue');
  const storage = tree('modules/storage.bicep');
  const tableArray = declaration(storage, 'variable', 'tableNames');
  const containers = descendants(storage, 'resource_declaration').filter((r) =>
    items(r)[1]?.text.includes('/containers@'),
  );
  return {
    syntaxErrors: errors,
    text,
    appSettings: new Set(app.keys()),
    appSettingValues: new Map([...app].map(([k, v]) => [k, v.text])),
    sharedSettings: new Set(properties(declaration(main, 'variable', 'sharedSettings')).keys()),
    jobEnv: envNames(declaration(tree('modules/render-job.bicep'), 'resource', 'job') ?? main),
    queues: new Map(
      (sbQueues ? items(sbQueues) : []).map((q) => {
        const p = properties(q);
        return [literal(p.get('name')) ?? '?', { maxDeliveryCount: Number(p.get('maxDeliveryCount')?.text) }];
      }),
    ),
    queueProperties: new Map(
      queueResource
        ? [...properties(properties(descendants(queueResource, 'object')[0]).get('properties'))].map(
            ([k, v]) => [k, v.text],
          )
        : [],
    ),
    tables: new Set((tableArray ? items(tableArray) : []).map((t) => literal(t) ?? '?')),
    artifactContainer: literal(declaration(main, 'variable', 'artifactContainerName')),
    containerParams: new Set(containers.map((c) => properties(items(c).at(-1)).get('name')?.text ?? '?')),
    roles: readRoles(tree('modules/access.bicep')),
  };
}
