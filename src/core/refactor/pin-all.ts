// "Pin Dependencies": every unpinned install and declaration of a notebook pinned in one edit. The versions known
// (installed, locked) are used as they are; the editor asks for the others first, and the user may skip some.
import { answerPlan, type EditPlan, type Finding, type Fix } from '../types';
import { mergePlans } from './merge-plans';

const PIN_CODES = new Set(['NH201', 'NH204']);

/** The pin fix of each unpinned install (NH201) and declaration (NH204): known versions first, then asking ones. */
export function pinFixes(findings: readonly Finding[]): Fix[] {
  const fixes = findings
    .filter((finding) => PIN_CODES.has(finding.code))
    .flatMap((finding) => finding.fixes.filter((fix) => fix.title.startsWith('Pin ')).slice(0, 1));
  return [...fixes.filter((fix) => !fix.ask), ...fixes.filter((fix) => fix.ask)];
}

/** An asking pin fix's answer: a version, or null when the user skipped that package. */
export type PinAnswer = string | null;

export interface PinAllResult {
  plan: EditPlan;
  /** Titles of the pins in the plan. */
  pinned: string[];
  skipped: string[];
  /** Pins that collide with another one in the same place: left for another run. */
  deferred: string[];
}

/** One plan for the fixes, `answers` giving the version of each asking fix in order (null: skip it). */
export function pinAllPlan(fixes: readonly Fix[], answers: readonly PinAnswer[]): PinAllResult {
  const chosen: { title: string; plan: EditPlan }[] = [];
  const skipped: string[] = [];
  let asked = 0;
  for (const fix of fixes) {
    if (!fix.ask) {
      chosen.push({ title: fix.title, plan: fix.plan });
      continue;
    }
    const answer = answers[asked++] ?? null;
    if (answer === null) skipped.push(pinnedName(fix));
    else chosen.push({ title: `Pin ${pinnedName(fix)} to ${answer}`, plan: answerPlan(fix, answer) });
  }
  const { plan, mergedIndices } = mergePlans(chosen.map((choice) => choice.plan));
  const merged = new Set(mergedIndices);
  return {
    plan,
    pinned: mergedIndices.map((index) => chosen[index]!.title),
    skipped,
    deferred: chosen.filter((_, index) => !merged.has(index)).map((choice) => choice.title),
  };
}

/** The distribution a pin fix pins ("Pin pandas to ..." → pandas). */
export function pinnedName(fix: Fix): string {
  return /^Pin (\S+)/.exec(fix.title)?.[1] ?? fix.title;
}

/** What the editor says when it is done: "pinned 3, skipped 1". */
export function pinSummary(result: Pick<PinAllResult, 'pinned' | 'skipped' | 'deferred'>): string {
  const parts = [`pinned ${result.pinned.length}`];
  if (result.skipped.length > 0) parts.push(`skipped ${result.skipped.length} (${result.skipped.join(', ')})`);
  if (result.deferred.length > 0) parts.push(`${result.deferred.length} left for another run`);
  return parts.join(', ');
}
