// NH102 used-before-defined: A name is read before the cell that defines it; Restart & Run All fails.
import type { NotebookModel, ResolvedRead } from '../../analysis/notebook-model';
import { planMove, planReorder } from '../../refactor/reorder';
import type { Finding, Fix } from '../../types';
import { cellLabel, makeFinding, withFixes } from '../context';
import { defineRule } from '../rule';

export const usedBeforeDefined = defineRule({
  code: 'NH102',
  name: 'used-before-defined',
  family: 'hidden-state',
  defaultSeverity: 'error',
  summary: 'A name is read before the cell that defines it; Restart & Run All fails.',
  docs: `A cell reads a name that no earlier cell defines but a later cell does: Restart & Run
All fails here with \`NameError\`. One finding per defining cell, at the first read: moving that cell up fixes them
all, so the message names the other reads of what it defines (\`also read before cell 24: 'P' in cells 20 and
22\`) and the related information points at each. Also reported at a call that runs a function before a name its
body reads is defined (related: the definition and the read in the body), once per cell, function and name. A name
read after \`del\` and defined again later is NH102 too. Not reported after a star import, \`%run\`, \`%load\` or
\`exec()\` above the read: the name may come from there. A \`%run\` of a file in the project defines what that file
defines, where the \`%run\` is (see NH103), so a read above it of one of those names is NH102. Names bound by magics count as definitions (see NH103).

\`\`\`python
# cell 1
totals = summarise(sales)   # NH102: 'sales' is defined in cell 2
# cell 2
sales = load()
\`\`\`

*Fix:* "Move cell N above cell M" (the defining cell above the read) or "Move cell M below cell N", offered only
when every read that works today still reads the same cell's value after the move; when both moves would, the one
closer to the saved execution order. On a cycle (each cell reads what the other defines) no move is offered and
\`nbhygiene fix\` says why. With several findings, "Reorder the cells so every name is defined before it is read" moves
them all at once (the fewest moves; markdown cells stay), and is what \`nbhygiene fix\` applies. Moving keeps the cell's
outputs, execution count and id.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    // One finding per defining cell, at the first read: moving that one cell up fixes every read of what it defines.
    const groups = new Map<number, ResolvedRead[]>();
    for (const read of model.reads) {
      if (read.status !== 'used-before-defined' || !read.laterDefinition) continue;
      const group = groups.get(read.laterDefinition.cellIndex);
      if (group) group.push(read);
      else groups.set(read.laterDefinition.cellIndex, [read]);
    }
    for (const [first, ...others] of groups.values()) {
      const definition = first!.laterDefinition!;
      const elsewhere = others.filter(
        (read) => read.name !== first!.name || read.site.cellIndex !== first!.site.cellIndex,
      );
      const finding = makeFinding(notebook, {
        code: 'NH102',
        cellIndex: first!.site.cellIndex,
        range: first!.site.range,
        message: `name '${first!.name}' is used before it is defined (defined in ${cellLabel(definition.cellIndex)}); Restart & Run All fails here with NameError${alsoRead(elsewhere, first!.site.cellIndex, definition.cellIndex)}`,
        related: [
          { message: `'${first!.name}' is defined here`, cellIndex: definition.cellIndex, range: definition.range },
          ...firstPerCellAndName(elsewhere).map((read) => ({
            message: `'${read.name}' is also read here before ${cellLabel(definition.cellIndex)} defines it`,
            cellIndex: read.site.cellIndex,
            range: read.site.range,
          })),
        ],
      });
      findings.push(withMove(finding, model, first!.site.cellIndex, definition.cellIndex));
    }
    const reported = new Set<string>();
    for (const callRead of model.callTimeReads) {
      const key = `${callRead.call.cellIndex}:${callRead.callee}:${callRead.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const finding = makeFinding(notebook, {
        code: 'NH102',
        cellIndex: callRead.call.cellIndex,
        range: callRead.call.range,
        message: `'${callRead.callee}' runs here and reads '${callRead.name}', which is only defined later (in ${cellLabel(callRead.laterDefinition.cellIndex)}); Restart & Run All fails here with NameError`,
        related: [
          {
            message: `'${callRead.name}' is defined here`,
            cellIndex: callRead.laterDefinition.cellIndex,
            range: callRead.laterDefinition.range,
          },
          {
            message: `'${callRead.callee}' reads '${callRead.name}' here`,
            cellIndex: callRead.bodyRead.cellIndex,
            range: callRead.bodyRead.range,
          },
        ],
      });
      findings.push(withMove(finding, model, callRead.call.cellIndex, callRead.laterDefinition.cellIndex));
    }
    return withReorder(model, findings);
  },
});

/** Safe: the move keeps every read that works today reading the same cell's value (see refactor/reorder.ts). */
function withMove(finding: Finding, model: NotebookModel, reader: number, definer: number): Finding {
  if (reader === definer) return finding;
  const planned = planMove(model, reader, definer);
  if (!('plan' in planned)) return { ...finding, fixRefusal: planned.refusal };
  const fix: Fix = {
    title: planned.plan.title,
    safe: true,
    isPreferred: true,
    plan: { cellEdits: [], fileEdits: [], cellOps: planned.plan.ops },
  };
  return withFixes(finding, [fix]);
}

/** With two findings or more, each also offers the one reorder that fixes them all (what `nbhygiene fix` applies). */
function withReorder(model: NotebookModel, findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const planned = planReorder(model);
  if (!('plan' in planned)) return findings;
  const reorder: Fix = {
    title: planned.plan.title,
    safe: true,
    isPreferred: false,
    scope: 'notebook',
    plan: { cellEdits: [], fileEdits: [], cellOps: planned.plan.ops },
  };
  return findings.map((finding) => ({ ...finding, fixes: [...finding.fixes, reorder] }));
}

function firstPerCellAndName(reads: ResolvedRead[]): ResolvedRead[] {
  const seen = new Set<string>();
  return reads.filter((read) => {
    const key = `${read.site.cellIndex}:${read.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ` (also read before cell 31: 'P' in cells 20 and 22, 'Q' in this cell)`, or '' when nothing else is. */
function alsoRead(elsewhere: ResolvedRead[], readerIndex: number, definingIndex: number): string {
  const cellsByName = new Map<string, number[]>();
  for (const read of firstPerCellAndName(elsewhere)) {
    const cells = cellsByName.get(read.name) ?? [];
    cells.push(read.site.cellIndex);
    cellsByName.set(read.name, cells);
  }
  if (cellsByName.size === 0) return '';
  const parts = [...cellsByName].map(([name, cells]) => {
    const here = cells.includes(readerIndex) ? ['this cell'] : [];
    const others = cells.filter((index) => index !== readerIndex);
    return `'${name}' in ${[...here, ...(others.length > 0 ? [cellList(others)] : [])].join(' and ')}`;
  });
  return ` (also read before ${cellLabel(definingIndex)}: ${parts.join(', ')})`;
}

/** `cell 2`, `cells 2 and 4`, `cells 2, 4 and 6`. */
function cellList(cellIndexes: number[]): string {
  const numbers = cellIndexes.map((index) => String(index + 1));
  if (numbers.length === 1) return `cell ${numbers[0]}`;
  return `cells ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
