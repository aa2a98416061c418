// npm run bench: the engine's cost on the corpus, as a ratio to the raw cost of reading the same input
// (JSON.parse + tree-sitter parse of the code cells), so the figure holds across machines (issue 2's targets: ratio
// <= 2.0, largest notebook < 60 ms); then the CLI as a process, cold and warm, as a ratio to pyflakes on the same
// notebooks (issue 18's targets: cold <= 0.7x, warm <= 0.15x).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, isPythonLanguage } from '../../src/core/engine';
import { loadNotebook } from '../../src/core/notebook/load';
import { createPythonParser } from '../../src/core/python/parser';
import { corpusName, corpusNotebooks, CORPUS_NOTEBOOKS } from '../helpers/corpus';
import { WASM } from '../helpers/notebook';

const REPETITIONS = 5;
const PROCESS_ROUNDS = 7;
const PYTHON = '/usr/bin/python3';
const PYFLAKES_SCRIPT = 'test/bench/pyflakes-notebooks.py';

interface Input {
  name: string;
  text: string;
  /** Code cells the engine parses (none for R or Julia notebooks, which it does not analyse). */
  pythonSources: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function readInputs(): Input[] {
  return corpusNotebooks().map((path) => {
    const text = readFileSync(path, 'utf8');
    const { notebook } = loadNotebook(text, path);
    const python = notebook !== null && isPythonLanguage(notebook.language);
    const pythonSources = python
      ? notebook.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.source)
      : [];
    return { name: corpusName(path), text, pythonSources };
  });
}

async function main(): Promise<void> {
  const inputs = readInputs();
  const parser = await createPythonParser(WASM);
  const baselineOne = (input: Input) => {
    JSON.parse(input.text);
    for (const source of input.pythonSources) parser.parse(source).delete();
  };

  const analysisTimes = new Map<string, number[]>();
  const baselineTimes = new Map<string, number[]>();
  for (let round = 0; round <= REPETITIONS; round++) {
    // A fresh engine each round, so no cell is served from the cache; round 0 only warms up the JIT.
    const engine = await createEngine(WASM);
    for (const input of inputs) {
      let start = performance.now();
      baselineOne(input);
      const baseline = performance.now() - start;
      start = performance.now();
      engine.check(input.text, input.name);
      const analysis = performance.now() - start;
      if (round === 0) continue;
      baselineTimes.set(input.name, [...(baselineTimes.get(input.name) ?? []), baseline]);
      analysisTimes.set(input.name, [...(analysisTimes.get(input.name) ?? []), analysis]);
    }
  }

  console.log('notebook\tbytes\tanalysis ms\tbaseline ms');
  let analysisTotal = 0;
  let baselineTotal = 0;
  let slowest = { name: '', ms: 0 };
  for (const input of inputs) {
    const analysis = median(analysisTimes.get(input.name)!);
    const baseline = median(baselineTimes.get(input.name)!);
    analysisTotal += analysis;
    baselineTotal += baseline;
    if (analysis > slowest.ms) slowest = { name: input.name, ms: analysis };
    console.log(`${input.name}\t${input.text.length}\t${analysis.toFixed(2)}\t${baseline.toFixed(2)}`);
  }

  const ratio = analysisTotal / baselineTotal;
  console.log('');
  console.log(`notebooks: ${inputs.length}, median of ${REPETITIONS} rounds each`);
  console.log(
    `full analysis: ${analysisTotal.toFixed(1)} ms; JSON.parse + tree-sitter parse: ${baselineTotal.toFixed(1)} ms`,
  );
  console.log(`ratio: ${ratio.toFixed(2)} (target <= 2.0) ${ratio <= 2 ? 'OK' : 'OVER'}`);
  console.log(
    `slowest notebook: ${slowest.name} ${slowest.ms.toFixed(1)} ms (target < 60 ms) ${slowest.ms < 60 ? 'OK' : 'OVER'}`,
  );
  console.log('');
  processesSideBySide();
}

interface Timed {
  ms: number;
  status: number | null;
  stderr: string;
}

function timeProcess(command: string, args: string[], env: Record<string, string> = {}): Timed {
  const start = performance.now();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  return { ms: performance.now() - start, status: result.status, stderr: result.stderr ?? '' };
}

/**
 * Issue 18's figures: the CLI on the whole corpus as a process, cold (an empty result cache, which the run fills),
 * warm (the cache the cold run filled) and cold on the native tree-sitter binding (NBHYGIENE_PARSER=native), against
 * pyflakes on the same notebooks (test/bench/pyflakes-notebooks.py: Debian's python3-pyflakes on each notebook's code
 * cells). The machine's speed drifts, so the four run in turn, round after round, and each figure is the median of
 * its rounds: a slow minute slows one round of each, not all of one.
 */
function processesSideBySide(): void {
  const pyflakesCheck = spawnSync(PYTHON, ['-c', 'import pyflakes'], { encoding: 'utf8' });
  if (pyflakesCheck.status !== 0) {
    console.log(`pyflakes comparison skipped: ${PYTHON} has no pyflakes (apt-get install python3-pyflakes)`);
    return;
  }
  // In the repository, as a project's .nbhygiene_cache is in the project: here the system's temporary folder creates
  // files about ten times slower than the project's disk (206 entries: ~95 ms against ~8 ms), which is not what a
  // user's cache costs.
  mkdirSync('out', { recursive: true });
  const cacheRoot = mkdtempSync(join('out', 'bench-cache-'));
  const cli = (cacheDir: string, env: Record<string, string> = {}) =>
    timeProcess(
      process.execPath,
      ['dist/cli.js', 'check', CORPUS_NOTEBOOKS, '--exit-zero', '--format', 'json', '--cache-dir', cacheDir],
      env,
    );
  const times = { pyflakes: [] as number[], cold: [] as number[], warm: [] as number[], coldNative: [] as number[] };
  const failures: string[] = [];
  const note = (what: string, run: Timed) => {
    if (run.status !== 0) failures.push(`${what}: exit ${run.status}\n${run.stderr}`);
    return run.ms;
  };
  try {
    for (let round = 0; round < PROCESS_ROUNDS; round++) {
      const cacheDir = join(cacheRoot, `round-${round}`);
      times.pyflakes.push(note('pyflakes', timeProcess(PYTHON, [PYFLAKES_SCRIPT, CORPUS_NOTEBOOKS])));
      times.cold.push(note('cold CLI', cli(cacheDir)));
      times.warm.push(note('warm CLI', cli(cacheDir)));
      times.coldNative.push(note('cold CLI, native parser', cli(`${cacheDir}-native`, { NBHYGIENE_PARSER: 'native' })));
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
  const pyflakes = median(times.pyflakes);
  const line = (what: string, values: number[], target?: number) => {
    const ms = median(values);
    const ratio = ms / pyflakes;
    const verdict = target === undefined ? '' : ` (target <= ${target}) ${ratio <= target ? 'OK' : 'OVER'}`;
    console.log(
      `${what.padEnd(26)} ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}x pyflakes${verdict}   runs: ${values.map((v) => v.toFixed(0)).join(', ')}`,
    );
  };
  console.log(`the CLI on the corpus as a process, against pyflakes; median of ${PROCESS_ROUNDS} alternating rounds:`);
  line('pyflakes', times.pyflakes);
  line('CLI cold (empty cache)', times.cold, 0.7);
  line('CLI warm (cache filled)', times.warm, 0.15);
  line('CLI cold, native parser', times.coldNative);
  for (const failure of failures) console.log(failure);
}

void main();
