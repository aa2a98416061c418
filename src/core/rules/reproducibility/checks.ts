// NH401–NH406: what makes a notebook give other results on another run or another machine: unseeded randomness,
// machine-specific paths, committed credentials, saved errors, oversized outputs and environment-dependent magics.
import type { CodeCell } from '../../analysis/dataflow';
import type { Cell } from '../../notebook/model';
import { aliasesOf, cellProduction, keywordArg, resolveCallee, type CallFact, type CellProduction } from '../../production/calls';
import { commonFolder, isIoCall, isMachineSpecificPath, isPathName } from '../../production/paths';
import { envNameFor, findSecretFormat, isPlaceholder, SECRET_FORMAT_PRECHECK, SECRET_NAME, type SecretKind } from '../../production/secrets';
import { stringValue, type Token } from '../../production/tokens';
import {
  addKeywordEdit,
  appendToCell,
  endOfLineEdit,
  fix,
  prependToCell,
  pyString,
  seedBlock,
  tokenEdit,
  type SeedLibrary,
} from '../../refactor/production-fixes';
import type { CellTextEdit, Finding, Fix, Range } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule, type RuleContext } from '../context';

/** NH405 thresholds (characters of the .ipynb text); constants until the config grows a setting for them. */
export const OUTPUT_SIZE_LIMIT = 1_000_000;
export const NOTEBOOK_SIZE_LIMIT = 10_000_000;

function firstLineRange(cell: Cell): Range {
  const first = cell.source.split('\n')[0] ?? '';
  return { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } };
}

function tokenRangeOf(token: Token): Range {
  return { start: { line: token.line, character: token.character }, end: { line: token.endLine, character: token.endCharacter } };
}


// ---------------------------------------------------------------- NH401

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

function moduleAlias(aliases: Map<string, string>, module: string): string | null {
  for (const [alias, target] of aliases) if (target === module) return alias;
  return null;
}

/** Cells that can draw or seed: everything else is skipped without tokenizing. */
const RANDOM_PRECHECK = /random|seed|shuffle|train_test_split|ShuffleSplit|KFold|Classifier|Regressor|KMeans|TSNE|make_(?:classification|regression|blobs|moons|circles)|permutation_importance|Perceptron|IsolationForest|RandomizedSearchCV|torch\.(?:rand|normal|bernoulli|multinomial|poisson)|resample/;

/** `random_state=42` alone is not a draw: the cells that only pass seeds along are skipped too. */
function mayDraw(source: string): boolean {
  return RANDOM_PRECHECK.test(source.includes('random_state') ? source.replace(/random_state\s*=\s*\w+/g, '') : source);
}

export const unseededRandomness: Rule = (ctx) => {
  const all = ctx.model.codeCells.filter(({ cell }) => mayDraw(cell.source));
  if (all.length === 0) return [];
  const drawing = new Set(all);
  const aliases = aliasesOf(ctx.model);
  // What each notebook function seeds, and which functions draw (checked when first called).
  const fnSeeds = new Map<string, Library[]>();
  const drawingFns = new Set<string>();
  for (const code of all) {
    const facts = cellProduction(code.analysis);
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      if (fn === null) continue;
      const resolved = resolveCallee(call.callee, aliases);
      const seeds = seedsOf(resolved);
      if (seeds.length > 0) fnSeeds.set(fn, [...(fnSeeds.get(fn) ?? []), ...seeds]);
      if (randomUse(resolved, call)) drawingFns.add(fn);
    }
  }
  const helpers = [...fnSeeds.keys(), ...drawingFns];
  const cells = ctx.model.codeCells
    .filter((code) => drawing.has(code) || helpers.some((name) => code.cell.source.includes(name)))
    .map((code) => ({ code, facts: cellProduction(code.analysis) }));
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
  const blockFix = seedBlockFix(cells, libs, aliases, seedDefined);
  return findings.map(({ cell, call, use }) => {
    const message = use.ownGenerator
      ? `${use.what} creates a generator without a seed: every run draws other numbers; pass a seed (default_rng(SEED))`
      : use.sklearn
        ? `${call.callee}(...) has no random_state and numpy's global generator is not seeded before it: every run gives other results`
        : `${use.what}() draws random numbers and ${use.library === 'numpy' ? 'numpy.random' : use.library} is not seeded anywhere before it in notebook order: every run gives other results`;
    const finding = makeFinding(ctx.notebook, { code: 'NH401', cellIndex: cell.index, range: call.calleeRange, message });
    const fixes: (Fix | null)[] = [];
    if (use.sklearn || use.ownGenerator) {
      const facts = cellProduction(ctx.model.codeCells.find((c) => c.cell.index === cell.index)!.analysis);
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

/** One seed block after the imports of the libraries in use. */
function seedBlockFix(cells: { code: CodeCell; facts: CellProduction }[], libs: Library[], aliases: Map<string, string>, seedDefined: boolean): Fix | null {
  if (libs.length === 0) return null;
  const wanted = new Set(libs);
  let cellAt: Cell | null = null;
  for (const { code, facts } of cells) {
    if ([...facts.aliases.values()].some((target) => wanted.has(target.split('.')[0] as Library))) cellAt = code.cell;
    if (cellAt && [...wanted].every((lib) => moduleAlias(aliases, lib) !== null)) {
      // the last cell that imports one of them, among the cells up to where all are imported
    }
  }
  const target = cellAt ?? cells[0]?.code.cell;
  if (!target) return null;
  const libraries: SeedLibrary[] = libs.map((module) => ({ module, alias: moduleAlias(aliases, module) }));
  const block = seedBlock(libraries, !seedDefined);
  return fix(`Add a seed block (SEED = 42 for ${libs.join(', ')}) after the imports in ${cellLabel(target.index)}`, [appendToCell(target, block)]);
}

// ---------------------------------------------------------------- NH402

const PATH_PRECHECK = /["'](?:~[/\\]|[A-Za-z]:[\\/]|\\\\|\/(?:home|Users|root|mnt|media|data|content|kaggle|opt|srv|tmp|var|workspace|scratch|gpfs|net|Volumes|drive)\b)/;

export const machineSpecificPath: Rule = (ctx) => {
  const hits: { cell: Cell; token: Token; value: string }[] = [];
  for (const code of ctx.model.codeCells) {
    if (!PATH_PRECHECK.test(code.cell.source)) continue;
    const facts = cellProduction(code.analysis);
    for (const s of facts.strings) {
      const value = stringValue(s.token);
      if (!isMachineSpecificPath(value)) continue;
      const statement = facts.statements[s.statement]!;
      const used = s.call ? isIoCall(s.call.method) : statement.targets.length === 1 && isPathName(statement.targets[0]!);
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
        range: tokenRangeOf(token),
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
  return fix(`Lift ${plain.length === 1 ? 'the path' : `the ${plain.length} machine-specific paths`} into a DATA_DIR parameter`, edits);
}

// ---------------------------------------------------------------- NH403

function secretMessage(kind: string, where: string): string {
  return `${where} holds what looks like ${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind}: credentials committed with a notebook leak with it; read it from the environment`;
}

/**
 * Cells that can hold a secret literal: a name like password/token/key/secret/auth given a string, or a well-known
 * format (the formats' own precheck, so a code cell failing this one cannot hold a format either).
 */
const SECRET_PRECHECK = new RegExp(`(?:passw(?:or)?d|pwd|token|key|secret|auth)\\w*['"]?\\s*[=:]\\s*[rRbBuU]?["']|${SECRET_FORMAT_PRECHECK.source}`, 'i');

export const hardCodedSecret: Rule = (ctx) => {
  const findings: Finding[] = [];
  const aliases = aliasesOf(ctx.model);
  const osImported = aliases.get('os') === 'os';
  const codeByIndex = new Map(ctx.model.codeCells.map((c) => [c.cell.index, c]));
  for (const cell of ctx.notebook.cells) {
    const code = codeByIndex.get(cell.index);
    const covered = new Set<number>();
    const mayHoldSecret = cell.kind !== 'raw' && SECRET_PRECHECK.test(cell.source);
    if (code && mayHoldSecret) {
      const facts = cellProduction(code.analysis);
      for (const s of facts.strings) {
        if (s.token.prefix?.includes('f')) continue;
        const value = stringValue(s.token);
        const statement = facts.statements[s.statement]!;
        const format = findSecretFormat(value);
        const name = s.keyword ?? (s.call === null && statement.targets.length === 1 && statement.tokens.length === 3 ? statement.targets[0]! : null);
        const byName = !format && name !== null && SECRET_NAME.test(name) && !isPlaceholder(value, name);
        if (!format && !byName) continue;
        covered.add(s.token.line);
        const wholeValue = format ? value.trim().length <= (format.pattern.exec(value)?.[0].length ?? 0) + 2 || format.kind === 'private key' : true;
        const finding = makeFinding(ctx.notebook, {
          code: 'NH403',
          cellIndex: cell.index,
          range: tokenRangeOf(s.token),
          message: secretMessage(format ? format.kind : `hard-coded ${name}`, 'this string'),
        });
        findings.push(withFixes(finding, [wholeValue ? secretFix(cell, s.token, envNameFor(name, format), osImported) : null]));
      }
    }
    // Comments, shell escapes, markdown: the formats only (a `password:` in prose is not a credential).
    if (mayHoldSecret && findSecretFormat(cell.source)) {
      const lines = cell.source.split('\n');
      lines.forEach((line, lineNo) => {
        if (covered.has(lineNo)) return;
        const format = findSecretFormat(line);
        if (!format) return;
        const match = format.pattern.exec(line)!;
        findings.push(
          makeFinding(ctx.notebook, {
            code: 'NH403',
            cellIndex: cell.index,
            range: { start: { line: lineNo, character: match.index }, end: { line: lineNo, character: match.index + match[0].length } },
            message: secretMessage(format.kind, cell.kind === 'markdown' ? 'this markdown cell' : 'this line'),
          }),
        );
      });
    }
    for (const output of cell.outputs) {
      const format = findSecretFormat(`${output.text ?? ''}\n${output.html ?? ''}\n${output.evalue ?? ''}`);
      if (!format) continue;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH403',
          cellIndex: cell.index,
          range: firstLineRange(cell),
          message: `${secretMessage(format.kind, `a saved output of ${cellLabel(cell.index)}`)}; clear the output and rotate the credential`,
        }),
      );
      break;
    }
  }
  return findings;
};

function secretFix(cell: Cell, token: Token, envName: string, osImported: boolean): Fix {
  const edits: CellTextEdit[] = [tokenEdit(cell.index, token, `os.environ[${pyString(envName)}]`)];
  const lineText = cell.source.split('\n')[token.endLine] ?? '';
  if (!lineText.trimEnd().endsWith('\\')) edits.push(endOfLineEdit(cell, token.endLine, `  # set ${envName} in the environment (or a git-ignored .env file)`));
  if (!osImported) edits.push(prependToCell(cell, 'import os'));
  return fix(`Read it from the environment: os.environ[${pyString(envName)}]`, edits);
}

export function secretKindOf(text: string): SecretKind | null {
  return findSecretFormat(text);
}

// ---------------------------------------------------------------- NH404, NH405

const ANSI = /\u001b\[[0-9;]*m/g;

export const savedErrorOutput: Rule = (ctx) =>
  ctx.notebook.cells.flatMap((cell) => {
    const error = cell.outputs.find((output) => output.outputType === 'error');
    if (!error) return [];
    const evalue = (error.evalue ?? '').replace(ANSI, '').split('\n')[0]!.trim();
    const what = `${error.ename ?? 'Error'}${evalue ? `: ${evalue.length > 80 ? `${evalue.slice(0, 80)}…` : evalue}` : ''}`;
    return [
      makeFinding(ctx.notebook, {
        code: 'NH404',
        cellIndex: cell.index,
        range: firstLineRange(cell),
        message: `${cellLabel(cell.index)} was saved with an error output (${what}): fix the cell or clear its output before sharing`,
      }),
    ];
  });

function megabytes(size: number): string {
  return `${(size / 1_000_000).toFixed(1)} MB`;
}

export const oversizedOutput: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const cell of ctx.notebook.cells) {
    const size = cell.outputs.reduce((sum, output) => sum + output.size, 0);
    if (size <= OUTPUT_SIZE_LIMIT) continue;
    findings.push(
      makeFinding(ctx.notebook, {
        code: 'NH405',
        cellIndex: cell.index,
        range: firstLineRange(cell),
        message: `the saved outputs of ${cellLabel(cell.index)} take ${megabytes(size)} (limit ${megabytes(OUTPUT_SIZE_LIMIT)}): noise in review and in git; clear them or save images to files`,
      }),
    );
  }
  if (ctx.notebook.size > NOTEBOOK_SIZE_LIMIT) {
    findings.push(
      makeFinding(ctx.notebook, {
        code: 'NH405',
        cellIndex: null,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `the notebook is ${megabytes(ctx.notebook.size)} (limit ${megabytes(NOTEBOOK_SIZE_LIMIT)}): clear outputs before committing (nbstripout, or Clear All Outputs)`,
      }),
    );
  }
  return findings;
};

// ---------------------------------------------------------------- NH406

const MAGIC_NOTES: Record<string, string> = {
  cd: 'changes the working directory, so every relative path after it depends on where the notebook was started',
  env: 'reads or sets environment variables the notebook does not declare: another machine has others',
  run: 'runs another notebook whose names and side effects this one silently depends on',
  load: 'pastes code from a file into the cell: the notebook depends on that file as it was',
  loadpy: 'pastes code from a file into the cell: the notebook depends on that file as it was',
  store: "passes variables through IPython's storage between notebooks: a fresh kernel elsewhere has none",
};

export const environmentMagic: Rule = (ctx) => {
  const findings: Finding[] = [];
  let aliases: Map<string, string> | null = null;
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
    if (!cell.source.includes('chdir')) continue;
    for (const call of cellProduction(code.analysis).calls) {
      aliases ??= aliasesOf(ctx.model);
      if (resolveCallee(call.callee, aliases) !== 'os.chdir') continue;
      findings.push(makeFinding(ctx.notebook, { code: 'NH406', cellIndex: cell.index, range: call.calleeRange, message: `os.chdir ${MAGIC_NOTES.cd}` }));
    }
  }
  return findings;
};

