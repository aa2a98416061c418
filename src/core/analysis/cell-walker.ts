// Walks one cell's tree-sitter tree once, in evaluation order, and turns it into CellFacts: the statement dispatch,
// assignments, imports, calls and syntax errors. Python's scopes (functions, classes, lambdas, comprehensions, reads and
// binds of names) are the ScopeWalker it extends (walker-scopes.ts); `global` in a function binds at module level when called.
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { Range } from '../types';
import {
  PLAIN_EXPRESSION_TYPES,
  scanPlainExpression,
  scanPlainStatement,
  type PlainExpression,
} from './expression-scan';
import type { CellFacts, CellOutline, ImportFact } from './facts';
import { SourceTokens } from './python-tokens';
import { boundByImport, importFacts, isStarImport } from './import-statements';
import { walkCasePattern, type PatternNames } from './match-patterns';
import { createScope, nearestBindingScope } from './scopes';
import {
  ACCUMULATING_METHODS,
  COMPREHENSIONS,
  DECISIONS,
  F_STRING_PREFIX,
  LEAF_TYPES,
  MUTATING_METHODS,
  hasInplaceTrue,
  isGlobalsCall,
  logicLines,
  nameRange,
  toRange,
} from './syntax-nodes';
import { syntaxErrorsOf } from './syntax-errors';
import { ScopeWalker, isTopLevelCode, type Context, type WalkOptions } from './walker-scopes';
import { isInsideLoop, isListValue, rebindEffect } from './rerun-effects';

/** After a plain statement's target name: its value starts (past parentheses and comments) as `[`, `list(`, `deque(`. */
const LIST_START = /\s*=(?:[\s(]|#[^\n]*)*(?:\[|list\s*\(|(?:collections\s*\.\s*)?deque\s*\()/y;

export type { WalkOptions } from './walker-scopes';

/**
 * `source` is the text the tree was parsed from (the plain-expression scan reads it by offset); `tokens` are its
 * tokens, made only if the line count needs them, for the call facts to reuse.
 */
export function walkCell(
  root: Node,
  source: string,
  options: WalkOptions,
  tokens: SourceTokens = new SourceTokens(source),
): CellFacts {
  return new CellWalker(source, options).run(root, tokens);
}

class CellWalker extends ScopeWalker {
  private readonly imports: ImportFact[] = [];
  private readonly python2Statements: Range[] = [];
  private readonly outline: CellOutline = { complexity: 1, logicLines: 0, asserts: [] };
  /** Only a tree with errors has ERROR nodes to skip. */
  private treeHasError = false;
  /** The text scan skips nodes, so an ERROR node inside an expression would go unreported: error-free trees only. */
  private scanExpressions = false;

  run(root: Node, tokens: SourceTokens): CellFacts {
    const module = createScope('module', null);
    this.treeHasError = root.hasError;
    this.scanExpressions = !this.treeHasError && this.options.scanPlainExpressions !== false;
    this.visit(root, { scope: module, callable: null, pending: null });
    // The tokens stand for the tree's statements only where tree-sitter parsed them all.
    this.outline.logicLines = logicLines(root, this.source, this.treeHasError ? null : tokens);
    const syntaxErrors = syntaxErrorsOf(root, this.source);
    return {
      events: this.events,
      imports: this.imports,
      definitions: this.definitions,
      syntaxErrors,
      python2Statements: this.python2Statements,
      outline: this.outline,
    };
  }

  protected visit(node: Node, ctx: Context): void {
    const type = node.type;
    // What tree-sitter could not parse reads and binds nothing we can trust; syntax-errors.ts reports it.
    if (this.treeHasError && type === 'ERROR') return;
    if (LEAF_TYPES.has(type)) return;
    if (
      this.scanExpressions &&
      (type === 'expression_statement' || PLAIN_EXPRESSION_TYPES.has(type)) &&
      this.readPlainExpression(node, type, ctx)
    )
      return;
    if (isTopLevelCode(ctx)) {
      if (DECISIONS.has(type)) this.outline.complexity++;
      else if (type === 'assert_statement') this.outline.asserts.push(toRange(node));
    }
    switch (type) {
      case 'identifier':
        this.read(node, ctx);
        return;
      case 'string':
        // Only an f-string holds names; most strings are skipped without building their child nodes.
        if (F_STRING_PREFIX.test(node.text)) this.visitChildren(node, ctx);
        return;
      case 'attribute':
        this.visit(node.childForFieldName('object')!, ctx);
        return;
      case 'dotted_name':
        // Outside imports a dotted name is a value reference: only its first part is a variable.
        if (node.namedChild(0)) this.read(node.namedChild(0)!, ctx);
        return;
      case 'keyword_argument':
        this.visitAll([node.childForFieldName('value')], ctx);
        return;
      case 'assignment':
        this.assignment(node, ctx);
        return;
      case 'augmented_assignment':
        this.augmentedAssignment(node, ctx);
        return;
      case 'named_expression':
        this.visitAll([node.childForFieldName('value')], ctx);
        this.bindName(node.childForFieldName('name')!, nearestBindingScope(ctx.scope), ctx);
        return;
      case 'for_statement':
        this.visitAll([node.childForFieldName('right')], ctx);
        this.bindTarget(node.childForFieldName('left')!, ctx);
        this.visitAll([node.childForFieldName('body'), node.childForFieldName('alternative')], ctx);
        return;
      case 'as_pattern':
        // with ... as x / except E as e: the value first, then the alias binds.
        this.visitAll(
          node.namedChildren.filter((child) => child?.type !== 'as_pattern_target'),
          ctx,
        );
        for (const alias of node.namedChildren) {
          if (alias?.type === 'as_pattern_target' && alias.namedChild(0)) this.bindTarget(alias.namedChild(0)!, ctx);
        }
        return;
      case 'except_clause':
        this.exceptClause(node, ctx);
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node, ctx);
        return;
      case 'decorated_definition':
        this.visitAll(
          node.namedChildren.filter((child) => child?.type === 'decorator'),
          ctx,
        );
        this.visitAll([node.childForFieldName('definition')], ctx);
        return;
      case 'function_definition':
        this.functionDefinition(node, ctx);
        return;
      case 'class_definition':
        this.classDefinition(node, ctx);
        return;
      case 'lambda':
        this.lambda(node, ctx, null);
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        this.declareGlobal(node, ctx);
        return;
      case 'delete_statement':
        this.deleteStatement(node, ctx);
        return;
      case 'call':
        this.call(node, ctx);
        return;
      case 'case_clause':
        this.caseClause(node, ctx);
        return;
      case 'type_alias_statement':
        this.typeAlias(node, ctx);
        return;
      case 'print_statement':
      case 'exec_statement':
        this.python2Statements.push(toRange(node));
        this.visitChildren(node, ctx);
        return;
      default:
        if (COMPREHENSIONS.has(type)) this.comprehension(node, ctx);
        else this.visitChildren(node, ctx);
    }
  }

  // ---- reads, binds, updates -------------------------------------------------------------------

  /**
   * A plain expression (or `name = plain expression` statement) from its text, without a node per part; false when
   * it needs the node-by-node walk.
   */
  private readPlainExpression(node: Node, type: string, ctx: Context): boolean {
    const { row, column } = node.startPosition;
    const scan = type === 'expression_statement' ? scanPlainStatement : scanPlainExpression;
    const plain: PlainExpression | null = scan(this.source, node.startIndex, node.endIndex, row, column);
    if (!plain) return false;
    const firstEvent = this.events.length;
    if (isTopLevelCode(ctx)) this.outline.complexity += plain.decisions;
    for (const read of plain.reads) this.readName(read.name, read.range, ctx);
    if (plain.target) {
      this.bindNameAt(plain.target.name, plain.target.range, ctx.scope, ctx);
      // The statement's nodes are asked for only in the rare statements that need them.
      const assignment = () => node.namedChild(0);
      this.markRebindsOwnRead(firstEvent, assignment);
      LIST_START.lastIndex = node.startIndex + plain.target.name.length;
      if (LIST_START.test(this.source)) this.markListValue(firstEvent, assignment());
    }
    return true;
  }

  // ---- statements -------------------------------------------------------------------------------

  private assignment(node: Node, ctx: Context): void {
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right');
    const annotation = node.childForFieldName('type');
    // Variable annotations are evaluated at module and class level only, and never once postponed.
    if (annotation && ctx.scope.kind !== 'function' && !this.options.postponedAnnotations) this.visit(annotation, ctx);
    if (!right) return; // `z: int` binds nothing
    const firstEvent = this.events.length;
    if (right.type === 'lambda' && left.type === 'identifier') {
      const callable = this.lambda(right, ctx, left);
      this.bindName(left, ctx.scope, ctx, callable ?? undefined);
      return;
    }
    this.visit(right, ctx);
    this.bindTarget(left, ctx);
    this.markRebindsOwnRead(firstEvent, () => node);
    this.markListValue(firstEvent, node);
  }

  private augmentedAssignment(node: Node, ctx: Context): void {
    const left = node.childForFieldName('left')!;
    const firstEvent = this.events.length;
    if (left.type === 'identifier') {
      this.read(left, ctx);
      this.visitAll([node.childForFieldName('right')], ctx);
      this.bindName(left, ctx.scope, ctx);
      this.markRebindsOwnRead(firstEvent, () => node);
    } else {
      this.visitAll([node.childForFieldName('right')], ctx);
      this.bindTarget(left, ctx);
    }
  }

  /**
   * `x = x + 1`: a bind of one statement that read the same name earlier in that statement, marked with what a second
   * run does to it (rerun-effects.ts). Inside a for or while loop it is 'unknown': a loop over its state (a training
   * loop) is meant to go on when the cell runs again.
   */
  private markRebindsOwnRead(firstEvent: number, statementOf: () => Node | null): void {
    const statementEvents = this.events.slice(firstEvent);
    const readNames = new Set(statementEvents.filter((event) => event.kind === 'read').map((event) => event.name));
    for (const event of statementEvents) {
      if (event.kind !== 'bind' || !readNames.has(event.name)) continue;
      const statement = statementOf();
      const inLoop = !statement || isInsideLoop(statement);
      event.rebindsOwnRead = (!inLoop && rebindEffect(statement, event.name)) || 'unknown';
    }
  }

  /** `items = []`: the name is bound to a list or a deque (what NH106 needs to know of `items.append(...)`). */
  private markListValue(firstEvent: number, statement: Node | null): void {
    const left = statement?.childForFieldName('left');
    const right = statement?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !isListValue(right)) return;
    for (const event of this.events.slice(firstEvent)) {
      if (event.kind === 'bind' && event.name === left.text) event.listValue = true;
    }
  }

  private exceptClause(node: Node, ctx: Context): void {
    const value = node.childForFieldName('value');
    const alias = node.childForFieldName('alias'); // Python 2: except E, e
    this.visitAll([value], ctx);
    if (alias) this.bindTarget(alias, ctx);
    this.visitAll(
      node.namedChildren.filter((child) => child?.type === 'block'),
      ctx,
    );
  }

  private importStatement(node: Node, ctx: Context): void {
    if (ctx.scope.kind === 'module' && !ctx.callable) this.imports.push(...importFacts(node));
    for (const bound of boundByImport(node)) this.bindName(bound, ctx.scope, ctx);
    if (isStarImport(node) && ctx.scope.kind === 'module')
      this.events.push({ kind: 'star', range: toRange(node), reason: 'star import' });
  }

  private declareGlobal(node: Node, ctx: Context): void {
    if (ctx.scope.kind === 'module') return;
    const into = node.type === 'global_statement' ? ctx.scope.globals : ctx.scope.nonlocals;
    for (const name of node.namedChildren) {
      if (name?.type === 'identifier') {
        into.add(name.text);
        ctx.scope.locals.delete(name.text);
      }
    }
  }

  private deleteStatement(node: Node, ctx: Context): void {
    const targets = node.namedChildren.flatMap((child) =>
      child?.type === 'expression_list' ? child.namedChildren : [child],
    );
    for (const target of targets) {
      if (!target) continue;
      if (target.type === 'identifier') {
        if (ctx.scope.kind !== 'module') this.bindName(target, ctx.scope, ctx);
        else this.events.push({ kind: 'delete', name: target.text, range: nameRange(target, target.text) });
      } else if (target.type === 'subscript' || target.type === 'attribute') {
        this.bindTarget(target, ctx);
      } else {
        this.visit(target, ctx);
      }
    }
  }

  private call(node: Node, ctx: Context): void {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    this.visitAll([fn, args], ctx);
    if (fn?.type === 'identifier' && (fn.text === 'exec' || fn.text === 'execfile')) {
      this.dynamicDefinition(node, ctx, `${fn.text}()`);
    }
    if (fn?.type !== 'attribute') return;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object')!;
    if (isGlobalsCall(object)) {
      this.dynamicDefinition(node, ctx, 'globals()');
      return;
    }
    if (MUTATING_METHODS.has(method) || hasInplaceTrue(args)) {
      // Only `name.append(...)` itself: `rows[0].append(...)` or `person.email.append(...)` add to what the name
      // holds, whose type nothing here knows.
      const accumulates = ACCUMULATING_METHODS.has(method) && object.type === 'identifier' && !isInsideLoop(node);
      this.update(object, ctx, accumulates);
    }
  }

  private caseClause(node: Node, ctx: Context): void {
    const names: PatternNames = {
      capture: (name) => this.bindName(name, ctx.scope, ctx),
      read: (name) => this.read(name, ctx),
      captureAs: (target) => this.bindTarget(target, ctx),
    };
    for (const pattern of node.namedChildren) {
      if (pattern?.type === 'case_pattern') walkCasePattern(pattern, names);
    }
    this.visitAll([node.childForFieldName('guard'), node.childForFieldName('consequence')], ctx);
  }
}
