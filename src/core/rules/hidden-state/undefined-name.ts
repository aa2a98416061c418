// NH103 undefined-name: A name is defined nowhere in the notebook; it only existed in the kernel.
import { aliasesOf } from '../../analysis/import-resolution';
import type { NotebookModel, ResolvedRead, Site } from '../../analysis/notebook-model';
import type { Cell } from '../../notebook/notebook';
import { AUTOMAGIC_NAMES } from '../../python/magics';
import { cellLabel, makeFinding } from '../context';
import { defineRule } from '../rule';

export const undefinedName = defineRule({
  code: 'NH103',
  name: 'undefined-name',
  family: 'hidden-state',
  defaultSeverity: 'error',
  summary: 'A name is defined nowhere in the notebook; it only existed in the kernel.',
  docs: `A name is read and defined nowhere in the notebook (not a builtin, not one of IPython's
names like \`display\`, \`In\`, \`Out\`, \`_\`, not one its kernel provides (\`spark\` under a Spark kernel; Python 2's
\`raw_input\`, \`xrange\` in a Python 2 notebook or an nbformat 3 one, saved by IPython 1 or 2, which records no
language version), and not reachable through a star import, \`%run\` or \`%load\` before it): it only ever existed in
the kernel. \`%run helpers.py\` or \`%run helpers.ipynb\` whose file is in the project (relative to the notebook's
folder, where Jupyter starts the kernel) defines the names that file defines at its top level, and only those; a
\`%run\` whose file is missing, \`%run -m module\`, a path built at run time (\`$dir/x.py\`), a file with a star
import, or a notebook that changes directory (\`%cd\`, \`os.chdir\`) still may define anything. One finding per name
and cell, at the first read; the message counts the
others. A free name in a function body that nothing defines is reported at that read, whether or not the function
is called. After \`del x\` with no later definition the message says where it was deleted; when the cell's saved
output is that very NameError, or no cell of the notebook ever ran, it says so instead of blaming the kernel.

Not reported either: a magic's name alone in a one-line cell (\`pwd\`: IPython's automagic runs \`%pwd\`), the
exercise blanks \`TODO\` and \`FIXME\` of a template (\`correct_pred += TODO\`), and, in a notebook that imports
IPython's parallel computing (\`ipyparallel\`, \`IPython.parallel\`), a name it pushes to the engines (\`view['D'] =
value\`, \`view.push({'D': value})\`, \`view.push(dict(D=value))\`): code that runs there reads it.

Definitions it sees besides Python's own: \`type Hand = str\`, \`x = # TODO\` exercise blanks, \`%time x = f()\`
and \`%prun x = f()\` (not \`%timeit\`, which keeps its names to itself), \`x = !ls\`, \`%%capture out\`, \`%store -r
x\`, and names made by magics in other languages: \`%R -o a\`, \`%%R -o a,b\`, \`%%R -d a\`, \`%Rpull a\`, \`%%octave -o y\`,
\`%%spark -o df\`, \`%%sql -o df\`, sparkmagic's \`%%send_to_spark -i local -n name\` (\`name\`, else \`local\`), and what a \`%%cython\` cell defines (\`def\`, \`cpdef\`, \`class\`).

\`\`\`python
threshold = threshold * 1.1   # NH103: 'threshold' was never assigned in any cell
\`\`\`

\`\`\`python
%run helpers.py               # helpers.py defines load
data = load("sales.csv")      # fine
plot_sales(data)              # NH103: helpers.py does not define plot_sales either
\`\`\`

*Fix:* add the cell that defines it (the kernel still has the value: print it and write it down).`,
  run: ({ notebook, model }) => {
    const neverRan = model.codeCells.every(({ cell }) => cell.executionCount === null);
    const onEngines = namesPushedToEngines(model);
    // One finding per name and cell, at its first read; the others are counted in the message.
    const firstReads = new Map<string, { site: Site; describe: () => string; more: number }>();
    const add = (name: string, site: Site, describe: () => string) => {
      if (EXERCISE_BLANKS.has(name) || onEngines.has(name) || runsAsAutomagic(name, notebook.cells[site.cellIndex]!))
        return;
      const key = `${site.cellIndex}:${name}`;
      const seen = firstReads.get(key);
      if (seen) seen.more++;
      else firstReads.set(key, { site, describe, more: 0 });
    };
    for (const read of model.reads) {
      if (read.status !== 'undefined') continue;
      add(read.name, read.site, () => undefinedMessage(read, notebook.cells[read.site.cellIndex]!, neverRan));
    }
    for (const read of model.undefinedBodyReads) {
      const where = `name '${read.name}' (read in '${read.callee}') is defined nowhere in the notebook`;
      add(read.name, read.site, () =>
        neverRan
          ? `${where}: calling '${read.callee}' raises NameError`
          : `${where}; it only ever existed in the kernel`,
      );
    }
    return [...firstReads.values()].map(({ site, describe, more }) =>
      makeFinding(notebook, {
        code: 'NH103',
        cellIndex: site.cellIndex,
        range: site.range,
        message:
          more > 0 ? `${describe()} (and ${more} more ${more === 1 ? 'read' : 'reads'} in this cell)` : describe(),
      }),
    );
  },
});

/** Names an exercise template leaves for the student to replace (`correct_pred += TODO`): a blank, not a lost name. */
const EXERCISE_BLANKS = new Set(['TODO', 'FIXME']);

/** IPython's parallel computing, whose views push names to the engines the code they run reads them on. */
const PARALLEL_MODULE = /^(?:ipyparallel|IPython\.parallel)(?:\.|$)/;
/** `view['D'] = value` on a line of its own. */
const ITEM_PUSH = /^[ \t]*[A-Za-z_]\w*\[\s*(['"])([A-Za-z_]\w*)\1\s*\]\s*=(?!=)/gm;
/** The keys of `.push({'a': 1, "b": 2})` and `.push(dict(a=1, b=2))`. */
const DICT_PUSH = /\.push\(\s*\{([^}]*)\}/g;
const DICT_KEY = /(['"])([A-Za-z_]\w*)\1\s*:/g;
const DICT_CALL_PUSH = /\.push\(\s*dict\(([^)]*)\)/g;
const KEYWORD_KEY = /([A-Za-z_]\w*)\s*=(?!=)/g;

/** The names a notebook using IPython's parallel computing pushes to its engines; none in any other notebook. */
function namesPushedToEngines(model: NotebookModel): Set<string> {
  const names = new Set<string>();
  if (![...aliasesOf(model).values()].some((target) => PARALLEL_MODULE.test(target))) return names;
  for (const { cell } of model.codeCells) {
    for (const [, , name] of cell.source.matchAll(ITEM_PUSH)) names.add(name!);
    for (const [, keys] of cell.source.matchAll(DICT_PUSH))
      for (const [, , name] of keys!.matchAll(DICT_KEY)) names.add(name!);
    for (const [, keys] of cell.source.matchAll(DICT_CALL_PUSH))
      for (const [, name] of keys!.matchAll(KEYWORD_KEY)) names.add(name!);
  }
  return names;
}

/** `pwd` alone in a one-line cell: IPython's automagic runs `%pwd` (it does so only in one-line cells). */
function runsAsAutomagic(name: string, cell: Cell): boolean {
  return AUTOMAGIC_NAMES.has(name) && cell.source.trim() === name;
}

/** The cell's saved output is the NameError for this very name: the kernel never had it either. */
function savedNameError(cell: Cell, name: string): boolean {
  return cell.outputs.some(
    (output) =>
      output.outputType === 'error' && output.ename === 'NameError' && (output.evalue ?? '').includes(`'${name}'`),
  );
}

/** `neverRan`: no cell of the notebook has run, so no kernel ever had the name either (an exercise template). */
function undefinedMessage(read: ResolvedRead, cell: Cell, neverRan: boolean): string {
  if (read.deletedIn !== undefined) {
    return `name '${read.name}' is not defined: it was deleted in ${cellLabel(read.deletedIn)} and no later cell defines it again`;
  }
  if (savedNameError(cell, read.name)) {
    return `name '${read.name}' is defined nowhere in the notebook: the cell's saved output shows the NameError`;
  }
  if (neverRan)
    return `name '${read.name}' is defined nowhere in the notebook: Restart & Run All fails here with NameError`;
  return `name '${read.name}' is defined nowhere in the notebook; it only ever existed in the kernel`;
}
