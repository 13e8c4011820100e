import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

/**
 * Bicep parsed with tree-sitter-bicep (its WebAssembly build, through web-tree-sitter): no Bicep CLI runs
 * here, so this is the syntax check, and the trees are what the estate checks read.
 */
let parser: Promise<Parser> | undefined;

function loadParser(): Promise<Parser> {
  return (parser ??= (async () => {
    await Parser.init();
    const resolve = createRequire(join(process.cwd(), 'package.json')).resolve;
    const bicep = await Language.load(resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    const p = new Parser();
    p.setLanguage(bicep);
    return p;
  })());
}

export async function parseBicep(text: string): Promise<Node> {
  const tree = (await loadParser()).parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}

/** `line:column text` of every ERROR or MISSING node. */
export function syntaxErrors(root: Node): string[] {
  const errors: string[] = [];
  const walk = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      const { row, column } = node.startPosition;
      errors.push(
        `${row + 1}:${column + 1} ${node.isMissing ? 'missing' : 'unexpected'} ${node.text.slice(0, 40)}`,
      );
    } else if (node.hasError) node.children.forEach((c) => c && walk(c));
  };
  walk(root);
  return errors;
}

const present = (nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);

/** Named children that are not comments. */
export const items = (node: Node): Node[] => present(node.namedChildren).filter((n) => n.type !== 'comment');

/** The value of a top-level `var name = …` / `param name … = …` / `resource name … = …` declaration. */
export function declaration(root: Node, kind: 'variable' | 'parameter' | 'resource', name: string) {
  const node = items(root).find((n) => n.type === `${kind}_declaration` && items(n)[0]?.text === name);
  return node ? items(node).at(-1) : undefined;
}

/** An object's properties by key (quotes removed). */
export function properties(object: Node | undefined): Map<string, Node> {
  const map = new Map<string, Node>();
  if (object?.type !== 'object') return map;
  for (const prop of items(object).filter((n) => n.type === 'object_property')) {
    const [key, value] = items(prop);
    if (key && value) map.set(key.text.replace(/^'|'$/g, ''), value);
  }
  return map;
}

/** The literal of a plain string ('abc'), undefined for an interpolated one or any other expression. */
export function literal(node: Node | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = items(node);
  if (parts.some((p) => p.type !== 'string_content')) return undefined;
  return parts.map((p) => p.text).join('');
}

/** Every descendant of a type, in source order. */
export function descendants(node: Node, type: string): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    if (n.type === type) found.push(n);
    n.namedChildren.forEach((c) => c && walk(c));
  };
  walk(node);
  return found;
}

/** Whether an array element has a comment just above it or as its first line (the "why" of an entry). */
export function isExplained(element: Node): boolean {
  const inside = element.namedChildren[0]?.type === 'comment';
  const before = element.previousNamedSibling?.type === 'comment';
  return inside || before;
}
