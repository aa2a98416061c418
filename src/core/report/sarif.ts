// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One rule per registry code; each
// result is located in the notebook file (artifactLocation + region) and names its cell in logicalLocations and
// properties, since a viewer knows nothing about cells.
import { DOCS_BASE_URL, RULES, ruleDocsUrl, ruleInfo } from '../rules/registry';
import type { Finding, Severity } from '../types';
import type { CheckedNotebook, UnreadableFile } from './json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  toolVersion: string;
}

/** Paths as URIs relative to the repository root (%SRCROOT%): '/' separators, each segment percent-encoded. */
export function toRelativeUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

function artifactLocation(path: string): Record<string, string> {
  if (isAbsolutePath(path)) {
    const normal = path.replace(/\\/g, '/');
    return {
      uri: `file://${normal.startsWith('/') ? '' : '/'}${normal
        .split('/')
        .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
        .join('/')}`,
    };
  }
  return { uri: toRelativeUri(path), uriBaseId: '%SRCROOT%' };
}

function sarifRules() {
  return RULES.map((rule) => ({
    id: rule.code,
    name: rule.name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.code} ${rule.name} (${rule.family}): ${rule.summary}` },
    helpUri: ruleDocsUrl(rule.code),
    help: {
      text: `${rule.summary} See ${ruleDocsUrl(rule.code)}`,
      markdown: `${rule.summary} [Documentation](${ruleDocsUrl(rule.code)})`,
    },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: [...new Set(['jupyter', rule.family])], family: rule.family },
  }));
}

function result(path: string, finding: Finding, ruleIndex: Map<string, number>) {
  const { start, end } = finding.range;
  const startLine = start.line + 1;
  const startColumn = start.character + 1;
  const endLine = Math.max(startLine, end.line + 1);
  const endColumn = endLine === startLine ? Math.max(startColumn, end.character + 1) : end.character + 1;
  const cell = finding.cellIndex === null ? null : `cell ${finding.cellIndex + 1}`;
  const index = ruleIndex.get(finding.code);
  return {
    ruleId: finding.code,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[finding.severity],
    message: { text: cell ? `${cell}: ${finding.message}` : finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(path),
          region: { startLine, startColumn, endLine, endColumn },
        },
        ...(cell ? { logicalLocations: [{ name: cell, fullyQualifiedName: `${path}#${cell}`, kind: 'module' }] } : {}),
      },
    ],
    partialFingerprints: { 'nbhygiene/v1': `${finding.code}:${cell ?? 'notebook'}:${finding.message}` },
    properties: {
      cellIndex: finding.cellIndex,
      ...(finding.cellId !== undefined ? { cellId: finding.cellId } : {}),
      region: cell ? 'cell' : 'file',
      fixAvailable: finding.fixes.length > 0,
      ...(ruleInfo(finding.code) ? { family: ruleInfo(finding.code)!.family } : {}),
    },
  };
}

export function toSarif(
  reports: readonly CheckedNotebook[],
  unreadable: readonly UnreadableFile[],
  options: SarifOptions,
) {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nbhygiene',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: DOCS_BASE_URL.replace(/\/blob\/main\/docs\/rules\.md$/, ''),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The folder nbhygiene was run in (the repository root in CI).' } },
        },
        results: reports.flatMap((report) => report.findings.map((finding) => result(report.path, finding, ruleIndex))),
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((item) => ({
              level: 'error',
              message: { text: `cannot read ${item.path}: ${item.message}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(item.path) } }],
            })),
          },
        ],
      },
    ],
  };
}

export function renderSarif(
  reports: readonly CheckedNotebook[],
  unreadable: readonly UnreadableFile[],
  options: SarifOptions,
): string {
  return `${JSON.stringify(toSarif(reports, unreadable, options), null, 2)}\n`;
}
