// Runs every Python corpus notebook in the scratch kernel (Debian's python3, short timeouts, stopping at the first
// failing cell) and prints, per notebook, how many code cells ran cleanly before the first failure and why it stopped.
// test/corpus/runnable.json is the reviewed result: the notebooks whose cells (or a clear prefix of them) run offline.
//   node --import tsx scripts/find-runnable-corpus.ts [--jobs N] > /tmp/runnable-scan.jsonl
import { readFileSync } from 'node:fs';
import { isPythonLanguage } from '../src/core/engine';
import { loadNotebook } from '../src/core/notebook/load';
import { runNotebook } from '../src/run/run-notebook';
import { corpusName, corpusNotebooks } from '../test/helpers/corpus';

const jobs = Number(process.argv[process.argv.indexOf('--jobs') + 1] || 2);

async function scan(file: string): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const notebook = loadNotebook(text, file).notebook;
  if (!notebook || !isPythonLanguage(notebook.language)) return;
  const code = notebook.cells.filter((cell) => cell.kind === 'code' && cell.source.trim() !== '').length;
  if (code === 0) return;
  const run = await runNotebook({
    path: file,
    python: '/usr/bin/python3',
    timeoutPerCellS: 20,
    timeoutS: 90,
    stopOnError: true,
  });
  const firstBad = run.cells.find((cell) => cell.status !== 'ok');
  const ok = firstBad ? run.cells.indexOf(firstBad) : run.cells.length;
  process.stdout.write(
    JSON.stringify({
      notebook: corpusName(file),
      codeCells: run.cells.length,
      okPrefix: ok,
      firstFailure: firstBad
        ? {
            cell: firstBad.index + 1,
            status: firstBad.status,
            error: firstBad.error ? `${firstBad.error.ename}: ${firstBad.error.evalue}`.slice(0, 200) : firstBad.reason,
          }
        : null,
      mode: run.mode,
    }) + '\n',
  );
}

const files = corpusNotebooks().sort((a, b) => readFileSync(a).length - readFileSync(b).length);
let next = 0;
void Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        await scan(file);
      } catch (error) {
        process.stdout.write(JSON.stringify({ notebook: corpusName(file), crash: String(error) }) + '\n');
      }
    }
  }),
);
