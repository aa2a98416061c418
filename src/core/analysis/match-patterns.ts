// Python's `case` patterns: which names a pattern captures (binds) and which it only reads. A bare name captures
// (`case x:`), `_` captures nothing, a dotted name is a value (`case Color.RED:`), a class pattern reads its class
// and recurses into its arguments, `as` binds its target, `*rest` and `**rest` capture.
import type { SyntaxNode as Node } from '../python/syntax-tree';

/** What the walker does with each name a pattern holds. */
export interface PatternNames {
  /** A capture: the name is bound. */
  capture(name: Node): void;
  /** A value pattern or a class name: the name is read. */
  read(name: Node): void;
  /** The target of `as`. */
  captureAs(target: Node): void;
}

export function walkCasePattern(node: Node, names: PatternNames): void {
  switch (node.type) {
    case 'dotted_name':
      if (node.namedChildCount === 1) {
        if (node.text !== '_') names.capture(node.namedChild(0)!);
      } else {
        names.read(node.namedChild(0)!);
      }
      return;
    case 'identifier': // keyword_pattern's key is identifier; the capture is the last child
      return;
    case 'class_pattern': {
      const [className, ...rest] = node.namedChildren;
      if (className) names.read(className.namedChild(0) ?? className);
      for (const child of rest) if (child) walkCasePattern(child, names);
      return;
    }
    case 'keyword_pattern': {
      const value = node.namedChild(node.namedChildCount - 1);
      if (value && value.type !== 'identifier') walkCasePattern(value, names);
      else if (value && node.namedChildCount > 1) names.capture(value);
      return;
    }
    case 'as_pattern':
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'as_pattern_target') names.captureAs(child.namedChild(0)!);
        else walkCasePattern(child, names);
      }
      return;
    case 'splat_pattern':
      for (const child of node.namedChildren) if (child && child.text !== '_') names.capture(child);
      return;
    case 'dict_pattern':
      for (const child of node.childrenForFieldName('value')) if (child) walkCasePattern(child, names);
      for (const child of node.namedChildren) if (child?.type === 'splat_pattern') walkCasePattern(child, names);
      return;
    default:
      for (const child of node.namedChildren) if (child) walkCasePattern(child, names);
  }
}
