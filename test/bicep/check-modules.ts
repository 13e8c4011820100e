import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { items, literal, parseBicep, properties } from './bicep-syntax';

/** `name -> has a default` of a template's parameters. */
const parametersOf = (root: Node) =>
  new Map(
    items(root)
      .filter((n) => n.type === 'parameter_declaration')
      .map((n) => [items(n)[0]!.text, items(n).length > 2] as const),
  );

const outputsOf = (root: Node) =>
  new Set(
    items(root)
      .filter((n) => n.type === 'output_declaration')
      .map((n) => items(n)[0]!.text),
  );

/**
 * What the Bicep compiler would refuse across files: a module path that does not exist, a parameter a
 * module does not declare, a parameter without default left out, an output that is not there.
 */
export async function checkModules(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const files = ['main.bicep', ...readdirSync(join(dir, 'modules')).map((f) => `modules/${f}`)];
  for (const file of files.filter((f) => f.endsWith('.bicep'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const root = await parseBicep(text);
    for (const module of items(root).filter((n) => n.type === 'module_declaration')) {
      const [symbol, path, body] = items(module);
      const target = join(dirname(join(dir, file)), literal(path) ?? '?');
      const where = `${file} module ${symbol?.text}`;
      if (!existsSync(target)) {
        problems.push(`${where}: ${literal(path)} does not exist`);
        continue;
      }
      const targetRoot = await parseBicep(readFileSync(target, 'utf8'));
      const declared = parametersOf(targetRoot);
      const passed = properties(properties(body).get('params'));
      for (const name of passed.keys())
        if (!declared.has(name)) problems.push(`${where}: passes ${name}, which it does not declare`);
      for (const [name, hasDefault] of declared)
        if (!hasDefault && !passed.has(name))
          problems.push(`${where}: ${name} has no default and is not passed`);
      const outputs = outputsOf(targetRoot);
      for (const m of text.matchAll(new RegExp(`\\b${symbol?.text}\\.outputs\\.(\\w+)`, 'g')))
        if (!outputs.has(m[1]!)) problems.push(`${where}: has no output ${m[1]}`);
    }
  }
  return problems;
}
