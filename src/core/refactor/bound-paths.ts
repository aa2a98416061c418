// Names a cell binds on every path through its top-level statements: what a function made of the cell may return
// without an UnboundLocalError. `try: from math import isqrt as root / except ImportError: pass` binds `root` on one
// path only; a branch that raises does not count against a name. Loops count as run (the notebook's run shows their
// body did), so `for i in items:` binds `i`.
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { PythonParser } from '../python/parser';

/** The names bound, or 'exits' when the path never falls through (it raises). */
type Bound = Set<string> | 'exits';

const SCOPES = new Set(['lambda', 'function_definition', 'class_definition']);

function union(into: Set<string>, from: Iterable<string>): Set<string> {
  for (const name of from) into.add(name);
  return into;
}

/** Intersection over the paths; a path that exits constrains nothing. */
function allPaths(paths: Bound[]): Bound {
  const live = paths.filter((path): path is Set<string> => path !== 'exits');
  if (live.length === 0) return 'exits';
  return new Set([...live[0]!].filter((name) => live.every((path) => path.has(name))));
}

/** Identifiers a target binds (`a, (b, *c) = ...`); attributes and subscripts bind nothing. */
function targetNames(node: Node | null, out: Set<string>): Set<string> {
  if (!node) return out;
  if (node.type === 'identifier') out.add(node.text);
  else if (node.type !== 'attribute' && node.type !== 'subscript')
    for (const child of node.namedChildren) if (child) targetNames(child, out);
  return out;
}

/** `(n := ...)` anywhere in an expression, outside nested scopes. */
function walrusNames(node: Node | null, out: Set<string>): Set<string> {
  if (!node || SCOPES.has(node.type)) return out;
  if (node.type === 'named_expression') targetNames(node.childForFieldName('name'), out);
  for (const child of node.namedChildren) if (child) walrusNames(child, out);
  return out;
}

function assignmentNames(node: Node, out: Set<string>): Set<string> {
  if (node.type === 'assignment') {
    if (node.childForFieldName('right')) targetNames(node.childForFieldName('left'), out);
    const right = node.childForFieldName('right');
    if (right?.type === 'assignment') assignmentNames(right, out);
  } else if (node.type === 'augmented_assignment') targetNames(node.childForFieldName('left'), out);
  return out;
}

function importNames(node: Node, out: Set<string>): Set<string> {
  const from = node.type === 'import_from_statement';
  for (const child of node.namedChildren) {
    if (!child || (from && child === node.childForFieldName('module_name'))) continue;
    if (child.type === 'aliased_import') targetNames(child.childForFieldName('alias'), out);
    else if (child.type === 'dotted_name') out.add(from ? child.text : child.text.split('.')[0]!);
  }
  return out;
}

function block(node: Node | null): Bound {
  const bound = new Set<string>();
  if (!node) return bound;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    const result = statement(child);
    if (result === 'exits') return 'exits';
    union(bound, result);
  }
  return bound;
}

function clauses(node: Node, type: string): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type === type);
}

function orEmpty(bound: Bound): Set<string> {
  return bound === 'exits' ? new Set() : bound;
}

function statement(node: Node): Bound {
  switch (node.type) {
    case 'raise_statement':
      return 'exits';
    case 'import_statement':
    case 'import_from_statement':
      return importNames(node, new Set());
    case 'function_definition':
    case 'class_definition':
      return targetNames(node.childForFieldName('name'), new Set());
    case 'type_alias_statement': {
      const name = node.namedChildren[0];
      return targetNames(name?.type === 'type' ? (name.namedChildren[0] ?? null) : (name ?? null), new Set());
    }
    case 'decorated_definition': {
      const definition = node.childForFieldName('definition');
      return definition ? statement(definition) : new Set();
    }
    case 'expression_statement': {
      const out = walrusNames(node, new Set());
      for (const child of node.namedChildren) if (child) assignmentNames(child, out);
      return out;
    }
    case 'if_statement': {
      const condition = walrusNames(node.childForFieldName('condition'), new Set());
      const paths: Bound[] = [block(node.childForFieldName('consequence'))];
      for (const elif of clauses(node, 'elif_clause')) paths.push(block(elif.childForFieldName('consequence')));
      const otherwise = clauses(node, 'else_clause')[0];
      paths.push(otherwise ? block(otherwise.childForFieldName('body')) : new Set());
      const bound = allPaths(paths);
      return bound === 'exits' ? 'exits' : union(bound, condition);
    }
    case 'for_statement':
    case 'while_statement': {
      const out = targetNames(node.childForFieldName('left'), new Set());
      walrusNames(node.childForFieldName('right') ?? node.childForFieldName('condition'), out);
      union(out, orEmpty(block(node.childForFieldName('body'))));
      const otherwise = clauses(node, 'else_clause')[0];
      return otherwise ? union(out, orEmpty(block(otherwise.childForFieldName('body')))) : out;
    }
    case 'with_statement': {
      const out = walrusNames(clauses(node, 'with_clause')[0] ?? null, new Set());
      for (const item of clauses(node, 'with_clause').flatMap((clause) => clauses(clause, 'with_item'))) {
        const value = item.childForFieldName('value');
        if (value?.type === 'as_pattern') targetNames(value.childForFieldName('alias'), out);
      }
      const body = block(node.childForFieldName('body'));
      return body === 'exits' ? 'exits' : union(out, body);
    }
    case 'try_statement': {
      const body = block(node.childForFieldName('body'));
      const otherwise = clauses(node, 'else_clause')[0];
      const normal: Bound =
        body === 'exits' ? 'exits' : union(body, orEmpty(block(otherwise?.childForFieldName('body') ?? null)));
      const handlers = [...clauses(node, 'except_clause'), ...clauses(node, 'except_group_clause')].map((handler) =>
        block(handler.namedChildren.find((child) => child?.type === 'block') ?? null),
      );
      const bound = handlers.length > 0 ? allPaths([normal, ...handlers]) : normal;
      const final = clauses(node, 'finally_clause')[0];
      const always = block(final?.namedChildren.find((child) => child?.type === 'block') ?? null);
      if (always === 'exits') return 'exits';
      return bound === 'exits' ? 'exits' : union(bound, always);
    }
    case 'match_statement': {
      const cases = node.childForFieldName('body')?.namedChildren.filter((c) => c?.type === 'case_clause') ?? [];
      const catchAll = cases.some((c) => /^case\s+_\s*:/.test(c!.text));
      if (!catchAll) return new Set();
      return allPaths(cases.map((c) => block(c!.childForFieldName('consequence'))));
    }
    default:
      return walrusNames(node, new Set());
  }
}

/** The names the cell's code binds on every path that reaches its end. */
export function boundOnEveryPath(parser: PythonParser, source: string): Set<string> {
  const tree = parser.parse(source);
  try {
    return orEmpty(block(tree.rootNode));
  } finally {
    tree.delete();
  }
}
