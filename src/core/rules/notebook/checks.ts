// Findings about a cell's Python as text: NH004 syntax errors.
import type { Finding } from '../../types';
import { makeFinding, type Rule } from '../context';

export const syntaxError: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  for (const { cell, analysis } of model.codeCells) {
    const [first, ...rest] = analysis.facts.syntaxErrors;
    if (!first) continue;
    const more = rest.length > 0 ? ` (and ${rest.length} more in this cell)` : '';
    findings.push(makeFinding(notebook, { code: 'NH004', cellIndex: cell.index, range: first.range, message: `${first.message}${more}` }));
  }
  return findings;
};
