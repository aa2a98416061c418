// NH406 environment-dependent-magic: A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run of a machine path, %store).
import { callFactsOf, type CallFact } from '../../analysis/call-facts';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';
import type { Escape } from '../../python/escapes';
import type { Finding } from '../../types';
import { makeFinding, type Rule } from '../context';
import { defineRule } from '../rule';

const MAGIC_NOTES: Record<string, string> = {
  cd: 'changes the working directory, so every relative path after it depends on where the notebook was started',
  env: 'reads or sets environment variables the notebook does not declare: another machine has others',
  run: 'runs a file at a path only this machine has',
  store: "passes variables through IPython's storage between notebooks: a fresh kernel elsewhere has none",
};

/** An absolute or home path (`/home/ann/x.py`, `~/x.ipynb`, `C:\x.py`): only the machine it was written on has it. */
const MACHINE_PATH = /^["']?(?:\/|~|[A-Za-z]:[\\/])/;

function reported(escape: Escape): boolean {
  if (escape.kind !== 'line-magic' && escape.kind !== 'automagic') return false;
  if (!(escape.name in MAGIC_NOTES)) return false;
  // `%run helper.ipynb` beside the notebook works like an import: Jupyter starts the kernel in the notebook's folder.
  if (escape.name === 'run')
    return MACHINE_PATH.test(escape.args.split(/\s+/).find((word) => !word.startsWith('-')) ?? '');
  return true;
}

const findEnvironmentDependence: Rule = (ctx) => {
  const findings: Finding[] = [];
  const aliases = aliasesOf(ctx.model);
  const chdirImported = [...aliases.values()].includes('os.chdir');
  for (const code of ctx.model.codeCells) {
    const cell = code.cell;
    const escapes = code.analysis.scanned.escapes.filter(reported);
    // `%cd data` ... `%cd ..` in one cell changes the directory and back: the cells after it see no change.
    const cds = escapes.filter((escape) => escape.name === 'cd');
    for (const escape of cds.length > 1 ? escapes.filter((e) => e.name !== 'cd') : escapes) {
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH406',
          cellIndex: cell.index,
          range: escape.range,
          message: `%${escape.name} ${MAGIC_NOTES[escape.name]}`,
        }),
      );
    }
    // A call resolves to os.chdir only if its cell says `chdir` (`os.chdir`, `o.chdir`) or an import binds a name to
    // it (`from os import chdir as cd`, then `cd(..)`): the other cells are not tokenized for this.
    if (!chdirImported && !code.analysis.tokens.text.includes('chdir')) continue;
    const facts = callFactsOf(code.analysis);
    const chdirs = facts.calls.filter((call) => resolveCallee(call.callee, aliases) === 'os.chdir');
    for (const call of chdirs) {
      if (changedBack(call, chdirs, facts.statements)) continue;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH406',
          cellIndex: cell.index,
          range: call.calleeRange,
          message: `os.chdir ${MAGIC_NOTES.cd}`,
        }),
      );
    }
  }
  return findings;
};

/**
 * Another os.chdir in the same scope of the same cell (the cell's top level, or the same function: its `finally`
 * too) changes the directory back, as `parent = os.getcwd(); os.chdir(d); ...; os.chdir(parent)` does: the cells
 * after it see no change. Both calls of such a pair are left alone.
 */
function changedBack(
  call: CallFact,
  chdirs: readonly CallFact[],
  statements: readonly { fn: string | null }[],
): boolean {
  const scope = statements[call.statement]!.fn;
  return chdirs.some((other) => other !== call && statements[other.statement]!.fn === scope);
}

export const environmentDependentMagic = defineRule({
  code: 'NH406',
  name: 'environment-dependent-magic',
  family: 'reproducibility',
  defaultSeverity: 'info',
  summary:
    'A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run of a machine path, %store).',
  docs: `Line magics and calls that tie the notebook to where and how it runs: \`%cd\` and \`os.chdir\`
(every relative path after them depends on the directory the notebook started in), \`%env\` (environment not declared
anywhere), \`%run\` of a file at an absolute or home path (\`%run /home/ann/utils.ipynb\`: only that machine has it)
and \`%store\` (variables passed between notebooks through IPython's storage). Automagics (\`cd ..\` without the \`%\`)
count; \`os.chdir\` is found through the notebook's imports (\`from os import chdir\` too).

Not reported: a change of directory undone in the same place, an \`os.chdir\` followed by another in the same cell's
top level or the same function (\`parent = os.getcwd(); os.chdir(d); ...; os.chdir(parent)\`, in a \`finally\` too) and
two \`%cd\` in one cell; \`%run helper.ipynb\` or \`%run ../lib/setup.py\` at a relative path (Jupyter starts the kernel
in the notebook's folder, so it works like an import); \`%load\`/\`%loadpy\`, which only paste a file into the cell for
editing and run nothing; shell commands (\`!cd\`).

\`\`\`python
%cd /home/ann/project   # NH406
\`\`\`
*Fix:* pass paths and settings as parameters in the first cell (no automatic fix).`,
  run: findEnvironmentDependence,
});
