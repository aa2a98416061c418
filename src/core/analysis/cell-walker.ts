// Walks one cell's tree-sitter tree once, in evaluation order, and turns it into CellFacts, with Python's scoping
// rules: function bodies are collected, not run; class bodies run at once but do not enclose their methods; comprehensions
// have their own scope but a walrus inside binds outside; `global` in a function binds at module level when called.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../types';
import { PLAIN_EXPRESSION_TYPES, scanPlainExpression, scanPlainStatement, type PlainExpression } from './expression-scan';
import type { Callable, CellEvent, CellFacts, CellOutline, DefinitionFact, ImportFact, NameRef } from './facts';
import { boundByImport, importFacts, isStarImport } from './import-statements';
import { walkCasePattern, type PatternNames } from './match-patterns';
import { createScope, nearestBindingScope, resolvesToModule, type Scope } from './scopes';
import {
  ACCUMULATING_METHODS,
  COMPREHENSIONS,
  DECISIONS,
  F_STRING_PREFIX,
  LEAF_TYPES,
  MUTATING_METHODS,
  baseIdentifier,
  hasInplaceTrue,
  isGlobalsCall,
  logicLines,
  nameRange,
  parameterNames,
  snippet,
  toRange,
} from './syntax-nodes';

/** Code that runs as the cell runs, outside any function, lambda or class body. */
function isTopLevelCode(ctx: Context): boolean {
  return ctx.pending === null && ctx.callable === null && (ctx.scope.kind === 'module' || ctx.scope.kind === 'comprehension');
}

export interface WalkOptions {
  /** `from __future__ import annotations` somewhere in the notebook: annotations are strings, never evaluated. */
  postponedAnnotations: boolean;
  /**
   * Reads of plain expressions come from their text (expression-scan.ts), not node by node. Always on but in the
   * test that holds the two ways to the same facts.
   */
  scanPlainExpressions?: boolean;
}

interface Context {
  scope: Scope;
  /** The module-level def or class whose body we are in; its deferred reads collect here. */
  callable: Callable | null;
  /**
   * Reads inside a function body, kept until the outermost function is walked: only then are its locals known
   * (a name assigned anywhere in a function is local everywhere in it). null outside functions.
   */
  pending: PendingRead[] | null;
}

interface PendingRead {
  name: string;
  range: Range;
  scope: Scope;
}

/** `source` is the text the tree was parsed from (the plain-expression scan reads it by offset). */
export function walkCell(root: Node, source: string, options: WalkOptions): CellFacts {
  return new CellWalker(source, options).run(root);
}

class CellWalker {
  private readonly events: CellEvent[] = [];
  private readonly imports: ImportFact[] = [];
  private readonly definitions: DefinitionFact[] = [];
  private readonly syntaxErrors: CellFacts['syntaxErrors'] = [];
  private readonly outline: CellOutline = { complexity: 1, logicLines: 0, asserts: [] };
  /** Only a tree with errors needs the (costly) per-node error checks. */
  private treeHasError = false;
  /** The text scan skips nodes, so an ERROR node inside an expression would go unreported: error-free trees only. */
  private scanExpressions = false;
  private sourceLines: string[] | undefined;

  constructor(
    private readonly source: string,
    private readonly options: WalkOptions,
  ) {}

  run(root: Node): CellFacts {
    const module = createScope('module', null);
    this.treeHasError = root.hasError;
    this.scanExpressions = !this.treeHasError && this.options.scanPlainExpressions !== false;
    this.visit(root, { scope: module, callable: null, pending: null });
    this.outline.logicLines = logicLines(root, this.source);
    return { events: this.events, imports: this.imports, definitions: this.definitions, syntaxErrors: this.syntaxErrors, outline: this.outline };
  }

  private visitAll(nodes: (Node | null)[], ctx: Context): void {
    for (const node of nodes) if (node) this.visit(node, ctx);
  }

  private visitChildren(node: Node, ctx: Context): void {
    this.visitAll(node.namedChildren, ctx);
  }

  private visit(node: Node, ctx: Context): void {
    const type = node.type;
    if (this.treeHasError && (type === 'ERROR' || node.isMissing)) {
      this.recordSyntaxError(node);
      if (type === 'ERROR') return;
    }
    if (LEAF_TYPES.has(type)) return;
    if (this.scanExpressions && (type === 'expression_statement' || PLAIN_EXPRESSION_TYPES.has(type)) && this.readPlainExpression(node, type, ctx)) return;
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
        this.visitAll(node.namedChildren.filter((child) => child?.type !== 'as_pattern_target'), ctx);
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
        this.visitAll(node.namedChildren.filter((child) => child?.type === 'decorator'), ctx);
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
        this.visitAll([node.childForFieldName('right')], ctx);
        this.bindTarget(node.childForFieldName('left')!, ctx);
        return;
      default:
        if (COMPREHENSIONS.has(type)) this.comprehension(node, ctx);
        else this.visitChildren(node, ctx);
    }
  }

  /** The source from the node to the end of its line: what a user recognises in the message. */
  private restOfLine(node: Node): string {
    // The cell's own text: the root node's starts at the first token, so its lines would be off by any leading blank lines.
    this.sourceLines ??= this.source.split('\n');
    return this.sourceLines[node.startPosition.row]?.slice(node.startPosition.column) ?? node.text;
  }

  private recordSyntaxError(node: Node): void {
    const message = node.isMissing ? `syntax error: missing '${node.type}'` : `syntax error: unexpected ${snippet(this.restOfLine(node))}`;
    this.syntaxErrors.push({ range: toRange(node), message });
  }

  // ---- reads, binds, updates -------------------------------------------------------------------

  private read(node: Node, ctx: Context): void {
    const name = node.text;
    this.readName(name, nameRange(node, name), ctx);
  }

  private readName(name: string, range: Range, ctx: Context): void {
    if (ctx.pending) ctx.pending.push({ name, range, scope: ctx.scope });
    else if (resolvesToModule(ctx.scope, name)) this.deliverRead(ctx.callable, { name, range });
  }

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
      this.markRebindsOwnRead(firstEvent);
    }
    return true;
  }

  private deliverRead(callable: Callable | null, ref: NameRef): void {
    if (callable) callable.reads.push(ref);
    else this.events.push({ kind: 'read', ...ref });
  }

  /** Called once the outermost function is walked and every scope in it knows its locals. */
  private resolvePending(pending: PendingRead[], callable: Callable | null): void {
    for (const read of pending) {
      if (resolvesToModule(read.scope, read.name)) this.deliverRead(callable, { name: read.name, range: read.range });
    }
  }

  private bindName(node: Node, scope: Scope, ctx: Context, callable?: Callable): void {
    const name = node.text;
    this.bindNameAt(name, nameRange(node, name), scope, ctx, callable);
  }

  private bindNameAt(name: string, range: Range, scope: Scope, ctx: Context, callable?: Callable): void {
    if (scope.kind !== 'module') {
      if (scope.globals.has(name)) {
        if (ctx.callable) ctx.callable.globalBinds.push({ name, range });
      } else if (!scope.nonlocals.has(name)) {
        scope.locals.add(name);
      }
      return;
    }
    const event: CellEvent = { kind: 'bind', name, range };
    if (callable) event.callable = callable;
    this.events.push(event);
  }

  /** Binding targets: names, tuples, lists, starred names; attributes and subscripts update their base object. */
  private bindTarget(target: Node, ctx: Context): void {
    switch (target.type) {
      case 'identifier':
        this.bindName(target, ctx.scope, ctx);
        return;
      case 'attribute':
      case 'subscript':
        this.visitAll(target.type === 'subscript' ? target.namedChildren : [target.childForFieldName('object')], ctx);
        this.update(target, ctx, false);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
      case 'list_splat_pattern':
      case 'list_splat':
        for (const child of target.namedChildren) if (child) this.bindTarget(child, ctx);
        return;
      default:
        this.visit(target, ctx);
    }
  }

  private update(target: Node, ctx: Context, accumulates: boolean): void {
    const base = baseIdentifier(target);
    if (!base && isGlobalsCall(target.type === 'subscript' ? target.childForFieldName('value') : null)) {
      this.dynamicDefinition(target, ctx, 'globals()');
      return;
    }
    if (!base || ctx.callable || ctx.scope.kind !== 'module') return;
    this.events.push({ kind: 'update', name: base.text, range: nameRange(base, base.text), accumulates });
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
    this.markRebindsOwnRead(firstEvent);
  }

  private augmentedAssignment(node: Node, ctx: Context): void {
    const left = node.childForFieldName('left')!;
    const firstEvent = this.events.length;
    if (left.type === 'identifier') {
      this.read(left, ctx);
      this.visitAll([node.childForFieldName('right')], ctx);
      this.bindName(left, ctx.scope, ctx);
      this.markRebindsOwnRead(firstEvent);
    } else {
      this.visitAll([node.childForFieldName('right')], ctx);
      this.bindTarget(left, ctx);
    }
  }

  /** `x = x + 1`: the binds of one statement that read the same name earlier in that statement. */
  private markRebindsOwnRead(firstEvent: number): void {
    const statementEvents = this.events.slice(firstEvent);
    const readNames = new Set(statementEvents.filter((event) => event.kind === 'read').map((event) => event.name));
    for (const event of statementEvents) {
      if (event.kind === 'bind' && readNames.has(event.name)) event.rebindsOwnRead = true;
    }
  }

  private exceptClause(node: Node, ctx: Context): void {
    const value = node.childForFieldName('value');
    const alias = node.childForFieldName('alias'); // Python 2: except E, e
    this.visitAll([value], ctx);
    if (alias) this.bindTarget(alias, ctx);
    this.visitAll(node.namedChildren.filter((child) => child?.type === 'block'), ctx);
  }

  private importStatement(node: Node, ctx: Context): void {
    if (ctx.scope.kind === 'module' && !ctx.callable) this.imports.push(...importFacts(node));
    for (const bound of boundByImport(node)) this.bindName(bound, ctx.scope, ctx);
    if (isStarImport(node) && ctx.scope.kind === 'module') this.events.push({ kind: 'star', range: toRange(node), reason: 'star import' });
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
    if (MUTATING_METHODS.has(method) || hasInplaceTrue(args)) this.update(object, ctx, ACCUMULATING_METHODS.has(method));
  }

  /** exec(...), globals()[...] = ...: names appear that no reader of the code can see. */
  private dynamicDefinition(node: Node, ctx: Context, reason: string): void {
    if (ctx.callable || ctx.scope.kind !== 'module') return;
    this.events.push({ kind: 'star', range: toRange(node), reason });
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

  // ---- scopes: functions, classes, lambdas, comprehensions ----------------------------------------

  /** Decorators, defaults and annotations are evaluated where the function is defined. */
  private visitDefinitionTimeParts(parameters: Node | null, returnType: Node | null, ctx: Context): void {
    const evaluateAnnotations = !this.options.postponedAnnotations;
    for (const parameter of parameters?.namedChildren ?? []) {
      if (!parameter) continue;
      this.visitAll([parameter.childForFieldName('value')], ctx);
      if (evaluateAnnotations) this.visitAll([parameter.childForFieldName('type')], ctx);
    }
    if (evaluateAnnotations) this.visitAll([returnType], ctx);
  }

  private bindParameters(parameters: Node | null, scope: Scope): void {
    for (const parameter of parameters?.namedChildren ?? []) {
      for (const name of parameter ? parameterNames(parameter) : []) scope.locals.add(name);
    }
  }

  private functionDefinition(node: Node, ctx: Context): void {
    const nameNode = node.childForFieldName('name')!;
    const parameters = node.childForFieldName('parameters');
    this.visitDefinitionTimeParts(parameters, node.childForFieldName('return_type'), ctx);
    const callable = this.enterFunctionBody(node.childForFieldName('body'), parameters, ctx);
    if (ctx.scope.kind === 'module') {
      this.definitions.push({ name: nameNode.text, kind: 'function', range: toRange(nameNode) });
    }
    this.bindName(nameNode, ctx.scope, ctx, callable ?? undefined);
  }

  /** Returns the new Callable when the function is defined at module level; nested ones report into their parent. */
  private enterFunctionBody(body: Node | null, parameters: Node | null, ctx: Context): Callable | null {
    if (!body) return null;
    const scope = createScope('function', ctx.scope);
    this.bindParameters(parameters, scope);
    const ownCallable: Callable | null = ctx.callable ? null : { kind: 'function', reads: [], globalBinds: [] };
    this.walkFunctionScope(body, scope, ctx, ctx.callable ?? ownCallable);
    return ownCallable;
  }

  private walkFunctionScope(body: Node, scope: Scope, ctx: Context, callable: Callable | null): void {
    const pending = ctx.pending ?? [];
    this.visit(body, { scope, callable, pending });
    if (!ctx.pending) this.resolvePending(pending, callable);
  }

  private lambda(node: Node, ctx: Context, boundTo: Node | null): Callable | null {
    const parameters = node.childForFieldName('parameters');
    this.visitDefinitionTimeParts(parameters, null, ctx);
    const scope = createScope('function', ctx.scope);
    this.bindParameters(parameters, scope);
    // A lambda bound to a module-level name runs when that name is called; an anonymous one is assumed to run now.
    const ownCallable: Callable | null =
      boundTo && !ctx.callable && ctx.scope.kind === 'module' ? { kind: 'lambda', reads: [], globalBinds: [] } : null;
    const body = node.childForFieldName('body');
    if (body) this.walkFunctionScope(body, scope, ctx, ctx.callable ?? ownCallable);
    return ownCallable;
  }

  private classDefinition(node: Node, ctx: Context): void {
    const nameNode = node.childForFieldName('name')!;
    this.visitAll([node.childForFieldName('superclasses')], ctx);
    const body = node.childForFieldName('body');
    let callable: Callable | null = null;
    if (body) {
      // The class body runs now; its methods run when the class is used, so their reads are deferred.
      callable = ctx.callable ? null : { kind: 'class', reads: [], globalBinds: [] };
      this.classBody(body, createScope('class', ctx.scope), ctx, callable);
    }
    if (ctx.scope.kind === 'module') {
      this.definitions.push({ name: nameNode.text, kind: 'class', range: toRange(nameNode) });
    }
    this.bindName(nameNode, ctx.scope, ctx, callable ?? undefined);
  }

  private classBody(body: Node, scope: Scope, ctx: Context, methods: Callable | null): void {
    const bodyCtx: Context = { scope, callable: ctx.callable, pending: ctx.pending };
    for (const statement of body.namedChildren) {
      if (!statement) continue;
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type === 'function_definition' && methods) {
        this.visitAll(statement.namedChildren.filter((child) => child?.type === 'decorator'), bodyCtx);
        const parameters = definition.childForFieldName('parameters');
        this.visitDefinitionTimeParts(parameters, definition.childForFieldName('return_type'), bodyCtx);
        this.enterFunctionBody(definition.childForFieldName('body'), parameters, { ...bodyCtx, callable: methods });
      } else {
        this.visit(statement, bodyCtx);
      }
    }
  }

  private comprehension(node: Node, ctx: Context): void {
    const scope = createScope('comprehension', ctx.scope);
    const inner: Context = { ...ctx, scope };
    let firstIterable = true;
    // The first iterable is evaluated in the enclosing scope; everything else in the comprehension's own.
    for (const clause of node.namedChildren) {
      if (clause?.type === 'for_in_clause') {
        this.visitAll([clause.childForFieldName('right')], firstIterable ? ctx : inner);
        firstIterable = false;
        this.bindTarget(clause.childForFieldName('left')!, inner);
      } else if (clause?.type === 'if_clause') {
        this.visit(clause, inner);
      }
    }
    this.visitAll([node.childForFieldName('body')], inner);
  }
}

