// NH503 no-drift-baseline: A model is trained and saved without statistics of its training data to compare live inputs against.
import type { CodeCell } from '../../analysis/dataflow';
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
  summary: 'A model is trained and saved without statistics of its training data to compare live inputs against.',
  docs: `The notebook trains a model and saves it (\`joblib.dump\`, \`pickle.dump\`, \`torch.save\`,
\`model.save\`, \`save_pretrained\`, \`mlflow.*.log_model\`) without saving statistics of its training data. Reported
once, on the notebook, with related information pointing at the training and the save. Not reported when any cell
mentions a baseline (\`baseline\`, \`evidently\`, \`whylogs\`, \`nannyml\`, \`deepchecks\`, \`great_expectations\`,
\`ProfileReport\`, a \`describe()\` written to a file), for a saved object whose name does not look like a model
(\`joblib.dump(scaler, ...)\`), or for code inside functions.

\`\`\`python
model.fit(X_train, y_train)
joblib.dump(model, "model.joblib")
\`\`\`
*Fix:* a block after the save that writes \`pd.DataFrame(X_train).describe(include="all")\` as JSON next to the
model (\`model_baseline.json\`), for a monitoring job to compare live inputs against.`,
  run: findNoDriftBaseline,
});

const SAVE = /^(?:joblib\.dump|sklearn\.externals\.joblib\.dump|torch\.save|mlflow\.\w+\.(?:log_model|save_model)|skops\.io\.dump|cloudpickle\.dump|dill\.dump)$/;
const MODEL_NAME = /model|clf|classifier|regressor|estimator|pipeline|pipe\b|reg\b|net\b|forest|svm|tree|booster|learner/i;
const BASELINE = /baseline|evidently|whylogs|tensorflow_data_validation|nannyml|alibi_detect|deepchecks|great_expectations|\.describe\([^)]*\)\s*\.to_(?:json|csv|parquet|pickle)|log_dict|log_input|profile_report|ProfileReport/;
const TRAIN_METHODS = new Set(['fit', 'fit_generator', 'train', 'partial_fit']);

function isModelSave(call: CallFact, resolved: string): boolean {
  if (SAVE.test(resolved)) {
    const first = positional(call, 0);
    return !/^(?:joblib|cloudpickle|dill)/.test(resolved) || (first !== undefined && MODEL_NAME.test(first.text));
  }
  if (/^pickle\.dumps?$/.test(resolved)) return MODEL_NAME.test(positional(call, 0)?.text ?? '');
  if (/^(?:save|save_model|save_pretrained|save_weights)$/.test(call.method) && call.receiver !== null) return MODEL_NAME.test(call.receiver) && !/^(?:plt|fig|np|numpy|pd|torch)$/.test(call.receiver);
  return false;
}

function findNoDriftBaseline(ctx: RuleContext): Finding[] {
  if (!ctx.model.codeCells.some(({ cell }) => /dump|save|log_model/.test(cell.source))) return [];
  if (ctx.notebook.cells.some((cell) => BASELINE.test(cell.source))) return [];
  const aliases = aliasesOf(ctx.model);
  let save: { code: CodeCell; call: CallFact; statement: StatementFact } | null = null;
  let training: { code: CodeCell; call: CallFact } | null = null;
  for (const code of ctx.model.codeCells) {
    if (!/\.(?:fit|train|partial_fit)\b|dump|save|log_model/.test(code.cell.source)) continue;
    const facts = callFactsOf(code.analysis);
    for (const call of facts.calls) {
      const statement = facts.statements[call.statement]!;
      if (statement.fn !== null) continue;
      if (!save && TRAIN_METHODS.has(call.method) && call.receiver !== null && positional(call, 0) !== undefined) training = { code, call };
      else if (!save && training && isModelSave(call, resolveCallee(call.callee, aliases))) save = { code, call, statement };
    }
  }
  if (!save || !training) return [];
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
  const pathArg = save.call.args.find((a) => a.tokens.length === 1 && a.tokens[0]!.kind === 'string' && !a.tokens[0]!.prefix?.includes('f'));
  const modelPath = pathArg ? (pathArg.tokens[0]!.value ?? '') : '';
  const baselinePath = modelPath && !modelPath.includes('\\') ? `${modelPath.replace(/\.[\w]+$/, '')}_baseline.json` : 'model_baseline.json';
  const block = [
    '# Drift baseline: statistics of the training features, saved next to the model for a monitoring job to compare live inputs with',
    'import pandas as pd',
    `pd.DataFrame(${featuresName}).describe(include="all").to_json(${JSON.stringify(baselinePath)})`,
  ].join('\n');
  const edit = insertAfterLine(save.code.cell, save.statement.range.end.line, save.statement.indent, block);
  return [{ ...finding, fixes: [fix(`Save a drift baseline (describe() of ${featuresName}) as ${baselinePath}`, [edit])] }];
}
