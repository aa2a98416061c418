// NH406 environment-dependent-magic: A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run, %load, %store).
import { callFactsOf } from '../../analysis/call-facts';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';
import type { Finding } from '../../types';
import { makeFinding, type Rule } from '../context';
import { defineRule } from '../rule';

const MAGIC_NOTES: Record<string, string> = {
  cd: 'changes the working directory, so every relative path after it depends on where the notebook was started',
  env: 'reads or sets environment variables the notebook does not declare: another machine has others',
  run: 'runs another notebook whose names and side effects this one silently depends on',
  load: 'pastes code from a file into the cell: the notebook depends on that file as it was',
  loadpy: 'pastes code from a file into the cell: the notebook depends on that file as it was',
  store: "passes variables through IPython's storage between notebooks: a fresh kernel elsewhere has none",
};

const findEnvironmentDependence: Rule = (ctx) => {
  const findings: Finding[] = [];
  const aliases = aliasesOf(ctx.model);
  for (const code of ctx.model.codeCells) {
    const cell = code.cell;
    for (const escape of code.analysis.scanned.escapes) {
      if (escape.kind !== 'line-magic' && escape.kind !== 'automagic') continue;
      const note = MAGIC_NOTES[escape.name];
      if (!note) continue;
      if (escape.name === 'run' && !/\.ipynb\b/.test(escape.args)) continue;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH406',
          cellIndex: cell.index,
          range: escape.range,
          message: `%${escape.name} ${note}`,
        }),
      );
    }
    // Every cell's calls: `from os import chdir as cd` then `cd(..)` has no 'chdir' where it is called.
    for (const call of callFactsOf(code.analysis).calls) {
      if (resolveCallee(call.callee, aliases) !== 'os.chdir') continue;
      findings.push(makeFinding(ctx.notebook, { code: 'NH406', cellIndex: cell.index, range: call.calleeRange, message: `os.chdir ${MAGIC_NOTES.cd}` }));
    }
  }
  return findings;
};

export const environmentDependentMagic = defineRule({
  code: 'NH406',
  name: 'environment-dependent-magic',
  family: 'reproducibility',
  defaultSeverity: 'info',
  summary: 'A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run, %load, %store).',
  docs: `Line magics and calls that tie the notebook to where and how it runs: \`%cd\` and \`os.chdir\`
(every relative path after them depends on the directory the notebook started in), \`%env\` (environment not declared
anywhere), \`%run other.ipynb\` (depends on another notebook's names), \`%load\`/\`%loadpy\` (code pasted from a file as it
was) and \`%store\` (variables passed between notebooks through IPython's storage). Automagics (\`cd ..\` without the \`%\`)
count; \`os.chdir\` is found through the notebook's imports (\`from os import chdir\` too). Not reported: \`%run script.py\`
and shell commands (\`!cd\`).

\`\`\`python
%cd /home/ann/project   # NH406
\`\`\`
*Fix:* pass paths and settings as parameters in the first cell (no automatic fix).`,
  run: findEnvironmentDependence,
});
