// NH502's facts: preprocessing fitted before the train/test split, and models scored on the data they were fitted on.
import { callFactsOf, positional, type CallFact } from '../../analysis/call-facts';
import type { NotebookModel, Site } from '../../analysis/notebook-model';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';

const PREPROCESSORS = new Set([
  'StandardScaler',
  'MinMaxScaler',
  'RobustScaler',
  'MaxAbsScaler',
  'Normalizer',
  'QuantileTransformer',
  'PowerTransformer',
  'OneHotEncoder',
  'OrdinalEncoder',
  'TargetEncoder',
  'LabelEncoder',
  'LabelBinarizer',
  'SimpleImputer',
  'KNNImputer',
  'IterativeImputer',
  'SelectKBest',
  'SelectPercentile',
  'SelectFromModel',
  'RFE',
  'RFECV',
  'VarianceThreshold',
  'PCA',
  'TruncatedSVD',
  'KBinsDiscretizer',
  'TfidfVectorizer',
  'CountVectorizer',
]);
const SPLITTER_CLASSES = /(?:KFold|ShuffleSplit|GroupKFold|LeaveOneOut|LeavePOut|TimeSeriesSplit|PredefinedSplit)$/;
const CV_FUNCTIONS = new Set([
  'cross_val_score',
  'cross_validate',
  'cross_val_predict',
  'learning_curve',
  'validation_curve',
]);
const METRIC = /(?:_score|_error|^classification_report|^confusion_matrix|_loss|^r2_score|_deviance)$/;

export interface Leak {
  kind: 'fit-before-split' | 'fit-on-unsplit' | 'evaluated-on-training-data';
  site: Site;
  /** What was fitted or evaluated. */
  subject: string;
  data: string;
  related: Site | null;
  /** The split is a cross-validation (cross_val_score, a CV splitter), not train_test_split. */
  crossValidation?: boolean;
}

interface Event {
  cellIndex: number;
  call: CallFact;
  targets: string[];
  order: number;
}

/** The notebook imports scikit-learn, under any name (`from sklearn.preprocessing import StandardScaler as SS`). */
function importsSklearn(aliases: ReadonlyMap<string, string>): boolean {
  for (const target of aliases.values()) if (target === 'sklearn' || target.startsWith('sklearn.')) return true;
  return false;
}

/** The last segment of what a class or function name was imported as: `SS` → `StandardScaler`, `tts` → `train_test_split`. */
function importedName(name: string, aliases: ReadonlyMap<string, string>): string {
  const resolved = resolveCallee(name, aliases);
  return resolved.slice(resolved.lastIndexOf('.') + 1);
}

export function findLeaks(model: NotebookModel): Leak[] {
  const aliases = aliasesOf(model);
  if (!importsSklearn(aliases)) return [];
  const events: Event[] = [];
  /** Every top-level binding, by order, so a plain `X = ...` between a fit and a split counts as new data. */
  const bindings: { order: number; targets: string[] }[] = [];
  const firstCallOfStatement = new Set<CallFact>();
  let order = 0;
  for (const { cell, analysis } of model.codeCells) {
    const facts = callFactsOf(analysis);
    const callsBy = new Map<number, CallFact[]>();
    for (const call of facts.calls) callsBy.set(call.statement, [...(callsBy.get(call.statement) ?? []), call]);
    facts.statements.forEach((statement, index) => {
      order += 1000;
      if (statement.fn !== null) return;
      if (statement.targets.length > 0) bindings.push({ order: order + 999, targets: statement.targets });
      const calls = callsBy.get(index) ?? [];
      if (calls[0]) firstCallOfStatement.add(calls[0]);
      calls.forEach((call, k) =>
        events.push({ cellIndex: cell.index, call, targets: statement.targets, order: order + k }),
      );
    });
  }
  const preprocessors = new Set<string>();
  const splitters = new Set<string>();
  // A class or function of scikit-learn, by the name it was imported as; `StandardScaler()` in an inline chain is
  // resolved without its parentheses.
  const isSklearn = (name: string) => resolveCallee(name.replace(/\(\)$/, ''), aliases).startsWith('sklearn.');
  const sklearnName = (name: string) => (isSklearn(name) ? importedName(name.replace(/\(\)$/, ''), aliases) : null);
  // Instances: `scaler = StandardScaler()`, `scaler = SS()`.
  for (const e of events) {
    if (e.targets.length !== 1 || !firstCallOfStatement.has(e.call)) continue;
    const name = sklearnName(e.call.callee);
    if (name !== null && PREPROCESSORS.has(name)) preprocessors.add(e.targets[0]!);
    if (name !== null && SPLITTER_CLASSES.test(name)) splitters.add(e.targets[0]!);
  }
  /**
   * The scikit-learn function a call is: `tts(...)` → `train_test_split`, `model_selection.cross_val_score(...)` →
   * `cross_val_score`. A bare name no import binds counts too (`from sklearn.model_selection import *`); a method of
   * another library's object (`dataset.train_test_split(...)` in Hugging Face datasets) does not.
   */
  const functionOf = (call: CallFact) =>
    call.receiver === null ? importedName(call.callee, aliases) : isSklearn(call.callee) ? call.method : null;
  const leaks: Leak[] = [];
  // Splits: which names were split where, and which names a later statement rebinds.
  interface Split {
    names: Set<string>;
    event: Event;
  }
  const splits: Split[] = [];
  for (const e of events) {
    const call = e.call;
    const fn = functionOf(call);
    let names: string[] = [];
    if (fn === 'train_test_split')
      names = call.args
        .filter((a) => a.keyword === null)
        .map((a) => a.name ?? '')
        .filter(Boolean);
    else if (
      call.method === 'split' &&
      call.receiver !== null &&
      (splitters.has(call.receiver) ||
        SPLITTER_CLASSES.test(sklearnName(call.receiver) ?? call.receiver.replace(/\(\)$/, '')))
    )
      names = [positional(call, 0)?.name ?? ''].filter(Boolean);
    else if (fn !== null && CV_FUNCTIONS.has(fn)) names = [positional(call, 1)?.name ?? ''].filter(Boolean);
    if (names.length > 0) splits.push({ names: new Set(names), event: e });
  }
  const cellOrder = new Map<number, number>();
  for (const e of events) if (!cellOrder.has(e.cellIndex)) cellOrder.set(e.cellIndex, e.order);
  const cellOfOrder = (o: number) => {
    let found = -1;
    for (const [cellIndex, start] of cellOrder) if (start <= o) found = Math.max(found, cellIndex);
    return found;
  };
  const rebinds = (name: string, after: number, before: number) =>
    (model.writers.get(name) ?? []).some(
      (cellIndex) => cellIndex > cellOfOrder(after) && cellIndex < cellOfOrder(before) && !cellOrder.has(cellIndex),
    ) ||
    bindings.some(
      (b) =>
        b.order > Math.floor(after / 1000) * 1000 + 999 &&
        b.order < Math.floor(before / 1000) * 1000 &&
        b.targets.includes(name),
    );

  for (const e of events) {
    const call = e.call;
    if (call.method !== 'fit' && call.method !== 'fit_transform') continue;
    const receiver = call.receiver;
    if (receiver === null) continue;
    // `StandardScaler().fit_transform(X)`: the receiver is the call that makes the instance.
    const inline = /^\w+\(\)$/.test(receiver) ? sklearnName(receiver) : null;
    const isPre = preprocessors.has(receiver) || (inline !== null && PREPROCESSORS.has(inline));
    const data = positional(call, 0)?.name;
    if (!isPre || !data) continue;
    const derived = new Set([data, ...e.targets]);
    const site = { cellIndex: e.cellIndex, range: call.range };
    const later = splits.find(
      (s) => s.event.order > e.order && [...s.names].some((n) => derived.has(n) && !rebinds(n, e.order, s.event.order)),
    );
    if (later) {
      leaks.push({
        kind: 'fit-before-split',
        site,
        subject: receiver,
        data,
        related: { cellIndex: later.event.cellIndex, range: later.event.call.range },
        crossValidation: functionOf(later.event.call) !== 'train_test_split',
      });
      continue;
    }
    const earlier = splits.find(
      (s) =>
        s.event.order < e.order &&
        s.names.has(data) &&
        functionOf(s.event.call) === 'train_test_split' &&
        !rebinds(data, s.event.order, e.order),
    );
    if (earlier && !/train/i.test(data)) {
      leaks.push({
        kind: 'fit-on-unsplit',
        site,
        subject: receiver,
        data,
        related: { cellIndex: earlier.event.cellIndex, range: earlier.event.call.range },
      });
    }
  }

  // Models scored on the data they were fitted on, when the notebook never scores them on anything else.
  const fitted = new Map<string, { data: string; event: Event }>();
  const evaluations: { model: string; data: string; event: Event }[] = [];
  const heldOut = new Set<string>();
  for (const e of events) {
    const call = e.call;
    const receiver = call.receiver;
    const fn = functionOf(call);
    if (fn !== null && CV_FUNCTIONS.has(fn)) {
      const model0 = positional(call, 0)?.name;
      if (model0) heldOut.add(model0);
    }
    if (receiver === null || !/^\w+$/.test(receiver) || preprocessors.has(receiver)) continue;
    const data = positional(call, 0)?.name;
    if (call.method === 'fit' && data) fitted.set(receiver, { data, event: e });
    else if (
      (call.method === 'score' ||
        call.method === 'predict' ||
        call.method === 'predict_proba' ||
        call.method === 'evaluate') &&
      data
    ) {
      const fit = fitted.get(receiver);
      if (!fit) continue;
      if (fit.data !== data || rebinds(data, fit.event.order, e.order)) {
        heldOut.add(receiver);
        continue;
      }
      const scored =
        call.method === 'score' ||
        call.method === 'evaluate' ||
        events.some(
          (m) =>
            m.order < e.order + 3 &&
            m.order >= e.order - 3 &&
            m.cellIndex === e.cellIndex &&
            m.call.statement === call.statement &&
            METRIC.test(m.call.method),
        );
      if (scored) evaluations.push({ model: receiver, data, event: e });
    }
  }
  const reported = new Set<string>();
  for (const ev of evaluations) {
    if (heldOut.has(ev.model) || reported.has(ev.model)) continue;
    reported.add(ev.model);
    const fit = fitted.get(ev.model)!;
    leaks.push({
      kind: 'evaluated-on-training-data',
      site: { cellIndex: ev.event.cellIndex, range: ev.event.call.range },
      subject: ev.model,
      data: ev.data,
      related: { cellIndex: fit.event.cellIndex, range: fit.event.call.range },
    });
  }
  return leaks;
}
