// Does running a statement a second time change a name again? For NH106 (not-idempotent), read off the statement's
// syntax when it rebinds or adds to a name it reads. Most rebinds of a name's own value give the same value on a
// second run (`y = y.astype(int)`, `x = np.array(x)`, `clf = clf.fit(X, y)`, `df = df.dropna()`), so only forms
// known to change it again are marked: arithmetic on the name, concatenation with it, methods that add, move or
// reshape (`df.join`, `df.set_index`, `ds.batch`) or change the value's type (`s.split`), and calling the name itself.
import type { SyntaxNode as Node } from '../python/syntax-tree';

/**
 * 'differs': a second run changes the name again. 'wraps': `f = wrap(f)`, which does only when f is a function.
 * 'unknown': any other rebind of the name's own value (`y = y.astype(int)`): a second run may well give the same.
 */
export type RebindEffect = 'differs' | 'wraps' | 'unknown';

/** Arithmetic a second run applies again; `|` and `&` are left out: a set union or a mask gives the same value. */
const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>']);

/**
 * Methods called on the name whose result, given to the same method again, is different: they add rows or columns,
 * move a column into the index, reshape or regroup a pipeline, split a dataset, or return another type that the
 * method then fails on. `drop` and `reset_index` are handled on their own (their keywords decide).
 */
const DIFFERING_METHODS = new Set([
  // add to the value (pandas' DataFrame.append returns the frame with the rows added)
  'append',
  'join',
  'merge',
  'add_prefix',
  'add_suffix',
  'set_index',
  // reshape, or compute from neighbours
  'transpose',
  'pivot',
  'pivot_table',
  'melt',
  'stack',
  'unstack',
  'shift',
  'diff',
  'cumsum',
  'cumprod',
  'pct_change',
  'unsqueeze',
  // dataset pipelines (tf.data, Hugging Face datasets)
  'batch',
  'unbatch',
  'padded_batch',
  'window',
  'flat_map',
  'repeat',
  'skip',
  'train_test_split',
  'rename_column',
  'remove_columns',
  'add_column',
  // another type, which has no such method: the second run fails
  'split',
  'encode',
  'decode',
  'tolist',
  'numpy',
  'to_numpy',
  'toarray',
  'todense',
  'json',
]);

/** `np.append(x, v)`, `pd.concat([df, more])`, `torch.cat((x, y))`: module functions that join their arguments. */
const CONCATENATIONS = new Set([
  'append',
  'concat',
  'concatenate',
  'vstack',
  'hstack',
  'dstack',
  'column_stack',
  'row_stack',
  'cat',
]);

/** What a second run of `name = right` (or `name op= right`) does to name; null: nothing known. */
export function rebindEffect(statement: Node, name: string): RebindEffect | null {
  const left = statement.childForFieldName('left');
  const right = statement.childForFieldName('right');
  // Tuple targets (`X, y = shuffle(X, y)`) are left out: what each part gets cannot be told.
  if (left?.type !== 'identifier' || left.text !== name || !right) return null;
  if (statement.type === 'augmented_assignment') {
    const operator = statement.childForFieldName('operator')?.type.slice(0, -1) ?? '';
    // `x /= x.max()` normalises: the same value again.
    return ARITHMETIC.has(operator) && readsOf(right, name) === 0 && !isNeutral(operator, right) ? 'differs' : null;
  }
  return valueEffect(unparenthesized(right), name);
}

function valueEffect(value: Node, name: string): RebindEffect | null {
  switch (value.type) {
    case 'binary_operator': {
      const operator = value.childForFieldName('operator')?.type ?? '';
      if (!ARITHMETIC.has(operator) || readsOf(value, name) !== 1) return null; // `(x - x.mean()) / x.std()`
      const leftOperand = unparenthesized(value.childForFieldName('left')!);
      const rightOperand = unparenthesized(value.childForFieldName('right')!);
      if (isName(leftOperand, name) && isNeutral(operator, rightOperand)) return null; // `y = y * 1.0`
      return 'differs';
    }
    case 'unary_operator':
    case 'not_operator':
      // `x = -x`, `flag = not flag`: a second run turns it back.
      return isName(unparenthesized(value.childForFieldName('argument')!), name) &&
        value.childForFieldName('operator')?.type !== '+'
        ? 'differs'
        : null;
    case 'attribute':
      return isName(value.childForFieldName('object'), name) && value.childForFieldName('attribute')?.text === 'T'
        ? 'differs'
        : null;
    case 'call':
      return callEffect(value, name);
    default:
      return null;
  }
}

function callEffect(call: Node, name: string): RebindEffect | null {
  const fn = call.childForFieldName('function')!;
  const args = call.childForFieldName('arguments');
  if (isName(fn, name)) return 'differs'; // `f = f(3)`: the function is gone, a second run calls its result
  if (fn.type === 'attribute') {
    if (chainStartsAt(fn, name)) return methodChainDiffers(call) ? 'differs' : null;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (CONCATENATIONS.has(method) && joinsName(method, args, name)) return 'differs';
    return null;
  }
  const positional = args?.namedChildren.filter((arg) => arg && arg.type !== 'keyword_argument') ?? [];
  return fn.type === 'identifier' && positional.some((arg) => isName(arg, name)) ? 'wraps' : null;
}

/** `x.a(...).b(...)`: some method of the chain gives a different value when applied again. */
function methodChainDiffers(call: Node): boolean {
  let current: Node | null = call;
  while (current?.type === 'call' || current?.type === 'attribute' || current?.type === 'subscript') {
    if (current.type === 'call') {
      const fn = current.childForFieldName('function');
      const method = fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : '';
      const args = current.childForFieldName('arguments');
      if (DIFFERING_METHODS.has(method)) return true;
      // A second drop fails on the labels already gone; a second reset_index adds another index column.
      if (method === 'drop' && keywordText(args, 'errors') !== "'ignore'" && keywordText(args, 'errors') !== '"ignore"')
        return true;
      if (method === 'reset_index' && keywordText(args, 'drop') !== 'True') return true;
      current = fn;
    } else {
      current = current.childForFieldName(current.type === 'attribute' ? 'object' : 'value');
    }
  }
  return false;
}

/** The chain of calls, attributes and subscripts under `node` starts at the name: `df[cols].join(...)`. */
function chainStartsAt(node: Node, name: string): boolean {
  let current: Node | null = node;
  while (current) {
    if (current.type === 'identifier') return current.text === name;
    if (current.type === 'call') current = current.childForFieldName('function');
    else if (current.type === 'attribute') current = current.childForFieldName('object');
    else if (current.type === 'subscript') current = current.childForFieldName('value');
    else return false;
  }
  return false;
}

/** The name is joined with something else: `np.append(x, v)`, or an element of a list or tuple of two or more. */
function joinsName(method: string, args: Node | null, name: string): boolean {
  const positional = args?.namedChildren.filter((arg) => arg && arg.type !== 'keyword_argument') ?? [];
  if (method === 'append') return positional.length >= 2 && isName(positional[0]!, name);
  return positional.some(
    (arg) =>
      (arg?.type === 'list' || arg?.type === 'tuple') &&
      arg.namedChildren.length >= 2 &&
      arg.namedChildren.some((element) => isName(element, name)),
  );
}

/** Calls that make a sequence whose `.append` adds in place. */
const LIST_CONSTRUCTORS = new Set(['list', 'deque', 'collections.deque']);

/** `items = []`, `[f(x) for x in xs]`, `list(...)`, `deque(...)`: their append/extend/insert add in place. */
export function isListValue(value: Node): boolean {
  const node = unparenthesized(value);
  if (node.type === 'list' || node.type === 'list_comprehension') return true;
  return node.type === 'call' && LIST_CONSTRUCTORS.has(node.childForFieldName('function')?.text ?? '');
}

/** Inside a for or while loop: a cell that loops over its state (a training loop) is meant to go on when rerun. */
export function isInsideLoop(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement') return true;
    if (current.type === 'function_definition' || current.type === 'class_definition') return false;
  }
  return false;
}

/** How many times the expression reads the name (attribute and keyword names are not reads). */
function readsOf(node: Node, name: string): number {
  if (node.type === 'identifier') return node.text === name ? 1 : 0;
  if (node.type === 'attribute') return readsOf(node.childForFieldName('object')!, name);
  if (node.type === 'keyword_argument') return readsOf(node.childForFieldName('value')!, name);
  let count = 0;
  for (const child of node.namedChildren) if (child) count += readsOf(child, name);
  return count;
}

/** `* 1`, `/ 1.0`, `+ 0`: arithmetic that leaves the value as it is. */
function isNeutral(operator: string, operand: Node): boolean {
  if (operand.type !== 'integer' && operand.type !== 'float') return false;
  const value = Number(operand.text.replace(/_/g, ''));
  if (operator === '+' || operator === '-') return value === 0;
  if (operator === '*' || operator === '/' || operator === '//' || operator === '**') return value === 1;
  return false;
}

function keywordText(args: Node | null, keyword: string): string | undefined {
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === keyword)
      return arg.childForFieldName('value')?.text;
  }
  return undefined;
}

function isName(node: Node | null, name: string): boolean {
  return node?.type === 'identifier' && node.text === name;
}

function unparenthesized(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChild(0)) current = current.namedChild(0)!;
  return current;
}
