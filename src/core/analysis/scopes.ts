// Python's scopes as the walker needs them: which names a scope binds, and where a read resolves.

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export interface Scope {
  kind: ScopeKind;
  parent: Scope | null;
  locals: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

export function createScope(kind: ScopeKind, parent: Scope | null): Scope {
  return { kind, parent, locals: new Set(), globals: new Set(), nonlocals: new Set() };
}

/** Where a walrus binds: the nearest scope that is not a comprehension. */
export function nearestBindingScope(scope: Scope): Scope {
  let current = scope;
  while (current.kind === 'comprehension' && current.parent) current = current.parent;
  return current;
}

/**
 * True when a read of `name` in `scope` reaches the module (the notebook's namespace). Class scopes are visible
 * only to code directly in the class body, not to the methods and comprehensions inside it.
 */
export function resolvesToModule(scope: Scope, name: string): boolean {
  for (let current: Scope | null = scope; current; current = current.parent) {
    if (current.kind === 'module' || current.globals.has(name)) return true;
    if (current.nonlocals.has(name)) return false;
    if (current.locals.has(name) && (current === scope || current.kind !== 'class')) return false;
  }
  return true;
}
