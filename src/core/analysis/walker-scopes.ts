// The half of the cell walk that knows Python's scopes: reads and binds of names, binding targets, and the scopes of
// functions, classes, lambdas and comprehensions. Function bodies are collected, not run; class bodies run at once but
// do not enclose their methods; comprehensions have their own scope but a walrus inside binds outside. The statement
// dispatch that drives it is CellWalker in cell-walker.ts.
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { Range } from '../types';
import type { Callable, CellEvent, DefinitionFact, NameRef } from './facts';
import { createScope, resolvesToModule, type Scope } from './scopes';
import { baseIdentifier, isGlobalsCall, nameRange, parameterNames, toRange } from './syntax-nodes';

/** IPython's display hooks and Python's string conversions: run when an instance is shown, not when it is made. */
const DISPLAY_HOOK = /^(?:_repr_\w+_|_ipython_display_|__repr__|__str__|__format__)$/;

/** Code that runs as the cell runs, outside any function, lambda or class body. */
export function isTopLevelCode(ctx: Context): boolean {
  return (
    ctx.pending === null && ctx.callable === null && (ctx.scope.kind === 'module' || ctx.scope.kind === 'comprehension')
  );
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

export interface Context {
  scope: Scope;
  /** The module-level def or class whose body we are in; its deferred reads collect here. */
  callable: Callable | null;
  /**
   * Reads inside a function body, kept until the outermost function is walked: only then are its locals known
   * (a name assigned anywhere in a function is local everywhere in it). null outside functions.
   */
  pending: PendingRead[] | null;
}

export interface PendingRead {
  name: string;
  range: Range;
  scope: Scope;
}

export abstract class ScopeWalker {
  protected readonly events: CellEvent[] = [];
  protected readonly definitions: DefinitionFact[] = [];

  constructor(
    protected readonly source: string,
    protected readonly options: WalkOptions,
  ) {}

  /** One node in evaluation order: the statement dispatch. */
  protected abstract visit(node: Node, ctx: Context): void;

  protected visitAll(nodes: readonly (Node | null)[], ctx: Context): void {
    for (const node of nodes) if (node) this.visit(node, ctx);
  }

  protected visitChildren(node: Node, ctx: Context): void {
    this.visitAll(node.namedChildren, ctx);
  }

  // ---- reads, binds, updates -------------------------------------------------------------------

  protected read(node: Node, ctx: Context): void {
    const name = node.text;
    this.readName(name, nameRange(node, name), ctx);
  }

  protected readName(name: string, range: Range, ctx: Context): void {
    if (ctx.pending) ctx.pending.push({ name, range, scope: ctx.scope });
    else if (resolvesToModule(ctx.scope, name)) this.deliverRead(ctx.callable, { name, range });
  }

  protected deliverRead(callable: Callable | null, ref: NameRef): void {
    if (callable) callable.reads.push(ref);
    else this.events.push({ kind: 'read', ...ref });
  }

  /** Called once the outermost function is walked and every scope in it knows its locals. */
  protected resolvePending(pending: PendingRead[], callable: Callable | null): void {
    for (const read of pending) {
      if (resolvesToModule(read.scope, read.name)) this.deliverRead(callable, { name: read.name, range: read.range });
    }
  }

  protected bindName(node: Node, scope: Scope, ctx: Context, callable?: Callable): void {
    const name = node.text;
    this.bindNameAt(name, nameRange(node, name), scope, ctx, callable);
  }

  protected bindNameAt(name: string, range: Range, scope: Scope, ctx: Context, callable?: Callable): void {
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
  protected bindTarget(target: Node, ctx: Context): void {
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

  protected update(target: Node, ctx: Context, accumulates: boolean): void {
    const base = baseIdentifier(target);
    if (!base && isGlobalsCall(target.type === 'subscript' ? target.childForFieldName('value') : null)) {
      this.dynamicDefinition(target, ctx, 'globals()');
      return;
    }
    if (!base || ctx.callable || ctx.scope.kind !== 'module') return;
    this.events.push({ kind: 'update', name: base.text, range: nameRange(base, base.text), accumulates });
  }

  /** exec(...), globals()[...] = ...: names appear that no reader of the code can see. */
  protected dynamicDefinition(node: Node, ctx: Context, reason: string): void {
    if (ctx.callable || ctx.scope.kind !== 'module') return;
    this.events.push({ kind: 'star', range: toRange(node), reason });
  }

  // ---- scopes: functions, classes, lambdas, comprehensions ----------------------------------------

  /** Decorators, defaults and annotations are evaluated where the function is defined. */
  protected visitDefinitionTimeParts(parameters: Node | null, returnType: Node | null, ctx: Context): void {
    const evaluateAnnotations = !this.options.postponedAnnotations;
    for (const parameter of parameters?.namedChildren ?? []) {
      if (!parameter) continue;
      this.visitAll([parameter.childForFieldName('value')], ctx);
      if (evaluateAnnotations) this.visitAll([parameter.childForFieldName('type')], ctx);
    }
    if (evaluateAnnotations) this.visitAll([returnType], ctx);
  }

  protected bindParameters(parameters: Node | null, scope: Scope): void {
    for (const parameter of parameters?.namedChildren ?? []) {
      for (const name of parameter ? parameterNames(parameter) : []) scope.locals.add(name);
    }
  }

  protected functionDefinition(node: Node, ctx: Context): void {
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
  protected enterFunctionBody(body: Node | null, parameters: Node | null, ctx: Context): Callable | null {
    if (!body) return null;
    const scope = createScope('function', ctx.scope);
    this.bindParameters(parameters, scope);
    const ownCallable: Callable | null = ctx.callable ? null : { kind: 'function', reads: [], globalBinds: [] };
    this.walkFunctionScope(body, scope, ctx, ctx.callable ?? ownCallable);
    return ownCallable;
  }

  protected walkFunctionScope(body: Node, scope: Scope, ctx: Context, callable: Callable | null): void {
    const pending = ctx.pending ?? [];
    this.visit(body, { scope, callable, pending });
    if (!ctx.pending) this.resolvePending(pending, callable);
  }

  protected lambda(node: Node, ctx: Context, boundTo: Node | null): Callable | null {
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

  protected classDefinition(node: Node, ctx: Context): void {
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

  /**
   * A class's methods count as run where the class is first used, except the display hooks: IPython calls
   * `_repr_html_` and its kin only when an instance is displayed, which a constructor call does not say.
   */
  protected classBody(body: Node, scope: Scope, ctx: Context, methods: Callable | null): void {
    const bodyCtx: Context = { scope, callable: ctx.callable, pending: ctx.pending };
    for (const statement of body.namedChildren) {
      if (!statement) continue;
      const definition =
        statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const methodName = definition?.childForFieldName('name')?.text ?? '';
      if (definition?.type === 'function_definition' && methods && !DISPLAY_HOOK.test(methodName)) {
        this.visitAll(
          statement.namedChildren.filter((child) => child?.type === 'decorator'),
          bodyCtx,
        );
        const parameters = definition.childForFieldName('parameters');
        this.visitDefinitionTimeParts(parameters, definition.childForFieldName('return_type'), bodyCtx);
        this.enterFunctionBody(definition.childForFieldName('body'), parameters, { ...bodyCtx, callable: methods });
      } else {
        this.visit(statement, bodyCtx);
      }
    }
  }

  /**
   * `type Pair[T] = tuple[T, T]` binds Pair. Its value is evaluated lazily, when used, with the type parameters in
   * scope (so `type Tree = list[Tree]` is fine): like a lambda bound to the name.
   */
  protected typeAlias(node: Node, ctx: Context): void {
    let nameNode = node.childForFieldName('left')?.namedChild(0) ?? null;
    const scope = createScope('function', ctx.scope);
    if (nameNode?.type === 'generic_type') {
      for (const parameters of nameNode.namedChildren) {
        if (parameters?.type !== 'type_parameter') continue;
        for (const parameter of parameters.namedChildren) {
          const name = parameter?.namedChild(0);
          if (name?.type === 'identifier') scope.locals.add(name.text);
        }
      }
      nameNode = nameNode.namedChild(0);
    }
    if (nameNode?.type !== 'identifier') {
      this.visitChildren(node, ctx);
      return;
    }
    const ownCallable: Callable | null =
      !ctx.callable && ctx.scope.kind === 'module' ? { kind: 'lambda', reads: [], globalBinds: [] } : null;
    const value = node.childForFieldName('right');
    if (value) this.walkFunctionScope(value, scope, ctx, ctx.callable ?? ownCallable);
    this.bindName(nameNode, ctx.scope, ctx, ownCallable ?? undefined);
  }

  protected comprehension(node: Node, ctx: Context): void {
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
