import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { items, parseBicep } from './bicep-syntax';

/**
 * The .bicepparam files (tree-sitter-bicep has no grammar for them): each uses main.bicep, assigns only
 * parameters main.bicep declares, and every parameter without a default.
 */
export async function checkParamFiles(dir: string): Promise<string[]> {
  const main = await parseBicep(readFileSync(join(dir, 'main.bicep'), 'utf8'));
  const declared = new Map(
    items(main)
      .filter((n) => n.type === 'parameter_declaration')
      .map((n) => [items(n)[0]!.text, /=/.test(n.text)] as const),
  );
  const problems: string[] = [];
  const files = readdirSync(dir).filter((f) => /^main\.\w+\.bicepparam$/.test(f));
  if (files.length === 0) problems.push('no main.<env>.bicepparam files');
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (!/^using 'main\.bicep'$/m.test(text)) problems.push(`${file}: does not use main.bicep`);
    const assigned = new Set([...text.matchAll(/^param (\w+) =/gm)].map((m) => m[1]!));
    for (const name of assigned)
      if (!declared.has(name)) problems.push(`${file}: ${name} is not a parameter of main.bicep`);
    for (const [name, hasDefault] of declared)
      if (!hasDefault && !assigned.has(name)) problems.push(`${file}: ${name} has no default and no value`);
  }
  return problems;
}
