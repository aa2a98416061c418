// Python 2 constructs that tree-sitter's grammar still accepts and a Python 3 module cannot compile (or, for
// `except E, e:`, compiles to something else): an extraction refuses cells holding them. `print x` and `exec code`
// are already facts of the cell (python2Statements); these are the rest, read from the tree.
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { PythonParser } from '../python/parser';

export interface Python2Construct {
  /** 0-based line in the cell. */
  line: number;
  what: string;
}

function find(node: Node): Python2Construct | null {
  const at = (what: string) => ({ line: node.startPosition.row, what });
  switch (node.type) {
    case 'except_clause':
      // `except ValueError, e:`: the comma right after the first expression, no `as`.
      if (node.children.some((child) => child?.type === ',') && !node.children.some((child) => child?.type === 'as'))
        return at('`except E, e:`');
      break;
    case 'raise_statement':
      if (node.namedChild(0)?.type === 'expression_list') return at('`raise E, message`');
      break;
    case 'string_start':
      if (node.text === '`') return at('backticks');
      if (/^(?:ur|ru)/i.test(node.text)) return at("a `ur''` string");
      break;
    case '<>':
      return at('`<>`');
    case 'integer':
      if (/^0\d*[1-9]\d*$/.test(node.text) || /^\d+[lL]$/.test(node.text)) return at(`the number ${node.text}`);
      break;
  }
  for (const child of node.children) {
    if (!child) continue;
    const found = find(child);
    if (found) return found;
  }
  return null;
}

/** The first Python-2-only construct in the cell's code, or null. */
export function python2Construct(parser: PythonParser, source: string): Python2Construct | null {
  const tree = parser.parse(source);
  try {
    return find(tree.rootNode);
  } finally {
    tree.delete();
  }
}
