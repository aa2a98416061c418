// A second, cheap pass over a cell's tree for what the extract-to-module refactoring needs beyond names: the cell's
// top-level statements, its imports as records, top-level return/yield/global, the lines inside multi-line strings,
// literal definitions (`n = 3`), code Python 3 rejects though tree-sitter accepts it, and the final expression that
// IPython displays. Only the extraction runs it (facts.shape is computed on first use); the tests rules' counts come
// from the walk itself (CellOutline in facts.ts).
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { Range } from '../types';
import { importFacts } from './import-statements';

export interface TopStatement {
  type: string;
  range: Range;
  /** Another statement starts or ends on one of this statement's lines (`import os; x = 1`). */
  sharesLine: boolean;
}

/** One name an import statement binds: `import a.b as c` → { module: 'a.b', name: null, alias: 'c', bound: 'c' }. */
export interface ImportRecord {
  module: string;
  level: number;
  /** The imported name of a `from` import; null for `import module`. */
  name: string | null;
  alias: string | null;
  bound: string;
  /** Index in `statements`. */
  statement: number;
}

export interface LiteralAssign {
  name: string;
  /** The literal as written (`[1, 2, 3]`, `'abc'`, `-0.5`). */
  value: string;
  statement: number;
}

export interface CellShape {
  /** The direct children of the module, in order (comments excluded). */
  statements: TopStatement[];
  /** Names bound by top-level import statements (star imports excluded). */
  imports: ImportRecord[];
  /** `return` / `yield` outside any function: IPython runs them, a module function would change meaning. */
  returnsOrYields: Range[];
  /** `global` / `nonlocal` statements outside functions. */
  globalDecls: Range[];
  /** 0-based lines that start inside a multi-line string (re-indenting them would change the string). */
  stringLines: number[];
  /** `name = <literal>` at top level. */
  literalAssigns: LiteralAssign[];
  /** Code tree-sitter accepts but Python rejects (`x = # TODO`, a block with only comments). */
  suspectSyntax: Range[];
  /** Python 2 statements tree-sitter's grammar still accepts (`print x`, `exec code`): Python 3 cannot compile them. */
  python2Statements: Range[];
  /** The last top-level statement when it is an expression statement (what IPython displays), else null. */
  lastExpression: { statement: number; text: string; suppressed: boolean; isPrint: boolean } | null;
}

const LITERALS = new Set([
  'integer',
  'float',
  'true',
  'false',
  'none',
  'string',
  'concatenated_string',
  'list',
  'tuple',
  'dictionary',
  'pair',
  'set',
  'unary_operator',
  'parenthesized_expression',
  'string_start',
  'string_content',
  'string_end',
  'escape_sequence',
]);

function toRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** True when the expression is made of Python literals only (what `ast.literal_eval` accepts, roughly). */
export function isLiteralNode(node: Node): boolean {
  if (!LITERALS.has(node.type)) return false;
  if (node.type === 'unary_operator' && !/^[-+]/.test(node.text)) return false;
  return node.namedChildren.every((child) => child === null || child.type === 'comment' || isLiteralNode(child));
}

/** The statement's imports as records, from the same reading of import statements the walker's facts come from. */
function importRecords(node: Node, statement: number): ImportRecord[] {
  return importFacts(node).flatMap((fact) => {
    const written = '.'.repeat(fact.level) + fact.module;
    return fact.bindings.map(([bound, target]): ImportRecord => {
      if (node.type === 'import_statement') {
        return {
          module: fact.module,
          level: 0,
          name: null,
          alias: bound === fact.module.split('.')[0] && target === bound ? null : bound,
          bound,
          statement,
        };
      }
      const name = target.slice(written.length + 1);
      return { module: fact.module, level: fact.level, name, alias: bound === name ? null : bound, bound, statement };
    });
  });
}

const BRACKETS = new Set([
  'argument_list',
  'parenthesized_expression',
  'list',
  'dictionary',
  'set',
  'tuple',
  'subscript',
  'generator_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'parameters',
]);

/** `x = ` with the value on a later line and nothing (brackets, backslash) to continue the line: tree-sitter recovers, Python does not. */
function isDanglingAssignment(node: Node): boolean {
  const right = node.childForFieldName('right');
  const equals = node.children.find((child) => child?.type === '=');
  if (!right || !equals || right.startPosition.row === equals.endPosition.row) return false;
  for (let up = node.parent; up; up = up.parent) if (BRACKETS.has(up.type)) return false;
  const text = node.text;
  const between = text.slice(equals.endIndex - node.startIndex, right.startIndex - node.startIndex);
  return !between.includes('\\');
}

/** The shape of a cell with nothing in it: fresh lists, so a caller may fill them. */
export function emptyCellShape(): CellShape {
  return {
    statements: [],
    imports: [],
    returnsOrYields: [],
    globalDecls: [],
    stringLines: [],
    literalAssigns: [],
    lastExpression: null,
    suspectSyntax: [],
    python2Statements: [],
  };
}

/** `source` is the text the tree was parsed from. */
export function cellShape(root: Node, source: string): CellShape {
  const shape = emptyCellShape();
  const stringLines = new Set<number>();
  const visit = (node: Node, inFunction: boolean): void => {
    const type = node.type;
    if (type === 'string' && node.endPosition.row > node.startPosition.row) {
      for (let line = node.startPosition.row + 1; line <= node.endPosition.row; line++) stringLines.add(line);
    }
    if (type === 'block' && node.namedChildren.every((child) => child === null || child.type === 'comment'))
      shape.suspectSyntax.push(toRange(node));
    if (type === 'assignment' && isDanglingAssignment(node)) shape.suspectSyntax.push(toRange(node));
    if (type === 'print_statement' || type === 'exec_statement') shape.python2Statements.push(toRange(node));
    if (!inFunction && (type === 'return_statement' || type === 'yield')) shape.returnsOrYields.push(toRange(node));
    if (!inFunction && (type === 'global_statement' || type === 'nonlocal_statement'))
      shape.globalDecls.push(toRange(node));
    const entersFunction = type === 'function_definition' || type === 'lambda';
    for (const child of node.namedChildren) {
      if (child) visit(child, inFunction || entersFunction);
    }
  };
  const children = root.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  children.forEach((node, statement) => {
    visit(node, false);
    shape.statements.push({ type: node.type, range: toRange(node), sharesLine: false });
    if (node.type === 'import_statement' || node.type === 'import_from_statement')
      shape.imports.push(...importRecords(node, statement));
    if (node.type === 'expression_statement') {
      const assignment = node.namedChild(0);
      if (assignment?.type === 'assignment' && node.namedChildCount === 1) {
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        if (left?.type === 'identifier' && right && !assignment.childForFieldName('type') && isLiteralNode(right)) {
          shape.literalAssigns.push({ name: left.text, value: right.text, statement });
        }
      }
    }
  });
  for (let k = 0; k < shape.statements.length; k++) {
    const current = shape.statements[k]!.range;
    const before = shape.statements[k - 1]?.range;
    const after = shape.statements[k + 1]?.range;
    if ((before && before.end.line === current.start.line) || (after && after.start.line === current.end.line)) {
      shape.statements[k]!.sharesLine = true;
    }
  }
  const last = children[children.length - 1];
  if (last?.type === 'expression_statement' && last.namedChildCount === 1) {
    const expression = last.namedChild(0)!;
    const isValue =
      expression.type !== 'assignment' && expression.type !== 'augmented_assignment' && expression.type !== 'yield';
    if (isValue) {
      // What follows the expression on its line: a `;` hides the value.
      const lineEnd = source.indexOf('\n', last.endIndex);
      const rest = source.slice(last.endIndex, lineEnd === -1 ? source.length : lineEnd);
      const fn = expression.type === 'call' ? expression.childForFieldName('function')?.text : undefined;
      shape.lastExpression = {
        statement: children.length - 1,
        text: expression.text,
        suppressed: /^\s*;/.test(rest),
        isPrint: fn === 'print' || fn === 'display',
      };
    }
  }
  shape.stringLines = [...stringLines].sort((a, b) => a - b);
  return shape;
}
