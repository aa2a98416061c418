// NH101–NH106: state that lives only in the kernel, and the cells whose saved results depend on it.
import { lastWriterByExecution, type ResolvedRead } from '../../analysis/dataflow';
import type { CellEvent } from '../../analysis/facts';
import type { Cell } from '../../notebook/model';
import type { Finding, Range } from '../../types';
import { cellLabel, makeFinding, runLabel, type Rule, type RuleContext } from '../context';

/** The first line of a cell, for findings about the cell as a whole. */
export function cellHeadRange(cell: Cell): Range {
  const lines = cell.source.split('\n');
  const line = Math.max(0, lines.findIndex((text) => text.trim() !== ''));
  return { start: { line, character: 0 }, end: { line, character: lines[line]?.length ?? 0 } };
}

function isCodeWithContent(cell: Cell): boolean {
  return cell.kind === 'code' && cell.source.trim() !== '';
}

export const outOfOrderExecution: Rule = ({ notebook }) => {
  const findings: Finding[] = [];
  let previous: Cell | null = null;
  for (const cell of notebook.cells) {
    if (cell.kind !== 'code' || cell.executionCount === null) continue;
    if (previous && cell.executionCount < previous.executionCount!) {
      findings.push(
        makeFinding(notebook, {
          code: 'NH101',
          cellIndex: cell.index,
          range: cellHeadRange(cell),
          message: `cell ran out of order: execution count ${runLabel(cell.executionCount)} is lower than ${runLabel(previous.executionCount)} of ${cellLabel(previous.index)} above it`,
          related: [{ message: `ran later, as ${runLabel(previous.executionCount)}`, cellIndex: previous.index, range: cellHeadRange(previous) }],
        }),
      );
    }
    previous = cell;
  }
  return findings;
};

export const usedBeforeDefined: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  for (const read of model.reads) {
    if (read.status !== 'used-before-defined' || !read.laterDefinition) continue;
    const definition = read.laterDefinition;
    findings.push(
      makeFinding(notebook, {
        code: 'NH102',
        cellIndex: read.site.cellIndex,
        range: read.site.range,
        message: `name '${read.name}' is used before it is defined (defined in ${cellLabel(definition.cellIndex)}); Restart & Run All fails here with NameError`,
        related: [{ message: `'${read.name}' is defined here`, cellIndex: definition.cellIndex, range: definition.range }],
      }),
    );
  }
  const reported = new Set<string>();
  for (const callRead of model.callTimeReads) {
    const key = `${callRead.call.cellIndex}:${callRead.callee}:${callRead.name}`;
    if (reported.has(key)) continue;
    reported.add(key);
    findings.push(
      makeFinding(notebook, {
        code: 'NH102',
        cellIndex: callRead.call.cellIndex,
        range: callRead.call.range,
        message: `'${callRead.callee}' runs here and reads '${callRead.name}', which is only defined later (in ${cellLabel(callRead.laterDefinition.cellIndex)}); Restart & Run All fails here with NameError`,
        related: [
          { message: `'${callRead.name}' is defined here`, cellIndex: callRead.laterDefinition.cellIndex, range: callRead.laterDefinition.range },
          { message: `'${callRead.callee}' reads '${callRead.name}' here`, cellIndex: callRead.bodyRead.cellIndex, range: callRead.bodyRead.range },
        ],
      }),
    );
  }
  return findings;
};

function undefinedMessage(read: ResolvedRead): string {
  if (read.deletedIn !== undefined) {
    return `name '${read.name}' is not defined: it was deleted in ${cellLabel(read.deletedIn)} and no later cell defines it again`;
  }
  return `name '${read.name}' is defined nowhere in the notebook; it only ever existed in the kernel`;
}

export const undefinedName: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  for (const read of model.reads) {
    if (read.status !== 'undefined') continue;
    findings.push(makeFinding(notebook, { code: 'NH103', cellIndex: read.site.cellIndex, range: read.site.range, message: undefinedMessage(read) }));
  }
  for (const read of model.undefinedBodyReads) {
    findings.push(
      makeFinding(notebook, {
        code: 'NH103',
        cellIndex: read.site.cellIndex,
        range: read.site.range,
        message: `name '${read.name}' (read in '${read.callee}') is defined nowhere in the notebook; it only ever existed in the kernel`,
      }),
    );
  }
  return findings;
};

function hiddenStateMessage(read: ResolvedRead, reader: Cell, provider: Cell, execProvider: Cell | null): string {
  const clean = `a clean run takes it from ${cellLabel(provider.index)}`;
  if (provider.executionCount === null) {
    return `'${read.name}' comes from ${cellLabel(provider.index)}, which never ran: this cell's saved output (run ${runLabel(reader.executionCount)}) was computed from other state`;
  }
  if (execProvider === null) {
    return `'${read.name}' was set by ${cellLabel(provider.index)} only after this cell ran (run ${runLabel(provider.executionCount)} > ${runLabel(reader.executionCount)}): the saved output used an older value`;
  }
  return `when this cell ran (${runLabel(reader.executionCount)}), '${read.name}' held the value from ${cellLabel(execProvider.index)} (run ${runLabel(execProvider.executionCount)}), but ${clean}: the saved output may not be reproducible`;
}

export const hiddenStateOutput: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  // Names already looked at, per reading cell: one finding per name and cell.
  const seen = new Map<number, Set<string>>();
  for (const read of model.reads) {
    const reader = notebook.cells[read.site.cellIndex]!;
    if (read.status !== 'defined' || !read.provider || reader.executionCount === null) continue;
    if (read.provider.cellIndex === reader.index) continue;
    let seenHere = seen.get(reader.index);
    if (!seenHere) seen.set(reader.index, (seenHere = new Set()));
    if (seenHere.has(read.name)) continue;
    seenHere.add(read.name);
    const provider = notebook.cells[read.provider.cellIndex]!;
    const execIndex = lastWriterByExecution(model, read.name, reader.executionCount);
    if (execIndex === provider.index) continue;
    const execProvider = execIndex === null ? null : notebook.cells[execIndex]!;
    const related = [{ message: `a clean run takes '${read.name}' from here`, cellIndex: provider.index, range: read.provider.range }];
    if (execProvider) related.push({ message: `the kernel had '${read.name}' from here`, cellIndex: execProvider.index, range: cellHeadRange(execProvider) });
    findings.push(
      makeFinding(notebook, {
        code: 'NH104',
        cellIndex: reader.index,
        range: read.site.range,
        message: hiddenStateMessage(read, reader, provider, execProvider),
        related,
      }),
    );
  }
  return findings;
};

export const skippedCell: Rule = ({ notebook }) => {
  const code = notebook.cells.filter(isCodeWithContent);
  const executed = code.map((cell) => cell.executionCount !== null);
  const firstRun = executed.indexOf(true);
  const lastRun = executed.lastIndexOf(true);
  const findings: Finding[] = [];
  for (let position = firstRun + 1; firstRun >= 0 && position < lastRun; position++) {
    if (executed[position]) continue;
    const cell = code[position]!;
    findings.push(
      makeFinding(notebook, {
        code: 'NH105',
        cellIndex: cell.index,
        range: cellHeadRange(cell),
        message: 'cell never ran, though cells above and below it did: the saved outputs below were computed without it',
      }),
    );
  }
  return findings;
};

export const notIdempotent: Rule = ({ notebook, model }) => {
  const findings: Finding[] = [];
  const changesEarlierState = (event: CellEvent) =>
    (event.kind === 'bind' && event.rebindsOwnRead === true) || (event.kind === 'update' && event.accumulates);
  const candidates = model.codeCells.filter(({ analysis }) => analysis.facts.events.some(changesEarlierState));
  if (candidates.length === 0) return [];
  // The first read of each name, in the cells that may rebind or add to one.
  const firstReads = new Map<number, Map<string, ResolvedRead>>(candidates.map(({ cell }) => [cell.index, new Map()]));
  for (const read of model.reads) {
    const inCell = firstReads.get(read.site.cellIndex);
    if (inCell && !inCell.has(read.name)) inCell.set(read.name, read);
  }
  for (const { cell, analysis } of candidates) {
    const boundHere = new Set<string>();
    const reported = new Set<string>();
    for (const event of analysis.facts.events) {
      if (event.kind !== 'bind' && event.kind !== 'update') continue;
      const firstRead = firstReads.get(cell.index)!.get(event.name);
      if (changesEarlierState(event) && !boundHere.has(event.name) && !reported.has(event.name) && firstRead?.status === 'defined') {
        reported.add(event.name);
        const how = event.kind === 'bind' ? 'reads and rebinds' : `adds to`;
        findings.push(
          makeFinding(notebook, {
            code: 'NH106',
            cellIndex: cell.index,
            range: firstRead.site.range,
            message: `cell ${how} '${event.name}' from earlier state, so running it twice gives a different result`,
          }),
        );
      }
      if (event.kind === 'bind') boundHere.add(event.name);
    }
  }
  return findings;
};


export type { RuleContext };
