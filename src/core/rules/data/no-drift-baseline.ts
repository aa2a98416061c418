// NH503 no-drift-baseline: A model is trained and saved without statistics of its training data to compare live inputs against.
import type { CodeCell } from '../../analysis/notebook-model';
import { callFactsOf, positional, type CallFact, type StatementFact } from '../../analysis/call-facts';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';
import { fix, insertAfterLine } from '../../refactor/cell-text-edits';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, type RuleContext } from '../context';
import { defineRule } from '../rule';

export const noDriftBaseline = defineRule({
  code: 'NH503',
  name: 'no-drift-baseline',
  family: 'data',
  defaultSeverity: 'info',
  // Off by default: a notebook does not say whether the model it saves goes into production, and a drift baseline
  // matters only then. On the corpus four of five reports were textbook chapters saving a model to show the API.
  enabledByDefault: false,
  summary: 'A model is trained and saved without statistics of its training data to compare live inputs against.',
  docs: `Turn it on with \`extend-select = ["NH503"]\` in a project that serves the models its notebooks save: nothing in
a notebook says whether a saved model is served, and a drift baseline matters only then; on real notebooks most saved
models were checkpoints or textbook demonstrations of the save API.

The notebook trains a model and saves it (\`joblib.dump\`, \`pickle.dump\`, \`torch.save\`,
\`model.save\`, \`save_pretrained\`, \`mlflow.*.log_model\`, under any import name: \`from joblib import dump as jd\`)
without saving statistics of its training data. Reported once, on the notebook, with related information pointing
at the training and the save. Not reported for a model the notebook loads back from the same path (a demonstration
of saving and loading), when the notebook imports a drift or profiling library (\`evidently\`, \`whylogs\`,
\`nannyml\`, \`deepchecks\`, \`great_expectations\`, \`ydata_profiling\`, ...), writes a \`describe()\` to a file,
logs a profile (\`ProfileReport\`, \`mlflow.log_dict\`), or any cell mentions a \`baseline\`; for a saved object whose
name does not look like a model (\`joblib.dump(scaler, ...)\`), or for code inside functions.

\`\`\`python
model.fit(X_train, y_train)
joblib.dump(model, "model.joblib")
\`\`\`
*Fix:* a block after the save that writes \`pd.DataFrame(X_train).describe(include="all")\` as JSON next to the
model (\`model_baseline.json\`), for a monitoring job to compare live inputs against.`,
  run: findNoDriftBaseline,
});

const SAVE =
  /^(?:joblib\.dump|sklearn\.externals\.joblib\.dump|torch\.save|mlflow\.\w+\.(?:log_model|save_model)|skops\.io\.dump|cloudpickle\.dump|dill\.dump)$/;
const MODEL_NAME =
  /model|clf|classifier|regressor|estimator|pipeline|pipe\b|reg\b|net\b|forest|svm|tree|booster|learner/i;
/** Libraries that record or compare training-data statistics, by what the imports bind. */
const BASELINE_LIBS =
  /^(?:evidently|whylogs|tensorflow_data_validation|nannyml|alibi_detect|deepchecks|great_expectations|ydata_profiling|pandas_profiling)(?:\.|$)/;
/** Calls that write a baseline: `X.describe().to_json(...)`, `mlflow.log_dict(...)`, `ProfileReport(df)`. */
const BASELINE_CALL =
  /\.describe\(\)\.to_(?:json|csv|parquet|pickle)$|(?:^|\.)(?:log_dict|log_input|profile_report|ProfileReport)$/;
/** Reading a saved model back: `joblib.load(path)`, `keras.models.load_model(path)`, `torch.load(path)`. */
const LOAD_METHODS = new Set(['load', 'loads', 'load_model', 'load_weights', 'from_pretrained']);
const TRAIN_METHODS = new Set(['fit', 'fit_generator', 'train', 'partial_fit']);

function isModelSave(call: CallFact, resolved: string): boolean {
  if (SAVE.test(resolved)) {
    const first = positional(call, 0);
    return !/^(?:joblib|cloudpickle|dill)/.test(resolved) || (first !== undefined && MODEL_NAME.test(first.text));
  }
  if (/^pickle\.dumps?$/.test(resolved)) return MODEL_NAME.test(positional(call, 0)?.text ?? '');
  if (/^(?:save|save_model|save_pretrained|save_weights)$/.test(call.method) && call.receiver !== null)
    return MODEL_NAME.test(call.receiver) && !/^(?:plt|fig|np|numpy|pd|torch)$/.test(call.receiver);
  return false;
}

/** Where a save writes: \`model.save(path)\`, \`joblib.dump(model, path)\`; null when the call names no path. */
function savedPath(call: CallFact): string | null {
  const arg =
    /^(?:save|save_model|save_pretrained|save_weights)$/.test(call.method) &&
    call.receiver !== null &&
    !/\./.test(call.receiver)
      ? positional(call, 0)
      : positional(call, 1);
  return arg?.text ?? null;
}

interface Save {
  code: CodeCell;
  call: CallFact;
  statement: StatementFact;
  training: { code: CodeCell; call: CallFact };
  /** Position in notebook order, to find a load after it. */
  at: number;
}

function findNoDriftBaseline(ctx: RuleContext): Finding[] {
  const aliases = aliasesOf(ctx.model);
  if ([...aliases.values()].some((target) => BASELINE_LIBS.test(target))) return [];
  // A word, not a module name: a baseline file or a markdown note that one is saved elsewhere.
  if (ctx.notebook.cells.some((cell) => /baseline/.test(cell.source))) return [];
  const saves: Save[] = [];
  const loads: { call: CallFact; at: number }[] = [];
  let lastTraining: { code: CodeCell; call: CallFact } | null = null;
  let at = 0;
  for (const code of ctx.model.codeCells) {
    const facts = callFactsOf(code.analysis);
    for (const call of facts.calls) {
      at++;
      const resolved = resolveCallee(call.callee, aliases);
      if (BASELINE_CALL.test(resolved)) return [];
      if (LOAD_METHODS.has(call.method)) loads.push({ call, at });
      const statement = facts.statements[call.statement]!;
      if (statement.fn !== null) continue;
      if (TRAIN_METHODS.has(call.method) && call.receiver !== null && positional(call, 0) !== undefined)
        lastTraining = { code, call };
      else if (lastTraining && isModelSave(call, resolved))
        saves.push({ code, call, statement, training: lastTraining, at });
    }
  }
  // A model loaded back from the path it was saved to is a demonstration of the save API, not an export.
  const loadedBack = (s: Save) => {
    const path = savedPath(s.call);
    return path !== null && loads.some((load) => load.at > s.at && load.call.args.some((arg) => arg.text === path));
  };
  const save = saves.find((s) => !loadedBack(s));
  if (!save) return [];
  const training = save.training;
  const features = positional(training.call, 0)!;
  const featuresName = features.name && /^\w+$/.test(features.text) ? features.text : null;
  const finding = makeFinding(ctx.notebook, {
    code: 'NH503',
    cellIndex: null,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `the notebook trains a model (${cellLabel(training.code.cell.index)}) and saves it (${cellLabel(save.code.cell.index)}) without saving statistics of its training data: nothing to compare live inputs against to detect drift`,
    related: [
      { message: 'the model is trained here', cellIndex: training.code.cell.index, range: training.call.range },
      { message: 'and saved here', cellIndex: save.code.cell.index, range: save.call.range },
    ],
  });
  if (!featuresName) return [finding];
  const pathArg = save.call.args.find(
    (a) => a.tokens.length === 1 && a.tokens[0]!.kind === 'string' && !a.tokens[0]!.prefix?.includes('f'),
  );
  const modelPath = pathArg ? (pathArg.tokens[0]!.value ?? '') : '';
  const baselinePath =
    modelPath && !modelPath.includes('\\')
      ? `${modelPath.replace(/\.[\w]+$/, '')}_baseline.json`
      : 'model_baseline.json';
  const block = [
    '# Drift baseline: statistics of the training features, saved next to the model for a monitoring job to compare live inputs with',
    'import pandas as pd',
    `pd.DataFrame(${featuresName}).describe(include="all").to_json(${JSON.stringify(baselinePath)})`,
  ].join('\n');
  const edit = insertAfterLine(save.code.cell, save.statement.range.end.line, save.statement.indent, block);
  return [
    { ...finding, fixes: [fix(`Save a drift baseline (describe() of ${featuresName}) as ${baselinePath}`, [edit])] },
  ];
}
