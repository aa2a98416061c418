// The part of a tree-sitter syntax tree the engine reads. Both parsers the engine runs on give it: web-tree-sitter
// (wasm: the browser, the editor, and the CLI's fallback) and the native `tree-sitter` Node binding (the CLI), whose
// node classes differ but whose nodes carry these members with the same meaning. Positions are in UTF-16 code units
// in both, as JavaScript strings index them. The corpus test (test/corpus/parsers-agree.test.ts) holds the two to the
// same findings.

export interface Point {
  row: number;
  column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: SyntaxNode | null;
  readonly children: readonly (SyntaxNode | null)[];
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly namedChildCount: number;
  readonly firstNamedChild: SyntaxNode | null;
  readonly hasError: boolean;
  readonly isMissing: boolean;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): readonly (SyntaxNode | null)[];
  descendantsOfType(types: string | string[]): readonly (SyntaxNode | null)[];
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Frees the tree where it lives in wasm memory; a native tree is left to the garbage collector. */
  delete(): void;
}

/** The same node of one tree (the native binding makes a new object per visit, and has no `equals`). */
export function isSameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}
