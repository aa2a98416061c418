// Helpers for the YAML files (environment.yml, conda-lock.yml): parse with `yaml`, keep offsets for positions.
import { isScalar, parseDocument, type Document, type Scalar } from 'yaml';
import { TextIndex, type ParseProblem } from '../dependency-data';

export interface ParsedYaml {
  doc: Document.Parsed | null;
  index: TextIndex;
  problems: ParseProblem[];
}

export function parseYamlDocument(text: string): ParsedYaml {
  const index = new TextIndex(text);
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const problems = doc.errors.map((error) => ({
      message: `invalid YAML: ${error.message.split('\n')[0]}`,
      range: index.range(error.pos[0], error.pos[1]),
    }));
    return { doc: doc.errors.length > 0 && doc.contents === null ? null : doc, index, problems };
  } catch (error) {
    return { doc: null, index, problems: [{ message: `invalid YAML: ${String(error)}`, range: index.range(0, 0) }] };
  }
}

/** A scalar's string value and the offsets of its content (inside quotes for quoted scalars). */
export function scalarText(node: unknown): { value: string; start: number; end: number } | null {
  if (!isScalar(node) || node.value === null || node.value === undefined) return null;
  const scalar = node as Scalar;
  const [start, end] = scalar.range ?? [0, 0];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  return { value: String(scalar.value), start: quoted ? start + 1 : start, end: quoted ? end - 1 : end };
}
