// Code cells of a Python notebook that hold another language without a cell magic: SQL typed for a Spark or database
// magic, Scala from a Spark kernel, shell commands without `!`. Asked only of cells Python rejects, so a Python cell
// is never mistaken for one; a guess that fails leaves the cell treated as broken Python.

export type ForeignLanguage = 'SQL' | 'Scala' | 'shell commands';

const SQL_START =
  /^\s*(?:select|insert\s+into|update|delete\s+from|create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:table|view|database|schema|index)|drop\s+(?:table|view|database)|alter\s+table|show\s+(?:tables|databases|columns|partitions)|describe|use)\b/i;
const SQL_BODY = /\b(?:from|into|set|table|view|database|tables|databases|where|values)\b/i;
const SCALA_LINE =
  /^\s*(?:(?:val|var|lazy\s+val)\s+[A-Za-z_]\w*\s*(?::[^=\n]+)?=|import\s+(?:org|scala|java|com)\.\w|case\s+class\s+\w|object\s+[A-Za-z_]\w*\s*(?:extends\b|\{)|class\s+[A-Za-z_]\w*[^:\n]*\bextends\b|println\s*\()/;
const SHELL_LINE =
  /^\s*(?:git\s+(?:clone|pull|checkout|add|commit|push|status)|cd\s+\S|ls(?:\s+-\w+)?\s*(?:\S+)?$|wget\s+\S|curl\s+-?\S|apt(?:-get)?\s+install|conda\s+(?:install|create|activate)|mkdir\s+-?\S|unzip\s+\S|tar\s+-?x|export\s+[A-Z_]+=|sudo\s+\S)/;

function codeLines(source: string): string[] {
  return source.split('\n').filter((line) => line.trim() !== '' && !/^\s*(?:#|--|\/\/)/.test(line));
}

/** The language a cell that Python rejects was written in, when it clearly is another one; else null. */
export function foreignLanguageOf(source: string): ForeignLanguage | null {
  const lines = codeLines(source);
  if (lines.length === 0) return null;
  if (SQL_START.test(lines[0]!) && SQL_BODY.test(source)) return 'SQL';
  if (lines.some((line) => SCALA_LINE.test(line))) return 'Scala';
  if (lines.every((line) => SHELL_LINE.test(line))) return 'shell commands';
  return null;
}
