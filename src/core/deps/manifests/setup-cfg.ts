// setup.cfg: `install_requires` under [options] and each extra under [options.extras_require], as dangling lists
// (one requirement per indented line) or a value on the key's own line.
import { parseRequirement, pep508PinEdit, requirementFacts } from '../requirement';
import type { Declaration, ManifestParse, ParseProblem } from '../dependency-data';

interface Item {
  text: string;
  line: number;
  character: number;
  group: string;
}

function collectItems(text: string): Item[] {
  const items: Item[] = [];
  let section = '';
  let group: string | null = null;
  text.split('\n').forEach((raw, line) => {
    const content = raw.replace(/\r$/, '');
    const header = /^\[([^\]]+)\]\s*$/.exec(content);
    if (header) {
      section = header[1]!.trim();
      group = null;
      return;
    }
    if (/^\s*[#;]/.test(content) || content.trim() === '') return;
    const key = /^([A-Za-z0-9_.-][^=:]*?)\s*[=:]\s*(.*)$/.exec(content);
    if (key && !/^\s/.test(content)) {
      const name = key[1]!.trim();
      group =
        section === 'options' && name === 'install_requires'
          ? 'main'
          : section === 'options.extras_require'
            ? `optional:${name}`
            : null;
      const value = key[2]!;
      if (group !== null && value.trim() !== '')
        items.push({
          text: value.trim(),
          line,
          character: content.indexOf(value) + value.length - value.trimStart().length,
          group,
        });
      return;
    }
    if (group !== null && /^\s/.test(content)) {
      const start = content.length - content.trimStart().length;
      items.push({ text: content.trim(), line, character: start, group });
    }
  });
  return items;
}

export function parseSetupCfg(text: string): ManifestParse {
  const declarations: Declaration[] = [];
  const problems: ParseProblem[] = [];
  for (const item of collectItems(text)) {
    const requirementText = item.text.replace(/\s+#.*$/, '');
    const range = {
      start: { line: item.line, character: item.character },
      end: { line: item.line, character: item.character + requirementText.length },
    };
    const parsed = parseRequirement(requirementText);
    if (!parsed.ok) {
      problems.push({ message: parsed.error, range });
      continue;
    }
    const req = parsed.requirement;
    const at = (offset: number) => ({ line: item.line, character: item.character + offset });
    declarations.push({
      ...requirementFacts(req),
      range,
      pinEdit: pep508PinEdit(req, (from, to) => ({ start: at(from), end: at(to) })),
      group: item.group,
      ecosystem: 'pypi',
    });
  }
  return { declarations, includes: [], problems };
}
