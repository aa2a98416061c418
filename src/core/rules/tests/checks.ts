// NH301–NH304: logic that no test covers. Functions no test references, long or branching code outside functions,
// inline asserts that belong in pytest, and projects without any tests.
import { DEFAULT_CONFIG } from '../../config/config';
import { isReferencedByTests } from '../../tests-context';
import { ZERO_RANGE, type Finding } from '../../types';
import { makeFinding, type Rule } from '../context';
import { cellHeadRange } from '../hidden-state/checks';


export const untestedDefinition: Rule = ({ notebook, model, project }) => {
  const tests = project?.tests;
  if (!tests || tests.files.length === 0) return []; // no tests at all: NH304 says it once
  const findings: Finding[] = [];
  for (const { cell, analysis } of model.codeCells) {
    for (const definition of analysis.facts.definitions) {
      if (definition.name.startsWith('_') || isReferencedByTests(tests, definition.name, notebook.path)) continue;
      findings.push(
        makeFinding(notebook, {
          code: 'NH301',
          cellIndex: cell.index,
          range: definition.range,
          message: `${definition.kind} '${definition.name}' is not referenced by any test: extract it to a module and test it there (or reach it with testbook)`,
        }),
      );
    }
  }
  return findings;
};

export const logicOutsideFunctions: Rule = ({ notebook, model, config = DEFAULT_CONFIG }) => {
  const findings: Finding[] = [];
  for (const { cell, analysis } of model.codeCells) {
    const shape = analysis.facts.outline;
    const tooComplex = shape.complexity >= config.maxCellComplexity;
    const tooLong = shape.logicLines > config.maxCellLines;
    if (!tooComplex && !tooLong) continue;
    const why = [tooComplex ? `cyclomatic complexity ${shape.complexity}` : '', tooLong ? `${shape.logicLines} lines` : ''].filter(Boolean).join(' and ');
    findings.push(
      makeFinding(notebook, {
        code: 'NH302',
        cellIndex: cell.index,
        range: cellHeadRange(cell),
        message: `cell has ${why} of logic outside any function: move it into a function (Extract cells to a module) so it can be tested`,
      }),
    );
  }
  return findings;
};

export const inlineChecks: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  for (const { cell, analysis } of model.codeCells) {
    for (const range of analysis.facts.outline.asserts) {
      findings.push(
        makeFinding(notebook, {
          code: 'NH303',
          cellIndex: cell.index,
          range: { start: range.start, end: { line: range.start.line, character: range.start.character + 'assert'.length } },
          message: 'assert at cell level is an ad-hoc test: move it into a pytest test',
        }),
      );
    }
  }
  return findings;
};

export const noTests: Rule = ({ notebook, model, project }) => {
  const tests = project?.tests;
  if (!tests || tests.folder !== null || tests.files.length > 0) return [];
  const defines = model.codeCells.some(({ analysis }) => analysis.facts.definitions.some((definition) => definition.kind === 'function'));
  if (!defines) return [];
  return [
    makeFinding(notebook, {
      code: 'NH304',
      cellIndex: null,
      range: ZERO_RANGE,
      message: 'the notebook defines functions and the project has no tests (no tests/ folder, no test_*.py): extract them to a module and add tests',
    }),
  ];
};

