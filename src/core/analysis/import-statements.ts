// What an `import` or `from ... import` statement records and binds: the ImportFacts the dependency rules read
// (module, relative level, alias → target), and the name nodes the walker binds in the current scope.
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { ImportFact } from './facts';
import { toRange } from './syntax-nodes';

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

/** `import a.b` binds `a` to `a`; `import a.b as c` binds `c` to `a.b`. */
function importBinding(name: Node): [string, string] {
  if (name.type !== 'aliased_import') {
    const first = withoutSpaces(name.text).split('.')[0]!;
    return [first, first];
  }
  return [name.childForFieldName('alias')?.text ?? '', withoutSpaces(name.childForFieldName('name')!.text)];
}

/** `from m import b as c` binds `c` to `m.b`. */
function fromBinding(moduleNode: Node, name: Node): [string, string] {
  const imported = name.type === 'aliased_import' ? name.childForFieldName('name')! : name;
  const bound =
    name.type === 'aliased_import' ? (name.childForFieldName('alias')?.text ?? imported.text) : imported.text;
  return [bound, `${withoutSpaces(moduleNode.text)}.${imported.text}`];
}

function importFact(moduleNode: Node, bindings: ImportFact['bindings']): ImportFact {
  const text = withoutSpaces(moduleNode.text);
  const level = /^\.*/.exec(text)![0].length;
  return { module: text.slice(level), level, range: toRange(moduleNode), bindings };
}

function importedNames(node: Node): Node[] {
  return node.childrenForFieldName('name').filter((child): child is Node => child !== null);
}

/** One fact per `import` module, or one for the `from` statement's module. */
export function importFacts(node: Node): ImportFact[] {
  const names = importedNames(node);
  if (node.type === 'import_from_statement') {
    const moduleNode = node.childForFieldName('module_name');
    return moduleNode
      ? [
          importFact(
            moduleNode,
            names.map((name) => fromBinding(moduleNode, name)),
          ),
        ]
      : [];
  }
  return names.map((name) =>
    importFact(name.type === 'aliased_import' ? name.childForFieldName('name')! : name, [importBinding(name)]),
  );
}

/** The name nodes the statement binds: `import a.b` binds `a`, `import a as c` binds `c`, `from m import a` binds `a`. */
export function boundByImport(node: Node): Node[] {
  return importedNames(node).flatMap((name) => {
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    const bound = alias ?? (name.type === 'aliased_import' ? name.childForFieldName('name')! : name).namedChild(0);
    return bound ? [bound] : [];
  });
}

export function isStarImport(node: Node): boolean {
  return node.type === 'import_from_statement' && node.namedChildren.some((child) => child?.type === 'wildcard_import');
}
