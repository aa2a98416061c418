// NH401 unseeded-randomness: Random numbers are drawn with no seed set before them, so every run gives other results.
import { callFactsOf, keywordArg, type CallFact, type CellCallFacts } from '../../analysis/call-facts';
import type { CodeCell, NotebookModel } from '../../analysis/notebook-model';
import { aliasesOf, objectBindingsOf, resolveBoundCallee, resolveCallee } from '../../analysis/import-resolution';
import type { Cell } from '../../notebook/notebook';
import { addKeywordEdit, fix } from '../../refactor/cell-text-edits';
import type { Fix } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule } from '../context';
import { defineRule } from '../rule';
import { seedBlock, type SeedLibrary } from './seed-block';

type Library = SeedLibrary['module'];

const RANDOM_FUNCTIONS =
  /^random\.(?:random|randint|randrange|choice|choices|shuffle|sample|uniform|gauss|normalvariate|triangular|betavariate|expovariate|getrandbits|lognormvariate)$/;
const NUMPY_LEGACY =
  /^numpy\.random\.(?:rand|randn|randint|random|random_sample|random_integers|ranf|sample|choice|shuffle|permutation|normal|uniform|binomial|poisson|exponential|beta|gamma|multinomial|multivariate_normal|standard_normal|lognormal|laplace|logistic|geometric|dirichlet|bytes)$/;
const TORCH_RANDOM =
  /^torch\.(?:rand|randn|randint|randperm|rand_like|randn_like|randint_like|normal|bernoulli|multinomial|poisson)$/;
const TF_RANDOM =
  /^tensorflow\.(?:random\.(?:normal|uniform|shuffle|categorical|truncated_normal|gamma|poisson)|random_normal|random_uniform|random_shuffle|truncated_normal)$/;
const SKLEARN_RANDOM = new Set([
  'train_test_split',
  'ShuffleSplit',
  'StratifiedShuffleSplit',
  'GroupShuffleSplit',
  'shuffle',
  'resample',
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'HistGradientBoostingClassifier',
  'HistGradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'BaggingClassifier',
  'BaggingRegressor',
  'AdaBoostClassifier',
  'AdaBoostRegressor',
  'IsolationForest',
  'SGDClassifier',
  'SGDRegressor',
  'MLPClassifier',
  'MLPRegressor',
  'KMeans',
  'MiniBatchKMeans',
  'TSNE',
  'RandomizedSearchCV',
  'make_classification',
  'make_regression',
  'make_blobs',
  'make_moons',
  'make_circles',
  'permutation_importance',
  'Perceptron',
]);
/** Splitters that draw only with shuffle=True. */
const SHUFFLE_SPLITTERS = new Set(['KFold', 'StratifiedKFold', 'RepeatedKFold', 'RepeatedStratifiedKFold']);

function seedsOf(resolved: string): Library[] {
  if (/^random\.seed$/.test(resolved)) return ['random'];
  if (/^numpy\.random\.seed$/.test(resolved)) return ['numpy'];
  if (/^torch\.(?:manual_seed|random\.manual_seed|cuda\.manual_seed(?:_all)?)$/.test(resolved)) return ['torch'];
  if (/^tensorflow\.(?:random\.set_seed|set_random_seed|compat\.v1\.set_random_seed)$/.test(resolved))
    return ['tensorflow'];
  if (/(?:^|\.)keras\.utils\.set_random_seed$/.test(resolved)) return ['tensorflow', 'numpy', 'random'];
  // Pyro draws from torch's generator; its seed call seeds torch, numpy and random.
  if (/^pyro\.(?:util\.)?set_rng_seed$/.test(resolved)) return ['torch', 'numpy', 'random'];
  if (
    /(?:lightning|transformers|accelerate\.utils|fastai\.\w+)\.(?:seed_everything|set_seed)$|^(?:seed_everything|set_seed)$/.test(
      resolved,
    )
  ) {
    return ['torch', 'numpy', 'random', 'tensorflow'];
  }
  return [];
}

interface RandomUse {
  library: Library;
  what: string;
  /** scikit-learn: the call takes random_state (draws from numpy's global generator without one). */
  sklearn?: boolean;
  /** default_rng()/RandomState() without a seed, a PyMC sampler without random_seed: no global seed helps. */
  ownGenerator?: boolean;
  /** PyMC's samplers: seeded by their random_seed argument only. */
  pymc?: boolean;
  /** The global generator the call draws from when it is another library's (scipy.stats draws from numpy's). */
  via?: string;
}

/** scipy.stats distributions whose rvs takes few arguments before random_state (`dirichlet.rvs(alpha, size, random_state)`). */
const SCIPY_MULTIVARIATE = new Set([
  'multivariate_normal',
  'matrix_normal',
  'multivariate_t',
  'multivariate_hypergeom',
  'dirichlet',
  'dirichlet_multinomial',
  'wishart',
  'invwishart',
  'multinomial',
  'special_ortho_group',
  'ortho_group',
  'unitary_group',
  'random_correlation',
  'random_table',
  'uniform_direction',
  'vonmises_fisher',
  'matrix_t',
  'normal_inverse_gamma',
]);

/**
 * Draws of scipy.stats, PyMC, Pyro and TensorFlow Probability. `ctor` is the call that made the distribution object
 * of `dist(...).rvs()` or `d.rvs()` (a multivariate one takes its seed there: `multivariate_normal(m, c, seed=1)`).
 * A seed may also be passed positionally, so a call with more positional arguments than come before the seed in
 * every distribution's signature, or with `*args`/`**kwargs`, is not reported.
 */
function distributionDraw(resolved: string, call: CallFact, ctor: CallFact | null): RandomUse | null {
  if (call.args.some((arg) => arg.text.startsWith('*'))) return null;
  const positional = call.args.filter((arg) => arg.keyword === null).length;
  // rvs(*shapes, loc, scale, size, random_state): random_state=None draws from numpy's global RandomState.
  const scipy = /^scipy\.stats\.(?:distributions\.)?(\w+)(\(\))?\.rvs$/.exec(resolved);
  if (scipy) {
    // A frozen distribution's rvs(size, random_state); a univariate one's rvs has loc, scale and size before it.
    const frozen = scipy[2] !== undefined;
    if (positional > (frozen || SCIPY_MULTIVARIATE.has(scipy[1]!) ? 1 : 3)) return null;
    if (ctor?.args.some((arg) => arg.text.startsWith('*') || /^(?:seed|random_state)$/.test(arg.keyword ?? '')))
      return null;
    return { library: 'numpy', what: call.callee, via: "numpy's global generator" };
  }
  // PyMC 4 and later seed their chains from a new unseeded generator when random_seed is None; PyMC3 drew the
  // chains' seeds from numpy's global generator.
  const pymc = /^(pymc3?)\.(?:sample|sample_prior_predictive|sample_posterior_predictive)$/.exec(resolved);
  if (pymc) {
    if (positional > 1) return null;
    if (pymc[1] === 'pymc3') return { library: 'numpy', what: call.callee, via: "numpy's global generator" };
    return { library: 'numpy', what: call.callee, ownGenerator: true, pymc: true };
  }
  // An observed site (obs=) returns its data: nothing is drawn.
  if (/^pyro\.(?:primitives\.)?sample$/.test(resolved))
    return keywordArg(call, 'obs') ? null : { library: 'torch', what: call.callee, via: "torch's global generator" };
  // sample(sample_shape, seed): without a seed, TFP draws from TensorFlow's stateful generator (tf.random.set_seed).
  if (/^tensorflow_probability\.(?:python\.)?distributions\.[A-Z]\w*\(\)\.sample$/.test(resolved))
    return positional > 1 ? null : { library: 'tensorflow', what: call.callee, via: "tensorflow's global generator" };
  return null;
}

function randomUse(resolved: string, call: CallFact, ctor: CallFact | null): RandomUse | null {
  // A generator passed in (`torch.randn(3, generator=g)`, `rng=`, `seed=`) carries its own seed.
  if (
    call.args.some(
      (arg) => arg.keyword !== null && /^(?:generator|rng|seed|random_state|random_seed)$/.test(arg.keyword),
    )
  )
    return null;
  const draw = distributionDraw(resolved, call, ctor);
  if (draw) return draw;
  if (RANDOM_FUNCTIONS.test(resolved)) return { library: 'random', what: `random.${call.method}` };
  if (/^numpy\.random\.(?:default_rng|RandomState|Generator)$/.test(resolved)) {
    return call.args.length === 0 ? { library: 'numpy', what: `${call.callee}()`, ownGenerator: true } : null;
  }
  if (NUMPY_LEGACY.test(resolved)) return { library: 'numpy', what: call.callee };
  if (TORCH_RANDOM.test(resolved)) return { library: 'torch', what: call.callee };
  if (TF_RANDOM.test(resolved)) return { library: 'tensorflow', what: call.callee };
  if (resolved.startsWith('sklearn.')) {
    if (keywordArg(call, 'random_state')) return null;
    if (
      SKLEARN_RANDOM.has(call.method) ||
      (SHUFFLE_SPLITTERS.has(call.method) && keywordArg(call, 'shuffle')?.text === 'True')
    ) {
      return { library: 'numpy', what: call.callee, sklearn: true };
    }
  }
  return null;
}

interface UnseededDraw {
  cell: Cell;
  call: CallFact;
  use: RandomUse;
}

// Every cell is looked at: what a call draws from is the notebook's imports' answer (`th.randn` after
// `import torch as th`, `rand` imported from numpy.random in an earlier cell), which no search of the text can give.
const findUnseededDraws: Rule = (ctx) => {
  const aliases = aliasesOf(ctx.model);
  const cells = ctx.model.codeCells.map((code) => ({ code, facts: callFactsOf(code.analysis) }));
  // What each notebook function seeds (a call of it seeds those libraries).
  const fnSeeds = new Map<string, Library[]>();
  for (const { facts } of cells) {
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      if (fn === null) continue;
      const resolved = resolveCallee(call.callee, aliases);
      const seeds = seedsOf(resolved);
      if (seeds.length > 0) fnSeeds.set(fn, [...(fnSeeds.get(fn) ?? []), ...seeds]);
    }
  }
  const seeded = new Set<Library>();
  const findings: UnseededDraw[] = [];
  const used = new Set<Library>();
  const calledFns = new Set<string>();
  const pendingBodies = new Map<string, UnseededDraw[]>();
  const check = (cell: Cell, call: CallFact, use: RandomUse) => {
    used.add(use.library);
    if (use.ownGenerator || !seeded.has(use.library)) findings.push({ cell, call, use });
  };
  const objects = objectBindingsOf(ctx.model);
  for (const { code, facts } of cells) {
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      const at = fn === null ? { cellIndex: code.cell.index, line: call.calleeRange.start.line } : null;
      const { resolved, binding } = resolveBoundCallee(call.callee, aliases, objects, at);
      const use = randomUse(resolved, call, binding ? binding.call : receiverCall(facts, call));
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
  for (const [name, body] of pendingBodies)
    if (!calledFns.has(name))
      for (const item of body) if (!seeded.has(item.use.library) || item.use.ownGenerator) findings.push(item);

  const libs = [...used].sort();
  const draws = findings.sort((a, b) => a.cell.index - b.cell.index || comparePositions(a.call, b.call));
  const firstDraw = draws.map(({ cell, call }) => ({ cellIndex: cell.index, line: call.calleeRange.start.line }))[0];
  const seedCell = firstDraw ? seedCellFix(ctx.model, libs, firstDraw) : null;
  // One finding per library (and apart from it, per library's unseeded generators): one seed fixes every draw of it,
  // so the draws after the first are counted in its message and listed as related places, not reported again.
  const groups = new Map<string, UnseededDraw[]>();
  for (const draw of draws) {
    const key = draw.use.pymc ? 'pymc' : `${draw.use.library}${draw.use.ownGenerator ? ' generator' : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), draw]);
  }
  return [...groups.values()].map(([first, ...more]) => {
    const { cell, call, use } = first!;
    const name = use.library === 'numpy' ? 'numpy.random' : use.library;
    const message =
      (use.pymc
        ? `${call.callee}(...) has no random_seed: PyMC seeds its chains from a new unseeded generator, which no global seed reaches, so every run gives other results`
        : use.ownGenerator
          ? `${use.what} creates a generator without a seed: every run draws other numbers; pass a seed (default_rng(SEED))`
          : use.sklearn
            ? `${call.callee}(...) has no random_state and numpy's global generator is not seeded before it: every run gives other results`
            : use.via
              ? `${use.what}() draws from ${use.via}, which is not seeded anywhere before it in notebook order: every run gives other results`
              : `${use.what}() draws random numbers and ${name} is not seeded anywhere before it in notebook order: every run gives other results`) +
      (more.length === 0
        ? ''
        : use.pymc
          ? ` (and ${more.length} more PyMC sampling${more.length === 1 ? '' : 's'} without random_seed below)`
          : ` (and ${more.length} more unseeded ${use.ownGenerator ? 'generator' : 'draw'}${more.length === 1 ? '' : 's'} of ${name} below)`);
    const related = more.map((draw) => ({
      message: `unseeded ${draw.use.what}`,
      cellIndex: draw.cell.index,
      range: draw.call.calleeRange,
    }));
    const finding = makeFinding(ctx.notebook, {
      code: 'NH401',
      cellIndex: cell.index,
      range: call.calleeRange,
      message,
      related,
    });
    const fixes: (Fix | null)[] = [];
    if (use.sklearn || use.ownGenerator) {
      const facts = callFactsOf(ctx.model.codeCells.find((c) => c.cell.index === cell.index)!.analysis);
      const statement = facts.statements[call.statement]!;
      const closeAt = statement.tokens.indexOf(call.close);
      const argument = use.pymc ? 'random_seed=SEED' : use.ownGenerator ? 'SEED' : 'random_state=SEED';
      const keyword = addKeywordEdit(cell.index, call, statement.tokens[closeAt - 1], argument);
      const title = argument === 'SEED' ? 'Seed the generator with SEED' : `Add ${argument}`;
      // SEED must exist when the call runs: defined above it, or by the seed cell, which runs before every draw.
      if (seedDefinedBefore(ctx.model, cell.index, call.calleeRange.start.line)) fixes.push(fix(title, [keyword]));
      else if (seedCell)
        fixes.push({
          ...seedCell,
          title: `${title} (${seedCell.title.replace(/^Add a seed cell/, 'and a seed cell')})`,
          plan: { ...seedCell.plan, cellEdits: [keyword] },
        });
    } else if (seedCell) {
      fixes.push(seedCell);
    }
    return withFixes(finding, fixes);
  });
};

/** The call `f(...)` of a chain `f(...).rvs(...)`: the one closing right before `.rvs`. */
function receiverCall(facts: CellCallFacts, call: CallFact): CallFact | null {
  const tokens = facts.statements[call.statement]!.tokens;
  const before = tokens[tokens.indexOf(call.open) - 3];
  if (before?.text !== ')') return null;
  return facts.calls.find((c) => c.statement === call.statement && c.close === before) ?? null;
}

function comparePositions(a: CallFact, b: CallFact): number {
  return (
    a.calleeRange.start.line - b.calleeRange.start.line || a.calleeRange.start.character - b.calleeRange.start.character
  );
}

interface ImportSite {
  code: CodeCell;
  /** Last line of the import statement. */
  endLine: number;
  indent: number;
  bindings: [bound: string, target: string][];
}

/** The imports of the libraries in use that run before `draw` in notebook order. */
function importsBefore(
  codeCells: readonly CodeCell[],
  libs: ReadonlySet<string>,
  draw: { cellIndex: number; line: number },
): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const code of codeCells) {
    if (code.cell.index > draw.cellIndex) break;
    for (const fact of code.analysis.facts.imports) {
      if (code.cell.index === draw.cellIndex && fact.range.end.line >= draw.line) continue;
      if (!fact.bindings.some(([, target]) => libs.has(target.split('.')[0]!))) continue;
      // The statement's indent, from its line: an import's range starts at the module's name.
      const indent = /^[ \t]*/.exec(code.cell.source.split('\n')[fact.range.start.line] ?? '')![0].length;
      sites.push({ code, endLine: fact.range.end.line, indent, bindings: fact.bindings });
    }
  }
  return sites;
}

/** A top-level `SEED = ...` runs before line `line` of cell `cellIndex` in notebook order. */
function seedDefinedBefore(model: NotebookModel, cellIndex: number, line: number): boolean {
  return model.codeCells.some(
    (code) =>
      code.cell.index <= cellIndex &&
      code.analysis.facts.events.some(
        (event) =>
          event.kind === 'bind' &&
          event.name === 'SEED' &&
          (code.cell.index < cellIndex || event.range.start.line < line),
      ),
  );
}

/**
 * A cell of its own that seeds every library in use, placed before the first draw: right after the cell holding the
 * last import of one of them that comes before that draw, or right before the draw's cell when that import is in the
 * draw's cell (or there is none). It names a library by an alias bound above it, and imports the others itself.
 */
function seedCellFix(
  model: NotebookModel,
  libs: Library[],
  firstDraw: { cellIndex: number; line: number },
): Fix | null {
  if (libs.length === 0) return null;
  const sites = importsBefore(model.codeCells, new Set<string>(libs), firstDraw);
  const last = sites[sites.length - 1];
  const afterImports = last !== undefined && last.code.cell.index < firstDraw.cellIndex;
  const before = afterImports ? nextCellIndex(model, last.code.cell.index) : firstDraw.cellIndex;
  const aliasOf = (module: string, above: boolean): string | null => {
    let alias: string | null = null;
    for (const site of sites)
      if (site.code.cell.index < before === above)
        for (const [bound, target] of site.bindings) if (target === module) alias = bound;
    return alias;
  };
  const libraries: SeedLibrary[] = libs.map((module) => {
    const above = aliasOf(module, true);
    if (above !== null) return { module, alias: above };
    const below = aliasOf(module, false);
    return below !== null ? { module, alias: below, importAs: below } : { module, alias: null };
  });
  const block = seedBlock(libraries, !seedDefinedBefore(model, before, 0));
  const where = afterImports
    ? `after the imports in ${cellLabel(last.code.cell.index)}`
    : `before ${cellLabel(before)}`;
  return {
    title: `Add a seed cell (SEED = 42 for ${libs.join(', ')}) ${where}`,
    safe: false,
    isPreferred: true,
    plan: { cellEdits: [], fileEdits: [], cellOps: [{ op: 'insert', before, cell: { kind: 'code', source: block } }] },
  };
}

/** The index right after a cell (the end of the notebook after its last cell). */
function nextCellIndex(model: NotebookModel, cellIndex: number): number {
  return Math.min(cellIndex + 1, model.notebook.cells.length);
}

export const unseededRandomness = defineRule({
  code: 'NH401',
  name: 'unseeded-randomness',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  enabledByDefault: false,
  summary: 'Random numbers are drawn with no seed set before them, so every run gives other results.',
  docs: `Off by default: on the shared corpus 8 of 20 labelled findings were right. The others are true (a rerun draws other
numbers) but the randomness is the point or harmless: a lesson that shows \`np.random.rand\`, sampling from a model to
show its output, a random example picked for display, a \`%timeit\` input. Turn it on with
\`extend-select = ["NH401"]\` where results must be reproducible; \`nbhygiene verify\` shows which outputs change.

\`random\`, \`numpy.random\` (the legacy functions, and \`default_rng()\`/\`RandomState()\` without a
seed), \`torch\` and \`tensorflow\` draws, and scikit-learn calls that take \`random_state\` (splitters, estimators,
\`shuffle\`, \`make_*\`; \`KFold\` and its kin only with \`shuffle=True\`) with no seed set before them in notebook order.
Libraries that draw from another library's generator too: scipy.stats' \`rvs\` without \`random_state\` (numpy's global
generator: \`norm.rvs(size=10)\`, \`expon(scale=2).rvs(100)\`), \`pyro.sample\` without \`obs=\` (torch's; \`pyro.set_rng_seed\`
seeds it), a TensorFlow Probability distribution's \`sample\` without \`seed=\` (TensorFlow's; \`tf.random.set_seed\` seeds
it), and PyMC3's \`pm.sample\` without \`random_seed\` (numpy's). PyMC 4 and later (\`import pymc\`) seed \`pm.sample\`,
\`sample_prior_predictive\` and \`sample_posterior_predictive\` from a new unseeded generator when \`random_seed\` is not
given, so those are reported even after \`np.random.seed\`. A distribution object is followed when one top-level
assignment binds its name and nothing else in the notebook does (\`tfd = tfp.distributions\`, \`d = tfd.Normal(0., 1.)\`,
then \`d.sample(5)\`); a name bound twice, or a parameter, is not guessed at.
What a call is comes from the notebook's imports: \`th.randn(3)\` after \`import torch as th\`, and \`rand(3)\` after
\`from numpy.random import rand\` in an earlier cell, are draws too. A seed set in an earlier cell (\`random.seed\`,
\`np.random.seed\`, \`torch.manual_seed\`, \`tf.random.set_seed\`, \`keras.utils.set_random_seed\`, \`seed_everything\` or
\`set_seed\` of Lightning, transformers, accelerate or fastai) counts, and so does a notebook function that seeds and is
called before (\`set_seed(42)\`); a draw inside a notebook function is checked where the function is first called.
Not reported: a call given its own seed or generator (\`random_state=0\`, \`generator=g\`, \`rng=\`, \`seed=\`,
\`random_seed=\`; for the distribution libraries also a call with enough positional arguments to carry the seed, or with
\`*args\`/\`**kwargs\`), and draws
from a generator object (\`rng.random(3)\`: its creation is what is checked). A generator created without a seed is
reported even after a global seed, which does not reach it. One finding per library, on its first unseeded draw in
notebook order: one seed fixes them all, so the draws after it are counted in the message (\`and 7 more unseeded draws
of numpy.random below\`) and listed as related places, not reported again (unseeded generators likewise, apart).

\`\`\`python
X_train, X_test = train_test_split(X)   # NH401
\`\`\`
*Fix:* a seed cell of its own, run before every draw it seeds: right after the cell holding the last import of a
library in use that comes before the first draw, else right before the draw's cell (importing what it seeds). It sets
\`SEED = 42\` (unless a \`SEED\` is defined above it) and seeds every library in use: \`random.seed(SEED)\`,
\`np.random.seed(SEED)\`, \`torch.manual_seed(SEED)\`, \`tf.random.set_seed(SEED)\`. For a scikit-learn call the fix adds
\`random_state=SEED\`; for a PyMC sampler \`random_seed=SEED\`; for a generator \`default_rng(SEED)\`; and the seed cell
too when no \`SEED\` is defined above the call (a \`SEED\` defined only below it would be a NameError).`,
  run: findUnseededDraws,
});
