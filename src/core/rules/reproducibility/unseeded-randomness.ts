// NH401 unseeded-randomness: Random numbers are drawn with no seed set before them, so every run gives other results.
import { callFactsOf, keywordArg, type CallFact } from '../../analysis/call-facts';
import type { CodeCell } from '../../analysis/dataflow';
import { aliasesOf, aliasOfModule, resolveCallee } from '../../analysis/import-resolution';
import type { Cell } from '../../notebook/model';
import { addKeywordEdit, appendToCell, fix, prependToCell } from '../../refactor/cell-text-edits';
import type { CellTextEdit, Fix } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule } from '../context';
import { defineRule } from '../rule';
import { seedBlock, type SeedLibrary } from './seed-block';

type Library = SeedLibrary['module'];

const RANDOM_FUNCTIONS = /^random\.(?:random|randint|randrange|choice|choices|shuffle|sample|uniform|gauss|normalvariate|triangular|betavariate|expovariate|getrandbits|lognormvariate)$/;
const NUMPY_LEGACY = /^numpy\.random\.(?:rand|randn|randint|random|random_sample|random_integers|ranf|sample|choice|shuffle|permutation|normal|uniform|binomial|poisson|exponential|beta|gamma|multinomial|multivariate_normal|standard_normal|lognormal|laplace|logistic|geometric|dirichlet|bytes)$/;
const TORCH_RANDOM = /^torch\.(?:rand|randn|randint|randperm|rand_like|randn_like|randint_like|normal|bernoulli|multinomial|poisson)$/;
const TF_RANDOM = /^tensorflow\.(?:random\.(?:normal|uniform|shuffle|categorical|truncated_normal|gamma|poisson)|random_normal|random_uniform|random_shuffle|truncated_normal)$/;
const SKLEARN_RANDOM = new Set([
  'train_test_split', 'ShuffleSplit', 'StratifiedShuffleSplit', 'GroupShuffleSplit', 'shuffle', 'resample',
  'RandomForestClassifier', 'RandomForestRegressor', 'ExtraTreesClassifier', 'ExtraTreesRegressor', 'GradientBoostingClassifier',
  'GradientBoostingRegressor', 'HistGradientBoostingClassifier', 'HistGradientBoostingRegressor', 'DecisionTreeClassifier',
  'DecisionTreeRegressor', 'BaggingClassifier', 'BaggingRegressor', 'AdaBoostClassifier', 'AdaBoostRegressor', 'IsolationForest',
  'SGDClassifier', 'SGDRegressor', 'MLPClassifier', 'MLPRegressor', 'KMeans', 'MiniBatchKMeans', 'TSNE', 'RandomizedSearchCV',
  'make_classification', 'make_regression', 'make_blobs', 'make_moons', 'make_circles', 'permutation_importance', 'Perceptron',
]);
/** Splitters that draw only with shuffle=True. */
const SHUFFLE_SPLITTERS = new Set(['KFold', 'StratifiedKFold', 'RepeatedKFold', 'RepeatedStratifiedKFold']);

function seedsOf(resolved: string): Library[] {
  if (/^random\.seed$/.test(resolved)) return ['random'];
  if (/^numpy\.random\.seed$/.test(resolved)) return ['numpy'];
  if (/^torch\.(?:manual_seed|random\.manual_seed|cuda\.manual_seed(?:_all)?)$/.test(resolved)) return ['torch'];
  if (/^tensorflow\.(?:random\.set_seed|set_random_seed|compat\.v1\.set_random_seed)$/.test(resolved)) return ['tensorflow'];
  if (/(?:^|\.)keras\.utils\.set_random_seed$/.test(resolved)) return ['tensorflow', 'numpy', 'random'];
  if (/(?:lightning|transformers|accelerate\.utils|fastai\.\w+)\.(?:seed_everything|set_seed)$|^(?:seed_everything|set_seed)$/.test(resolved)) {
    return ['torch', 'numpy', 'random', 'tensorflow'];
  }
  return [];
}

interface RandomUse {
  library: Library;
  what: string;
  /** scikit-learn: the call takes random_state (draws from numpy's global generator without one). */
  sklearn?: boolean;
  /** default_rng()/RandomState() without a seed: no global seed helps. */
  ownGenerator?: boolean;
}

function randomUse(resolved: string, call: CallFact): RandomUse | null {
  // A generator passed in (`torch.randn(3, generator=g)`, `rng=`, `seed=`) carries its own seed.
  if (call.args.some((arg) => arg.keyword !== null && /^(?:generator|rng|seed|random_state)$/.test(arg.keyword))) return null;
  if (RANDOM_FUNCTIONS.test(resolved)) return { library: 'random', what: `random.${call.method}` };
  if (/^numpy\.random\.(?:default_rng|RandomState|Generator)$/.test(resolved)) {
    return call.args.length === 0 ? { library: 'numpy', what: `${call.callee}()`, ownGenerator: true } : null;
  }
  if (NUMPY_LEGACY.test(resolved)) return { library: 'numpy', what: call.callee };
  if (TORCH_RANDOM.test(resolved)) return { library: 'torch', what: call.callee };
  if (TF_RANDOM.test(resolved)) return { library: 'tensorflow', what: call.callee };
  if (resolved.startsWith('sklearn.')) {
    if (keywordArg(call, 'random_state')) return null;
    if (SKLEARN_RANDOM.has(call.method) || (SHUFFLE_SPLITTERS.has(call.method) && keywordArg(call, 'shuffle')?.text === 'True')) {
      return { library: 'numpy', what: call.callee, sklearn: true };
    }
  }
  return null;
}

// Every cell is looked at: what a call draws from is the notebook's imports' answer (`th.randn` after
// `import torch as th`, `rand` imported from numpy.random in an earlier cell), which no search of the text can give.
const findUnseededDraws: Rule = (ctx) => {
  const aliases = aliasesOf(ctx.model);
  const cells = ctx.model.codeCells.map((code) => ({ code, facts: callFactsOf(code.analysis) }));
  // What each notebook function seeds, and which functions draw (checked when first called).
  const fnSeeds = new Map<string, Library[]>();
  const drawingFns = new Set<string>();
  for (const { facts } of cells) {
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      if (fn === null) continue;
      const resolved = resolveCallee(call.callee, aliases);
      const seeds = seedsOf(resolved);
      if (seeds.length > 0) fnSeeds.set(fn, [...(fnSeeds.get(fn) ?? []), ...seeds]);
      if (randomUse(resolved, call)) drawingFns.add(fn);
    }
  }
  const seeded = new Set<Library>();
  const findings: { cell: Cell; call: CallFact; use: RandomUse }[] = [];
  const used = new Set<Library>();
  const calledFns = new Set<string>();
  const pendingBodies = new Map<string, { cell: Cell; call: CallFact; use: RandomUse }[]>();
  const check = (cell: Cell, call: CallFact, use: RandomUse) => {
    used.add(use.library);
    if (use.ownGenerator || !seeded.has(use.library)) findings.push({ cell, call, use });
  };
  for (const { code, facts } of cells) {
    for (const call of facts.calls) {
      const resolved = resolveCallee(call.callee, aliases);
      const fn = facts.statements[call.statement]!.fn;
      const use = randomUse(resolved, call);
      if (fn !== null) {
        if (use) pendingBodies.set(fn, [...(pendingBodies.get(fn) ?? []), { cell: code.cell, call, use }]);
        continue;
      }
      for (const lib of seedsOf(resolved)) seeded.add(lib);
      const local = fnSeeds.get(call.callee);
      if (local) for (const lib of local) seeded.add(lib);
      const body = pendingBodies.get(call.callee);
      if (body && !calledFns.has(call.callee)) {
        calledFns.add(call.callee);
        for (const item of body) check(item.cell, item.call, item.use);
      }
      if (use) check(code.cell, call, use);
    }
  }
  // Functions never called at top level: their draws count where they are defined.
  for (const [name, body] of pendingBodies) if (!calledFns.has(name)) for (const item of body) if (!seeded.has(item.use.library) || item.use.ownGenerator) findings.push(item);

  const seedDefined = ctx.model.writers.has('SEED');
  const libs = [...used].sort();
  const blockFix = seedBlockFix(seedBlockCells(ctx.model.codeCells, [...fnSeeds.keys(), ...drawingFns]), libs, aliases, seedDefined);
  return findings.map(({ cell, call, use }) => {
    const message = use.ownGenerator
      ? `${use.what} creates a generator without a seed: every run draws other numbers; pass a seed (default_rng(SEED))`
      : use.sklearn
        ? `${call.callee}(...) has no random_state and numpy's global generator is not seeded before it: every run gives other results`
        : `${use.what}() draws random numbers and ${use.library === 'numpy' ? 'numpy.random' : use.library} is not seeded anywhere before it in notebook order: every run gives other results`;
    const finding = makeFinding(ctx.notebook, { code: 'NH401', cellIndex: cell.index, range: call.calleeRange, message });
    const fixes: (Fix | null)[] = [];
    if (use.sklearn || use.ownGenerator) {
      const facts = callFactsOf(ctx.model.codeCells.find((c) => c.cell.index === cell.index)!.analysis);
      const statement = facts.statements[call.statement]!;
      const closeAt = statement.tokens.indexOf(call.close);
      const edits: CellTextEdit[] = [addKeywordEdit(cell.index, call, statement.tokens[closeAt - 1], use.ownGenerator ? 'SEED' : 'random_state=SEED')];
      if (!seedDefined && blockFix) edits.push(...blockFix.plan.cellEdits);
      else if (!seedDefined) edits.push(prependToCell(cell, `SEED = 42`));
      fixes.push(fix(use.ownGenerator ? 'Seed the generator with SEED' : 'Add random_state=SEED', dedupe(edits)));
    } else if (blockFix) {
      fixes.push(blockFix);
    }
    return withFixes(finding, fixes);
  });
};

function dedupe(edits: CellTextEdit[]): CellTextEdit[] {
  const seen = new Set<string>();
  return edits.filter((edit) => {
    const key = `${edit.cellIndex}:${edit.range.start.line}:${edit.range.start.character}:${edit.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Text that looks like a draw or a seed: see seedBlockCells. */
const RANDOM_WORDS = /random|seed|shuffle|train_test_split|ShuffleSplit|KFold|Classifier|Regressor|KMeans|TSNE|make_(?:classification|regression|blobs|moons|circles)|permutation_importance|Perceptron|IsolationForest|RandomizedSearchCV|torch\.(?:rand|normal|bernoulli|multinomial|poisson)|resample/;

/**
 * The cells the seed block may go in: those whose text looks like a draw or a seed (`random_state=42` alone does not)
 * and those that name a notebook function that seeds or draws. This is the set the findings were once searched in;
 * the findings no longer are (they ask the imports), and the seed block keeps its place until placing it by the
 * imports alone is decided: taking every cell moves 26 fixes of the corpus, some to a cell after the draw.
 */
function seedBlockCells(codeCells: CodeCell[], notebookFunctions: string[]): CodeCell[] {
  return codeCells.filter(({ cell }) => {
    const source = cell.source.includes('random_state') ? cell.source.replace(/random_state\s*=\s*\w+/g, '') : cell.source;
    return RANDOM_WORDS.test(source) || notebookFunctions.some((name) => cell.source.includes(name));
  });
}

function importsOneOf(code: CodeCell, modules: Set<string>): boolean {
  return code.analysis.facts.imports.some((fact) => fact.bindings.some(([, target]) => modules.has(target.split('.')[0]!)));
}

/** One seed block after the imports of the libraries in use: at the end of the last of the cells that imports one. */
function seedBlockFix(cells: CodeCell[], libs: Library[], aliases: ReadonlyMap<string, string>, seedDefined: boolean): Fix | null {
  if (libs.length === 0) return null;
  const wanted = new Set<string>(libs);
  const importing = cells.filter((code) => importsOneOf(code, wanted));
  const target = (importing[importing.length - 1] ?? cells[0])?.cell;
  if (!target) return null;
  const libraries: SeedLibrary[] = libs.map((module) => ({ module, alias: aliasOfModule(aliases, module) }));
  const block = seedBlock(libraries, !seedDefined);
  return fix(`Add a seed block (SEED = 42 for ${libs.join(', ')}) after the imports in ${cellLabel(target.index)}`, [appendToCell(target, block)]);
}

export const unseededRandomness = defineRule({
  code: 'NH401',
  name: 'unseeded-randomness',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: 'Random numbers are drawn with no seed set before them, so every run gives other results.',
  docs: `\`random\`, \`numpy.random\` (the legacy functions, and \`default_rng()\`/\`RandomState()\` without a
seed), \`torch\` and \`tensorflow\` draws, and scikit-learn calls that take \`random_state\` (splitters, estimators,
\`shuffle\`, \`make_*\`; \`KFold\` and its kin only with \`shuffle=True\`) with no seed set before them in notebook order.
What a call is comes from the notebook's imports: \`th.randn(3)\` after \`import torch as th\`, and \`rand(3)\` after
\`from numpy.random import rand\` in an earlier cell, are draws too. A seed set in an earlier cell (\`random.seed\`,
\`np.random.seed\`, \`torch.manual_seed\`, \`tf.random.set_seed\`, \`keras.utils.set_random_seed\`, \`seed_everything\` or
\`set_seed\` of Lightning, transformers, accelerate or fastai) counts, and so does a notebook function that seeds and is
called before (\`set_seed(42)\`); a draw inside a notebook function is checked where the function is first called.
Not reported: a call given its own seed or generator (\`random_state=0\`, \`generator=g\`, \`rng=\`, \`seed=\`), and draws
from a generator object (\`rng.random(3)\`: its creation is what is checked). A generator created without a seed is
reported even after a global seed, which does not reach it.

\`\`\`python
X_train, X_test = train_test_split(X)   # NH401
\`\`\`
*Fix:* for a scikit-learn call, add \`random_state=SEED\`; for a generator, \`default_rng(SEED)\`; for the others, a seed
block after the imports (one \`SEED = 42\` used for every library in use: \`random.seed(SEED)\`, \`np.random.seed(SEED)\`,
\`torch.manual_seed(SEED)\`, \`tf.random.set_seed(SEED)\`). \`SEED = 42\` comes with the fix when the notebook does not
define \`SEED\` yet.`,
  run: findUnseededDraws,
});
