// Outputs reduced to what the rules need: type, MIME types, a bounded slice of text, and an approximate size.
// Outputs can be megabytes (base64 images, huge tables), so nothing here copies or serialises a whole payload.
import { TEXT_KEEP, type OutputSummary } from './notebook';
import { standInLength } from './stand-ins';
import { isCount, isPlainObject, quoted } from './values';

/** Reports a schema problem about the output at hand; the caller adds which cell and output it is. */
export type OutputReport = (message: string) => void;

/** The stand-ins met in a notebook's outputs so far, in a text that holds some (see stand-ins.ts). */
export interface StandInTally {
  seen: number;
}

/**
 * Approximate length of a value's JSON, without building the JSON: string lengths plus a little per key and item.
 * Iterative, so deeply nested payloads cannot overflow the stack. With a `tally`, a stand-in counts as the string it
 * stands in for, and is counted.
 */
export function approxJsonSize(value: unknown, tally?: StandInTally): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      const standsFor = tally ? standInLength(item) : -1;
      if (standsFor >= 0) tally!.seen++;
      size += (standsFor >= 0 ? standsFor : item.length) + 2;
    } else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const element of item) pending.push(element);
    } else if (isPlainObject(item)) {
      size += 2;
      for (const key of Object.keys(item)) {
        size += key.length + 4;
        pending.push(item[key]);
      }
    } else {
      // Numbers, booleans, null: a few characters each; exactness does not matter here.
      size += 4;
    }
  }
  return size;
}

/**
 * A multiline string (a string or a list of strings) joined and cut to `keep` characters.
 * Stops joining once enough is collected, so a multi-MB list is never concatenated. Non-strings in a list are skipped.
 */
export function joinCapped(value: unknown, keep: number = TEXT_KEEP): string | undefined {
  if (typeof value === 'string') return value.length > keep ? value.slice(0, keep) : value;
  if (!Array.isArray(value)) return undefined;
  let joined = '';
  for (const part of value) {
    if (typeof part !== 'string') continue;
    joined += part;
    if (joined.length >= keep) return joined.slice(0, keep);
  }
  return joined;
}

export function isMultilineString(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((part) => typeof part === 'string'));
}

// Required fields per output type, from the nbformat 4 schema.
const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  execute_result: ['data', 'metadata', 'execution_count'],
  display_data: ['data', 'metadata'],
  stream: ['name', 'text'],
  error: ['ename', 'evalue', 'traceback'],
};

function checkFieldTypes(output: Record<string, unknown>, report: OutputReport): void {
  const notObject = (field: string) => field in output && !isPlainObject(output[field]);
  const notString = (field: string) => field in output && typeof output[field] !== 'string';
  for (const field of ['data', 'metadata']) {
    if (notObject(field)) report(`'${field}' is not an object`);
  }
  for (const field of ['name', 'ename', 'evalue']) {
    if (notString(field)) report(`'${field}' is not a string`);
  }
  if ('text' in output && !isMultilineString(output.text)) report(`'text' is not a string or a list of strings`);
  if ('traceback' in output && !Array.isArray(output.traceback)) report(`'traceback' is not a list`);
}

/**
 * Summary of one nbformat 4 output. `relaxed` is for notebooks from a future minor version,
 * where nbformat itself accepts output types it does not know.
 */
export function summariseOutput(
  raw: unknown,
  report: OutputReport,
  relaxed: boolean,
  tally?: StandInTally,
): OutputSummary {
  const size = approxJsonSize(raw, tally);
  if (!isPlainObject(raw)) {
    report('not an object');
    return { outputType: 'unknown', mimeTypes: [], size };
  }
  const outputType = raw.output_type;
  const required = typeof outputType === 'string' ? REQUIRED_FIELDS[outputType] : undefined;
  if (outputType === undefined) report(`missing required field 'output_type'`);
  else if (typeof outputType !== 'string') report(`'output_type' is not a string`);
  else if (!required && !relaxed) report(`unknown output_type ${quoted(outputType)}`);
  if (!required) return { outputType: 'unknown', mimeTypes: [], size };

  for (const field of required) {
    if (!(field in raw)) report(`missing required field '${field}'`);
  }
  checkFieldTypes(raw, report);

  switch (outputType) {
    case 'execute_result':
    case 'display_data':
      return summariseMimeBundle(raw, outputType, size);
    case 'stream':
      return {
        outputType: 'stream',
        mimeTypes: [],
        size,
        text: joinCapped(raw.text) ?? '',
        ...(raw.name === 'stderr' ? { stream: 'stderr' as const } : {}),
      };
    default:
      return {
        outputType: 'error',
        mimeTypes: [],
        size,
        ename: typeof raw.ename === 'string' ? raw.ename : '',
        evalue: typeof raw.evalue === 'string' ? joinCapped(raw.evalue) : '',
      };
  }
}

function summariseMimeBundle(
  raw: Record<string, unknown>,
  outputType: 'execute_result' | 'display_data',
  size: number,
): OutputSummary {
  const data = isPlainObject(raw.data) ? raw.data : {};
  const summary: OutputSummary = { outputType, mimeTypes: Object.keys(data), size };
  const text = joinCapped(data['text/plain']);
  if (text !== undefined) summary.text = text;
  const html = joinCapped(data['text/html']);
  if (html !== undefined) summary.html = html;
  if (outputType === 'execute_result') summary.executionCount = executionCountOf(raw.execution_count);
  return summary;
}

function executionCountOf(value: unknown): number | null {
  return isCount(value) ? value : null;
}

// nbformat 3 kept MIME data at the top level of an output under short names.
const V3_MIME_NAMES: Record<string, string> = {
  text: 'text/plain',
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  latex: 'text/latex',
  json: 'application/json',
  javascript: 'application/javascript',
};

/**
 * An nbformat 3 output in nbformat 4 shape, as nbformat's own upgrade does: pyout → execute_result,
 * pyerr → error, stream's `stream` → `name`, MIME data moved under `data`. Returns a new object; never mutates.
 */
export function upgradeV3Output(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const outputType = raw.output_type;
  if (outputType === 'pyout' || outputType === 'display_data') {
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(raw)) {
      if (key === 'output_type' || key === 'prompt_number' || key === 'metadata') continue;
      data[V3_MIME_NAMES[key] ?? key] = raw[key];
    }
    const upgraded: Record<string, unknown> = {
      output_type: outputType === 'pyout' ? 'execute_result' : 'display_data',
      data,
      metadata: raw.metadata ?? {},
    };
    if (outputType === 'pyout') upgraded.execution_count = raw.prompt_number ?? null;
    return upgraded;
  }
  if (outputType === 'pyerr') return { ...raw, output_type: 'error' };
  if (outputType === 'stream') {
    const { stream, ...rest } = raw;
    return { ...rest, name: stream ?? 'stdout' };
  }
  return raw;
}
