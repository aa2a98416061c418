// Where tree-sitter could not parse a cell: its ERROR nodes and the tokens it had to invent (MISSING), in source order.
// A pass of its own over trees with errors only, so no error is lost inside a node the name walk reads by fields or
// from its text (`b = = 2` puts the ERROR between an assignment's fields; `def f(:` misses an unnamed `)`).
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { Range } from '../types';
import { snippet, toRange } from './syntax-nodes';

export interface SyntaxErrorFact {
  range: Range;
  message: string;
}

/** `source` is the text the tree was parsed from; its lines give the message the text the user sees. */
export function syntaxErrorsOf(root: Node, source: string): SyntaxErrorFact[] {
  if (!root.hasError) return [];
  const lines = source.split('\n');
  const errors: SyntaxErrorFact[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      errors.push({ range: toRange(node), message: `syntax error: missing '${node.type}'` });
      return;
    }
    if (node.type === 'ERROR') {
      // The source from the node to the end of its line: the root node starts at the first token, so its own text
      // would be off by any leading blank lines.
      const { row, column } = node.startPosition;
      const rest = lines[row]?.slice(column) ?? node.text;
      errors.push({ range: toRange(node), message: `syntax error: unexpected ${snippet(rest)}` });
      return;
    }
    // Only the subtrees that hold an error are entered: a broken cell's other statements cost one call each.
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) visit(child);
  };
  visit(root);
  return errors;
}
