// NH402 machine-specific-path: An absolute or home path is read or written: it exists only on the author's machine.
import { callFactsOf } from '../../analysis/call-facts';
import { stringValue, tokenRange, type Token } from '../../analysis/python-tokens';
import type { Cell } from '../../notebook/notebook';
import { fix, prependToCell, pyString, tokenEdit } from '../../refactor/cell-text-edits';
import type { CellTextEdit, Fix } from '../../types';
import { makeFinding, withFixes, type Rule, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { commonFolder, isIoCall, isMachineSpecificPath, isPathName } from './machine-paths';

const findMachineSpecificPaths: Rule = (ctx) => {
  const hits: { cell: Cell; token: Token; value: string }[] = [];
  for (const code of ctx.model.codeCells) {
    const facts = callFactsOf(code.analysis);
    for (const s of facts.strings) {
      const value = stringValue(s.token);
      if (!isMachineSpecificPath(value)) continue;
      const statement = facts.statements[s.statement]!;
      const used = s.call
        ? isIoCall(s.call.method)
        : statement.targets.length === 1 && isPathName(statement.targets[0]!);
      if (!used) continue;
      hits.push({ cell: code.cell, token: s.token, value });
    }
  }
  if (hits.length === 0) return [];
  const lift = liftPathsFix(ctx, hits);
  return hits.map(({ cell, token, value }) =>
    withFixes(
      makeFinding(ctx.notebook, {
        code: 'NH402',
        cellIndex: cell.index,
        range: tokenRange(token),
        message: `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}' is ${value.startsWith('~') ? 'a home' : 'an absolute'} path: it exists only on the machine the notebook was written on; make it relative to the notebook (a DATA_DIR parameter)`,
      }),
      [lift],
    ),
  );
};

function liftPathsFix(ctx: RuleContext, hits: { cell: Cell; token: Token; value: string }[]): Fix | null {
  const plain = hits.filter(({ token }) => !token.prefix?.includes('f') && !token.prefix?.includes('b'));
  if (plain.length === 0) return null;
  const values = plain.map((h) => h.value.replace(/\\/g, '/').replace(/\/+$/, ''));
  const common = commonFolder(values.map((v) => (/\.\w+$/.test(v.split('/').pop() ?? '') ? v : `${v}/x`)));
  if (common === '' || common === '~' || /^[A-Za-z]:$/.test(common)) return null;
  const base = common.split('/').pop() ?? 'data';
  const relative = /^[\w.-]+$/.test(base) && base !== '~' ? base : 'data';
  const edits: CellTextEdit[] = [];
  const defined = ctx.model.writers.has('DATA_DIR');
  const first = plain[0]!.cell;
  if (!defined) {
    edits.push(
      prependToCell(
        first,
        `from pathlib import Path\n\n# Where the data lives, relative to the notebook (it was ${pyString(common)} on the author's machine)\nDATA_DIR = Path(${pyString(relative)})\n`,
      ),
    );
  }
  plain.forEach(({ cell, token }, k) => {
    const rest = values[k]!.slice(common.length).replace(/^\//, '');
    const newText = rest === '' ? 'str(DATA_DIR)' : `str(DATA_DIR / ${pyString(rest)})`;
    edits.push(tokenEdit(cell.index, token, newText));
  });
  return fix(
    `Lift ${plain.length === 1 ? 'the path' : `the ${plain.length} machine-specific paths`} into a DATA_DIR parameter`,
    edits,
  );
}

export const machineSpecificPath = defineRule({
  code: 'NH402',
  name: 'machine-specific-path',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  enabledByDefault: false,
  summary: "An absolute or home path is read or written: it exists only on the author's machine.",
  docs: `Off by default: on the shared corpus 1 of its 3 findings was right (the others: Colab's own \`/content\` in a
Colab-only cell, and a path the notebook tells its reader to change). Turn it on with
\`extend-select = ["NH402"]\`.

A string literal that is an absolute or home path (\`/home/…\`, \`/Users/…\`, \`C:\\…\`, \`~/…\`,
\`\\\\server\\…\`, \`/content/…\`, \`/kaggle/…\`, \`/mnt/…\`, \`/data/…\`, \`/tmp/…\`) in an argument of a call that reads, writes or
builds a path (\`open\`, \`read_csv\`, \`to_csv\`, \`savefig\`, \`Path\`, \`os.path.join\`, \`listdir\`, …), or assigned to a name
that says it holds a path (\`DATA_PATH\`, \`out_dir\`, \`train_file\`). Not flagged: paths in comments and markdown
(not code), paths in other strings (\`print("/home/…")\`), URLs, and system paths that are the same on every machine
(\`/dev/null\`, \`/etc/…\`, \`/usr/…\`).

\`\`\`python
df = pd.read_csv("/home/ann/proj/data/train.csv")   # NH402
\`\`\`
*Fix:* lift the paths into one parameter, \`DATA_DIR = Path("data")\` (named after the deepest folder the paths share,
relative to the notebook, at the top of the first cell with such a path), and rewrite each literal as
\`str(DATA_DIR / "train.csv")\`. Not offered when the paths share no folder; f-strings and bytes are flagged but left
as they are.`,
  run: findMachineSpecificPaths,
});
