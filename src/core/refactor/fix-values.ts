// Fixes that need a value nobody knows yet (the version to pin when no environment or lock file gives it). The
// editor asks the user; a command line gets the value from `--pin NAME=VERSION` or skips the fix and says so. A
// plan is never applied with its placeholder in it, and no plan may bring a control character into a file.
import { valid as validVersion } from '@renovatebot/pep440';
import { normalizeName } from '../deps/normalize';
import { answerPlan, type EditPlan, type Finding, type Fix } from '../types';

/** Control characters other than tab, newline and carriage return: a NUL of a placeholder, an escape sequence. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_CHARACTER_GLOBAL = new RegExp(CONTROL_CHARACTER.source, 'g');

/** A version given for a distribution, as `--pin NAME=VERSION` says it. */
export interface GivenPin {
  name: string;
  /** The normalized name (PEP 503), how fixes are matched to it. */
  key: string;
  version: string;
}

const DISTRIBUTION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** A version pip accepts after `==` (PEP 440), with nothing around it. */
export function isPinnableVersion(text: string): boolean {
  return text === text.trim() && text !== '' && validVersion(text) !== null && !CONTROL_CHARACTER.test(text);
}

/** `NAME=VERSION` (also `NAME==VERSION`) with a PEP 440 version, or why it is not one. */
export function parsePin(text: string): GivenPin | { error: string } {
  const m = /^([^=]*)==?(.*)$/.exec(text.trim());
  if (!m) return { error: `'${printable(text)}' is not NAME=VERSION` };
  const name = m[1]!.trim();
  const version = m[2]!.trim();
  if (!DISTRIBUTION_NAME.test(name)) return { error: `'${printable(name)}' is not a distribution name` };
  if (!isPinnableVersion(version)) return { error: `'${printable(version)}' is not a PEP 440 version` };
  return { name, key: normalizeName(name), version };
}

function printable(text: string): string {
  return text.replace(CONTROL_CHARACTER_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The distribution whose version the fix needs, when it needs one. */
export function versionNeeded(fix: Fix): string | null {
  return fix.ask?.versionOf ?? null;
}

/**
 * The fix with the value put in when a given pin answers it: then it is a plain fix, as safe as a pin to an
 * installed version. Fixes that need nothing, or a value no pin gives, come back as they are.
 */
export function answerWithPins(fix: Fix, pins: readonly GivenPin[]): Fix {
  const needed = versionNeeded(fix);
  if (needed === null) return fix;
  const pin = pins.find((p) => p.key === normalizeName(needed));
  if (!pin) return fix;
  return {
    title: `Pin ${needed} to ${pin.version} (--pin)`,
    safe: true,
    isPreferred: true,
    plan: answerPlan(fix, pin.version),
  };
}

/** The findings with every fix a given pin answers filled in (the answered fix goes first). */
export function findingsWithPins(findings: readonly Finding[], pins: readonly GivenPin[]): Finding[] {
  if (pins.length === 0) return [...findings];
  return findings.map((finding) => {
    const fixes = finding.fixes.map((fix) => answerWithPins(fix, pins));
    const answered = fixes.filter((fix, i) => fix !== finding.fixes[i]);
    if (answered.length === 0) return finding;
    return { ...finding, fixes: [...answered, ...fixes.filter((fix) => !answered.includes(fix))] };
  });
}

function controlCount(text: string): number {
  return text.match(CONTROL_CHARACTER_GLOBAL)?.length ?? 0;
}

/**
 * True when applying the plan would bring a control character (a NUL of a placeholder, an escape) into a cell or
 * a file: a cell edit whose new text has one, or a file that would have more of them than it has now.
 */
export function bringsControlCharacter(plan: EditPlan): boolean {
  return (
    plan.cellEdits.some((edit) => CONTROL_CHARACTER.test(edit.newText)) ||
    plan.fileEdits.some((edit) => controlCount(edit.newText) > controlCount(edit.expectedOldText ?? ''))
  );
}
