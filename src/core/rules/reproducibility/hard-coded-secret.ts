// NH403 hard-coded-secret: A credential (API key, token, password, private key) is written in the notebook or its outputs.
import { callFactsOf } from '../../analysis/call-facts';
import { aliasesOf } from '../../analysis/import-resolution';
import { stringValue, tokenRange, type Token } from '../../analysis/python-tokens';
import type { Cell } from '../../notebook/notebook';
import { endOfLineEdit, fix, prependToCell, pyString, tokenEdit } from '../../refactor/cell-text-edits';
import type { CellTextEdit, Finding, Fix } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule } from '../context';
import { defineRule } from '../rule';
import { firstLineRange } from '../cell-ranges';
import { envNameFor, findSecretFormat, isPlaceholder, mayHoldSecretString, SECRET_NAME } from './secret-patterns';

function secretMessage(kind: string, where: string): string {
  return `${where} holds what looks like ${/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a'} ${kind}: credentials committed with a notebook leak with it; read it from the environment`;
}

const findHardCodedSecrets: Rule = (ctx) => {
  const findings: Finding[] = [];
  const aliases = aliasesOf(ctx.model);
  const osImported = aliases.get('os') === 'os';
  const codeByIndex = new Map(ctx.model.codeCells.map((c) => [c.cell.index, c]));
  for (const cell of ctx.notebook.cells) {
    const code = codeByIndex.get(cell.index);
    const covered = new Set<number>();
    // Every string of a cell that may hold one (most cells are never tokenized for this): the name check and the
    // formats' own quick test (findSecretFormat) filter them.
    if (code && mayHoldSecretString(code.analysis.tokens.text)) {
      const facts = callFactsOf(code.analysis);
      for (const s of facts.strings) {
        if (s.token.prefix?.includes('f')) continue;
        const value = stringValue(s.token);
        const statement = facts.statements[s.statement]!;
        const format = findSecretFormat(value);
        const name =
          s.keyword ??
          (s.call === null && statement.targets.length === 1 && statement.tokens.length === 3
            ? statement.targets[0]!
            : null);
        const byName = !format && name !== null && SECRET_NAME.test(name) && !isPlaceholder(value, name);
        if (!format && !byName) continue;
        covered.add(s.token.line);
        const wholeValue = format
          ? value.trim().length <= (format.pattern.exec(value)?.[0].length ?? 0) + 2 || format.kind === 'private key'
          : true;
        const finding = makeFinding(ctx.notebook, {
          code: 'NH403',
          cellIndex: cell.index,
          range: tokenRange(s.token),
          message: secretMessage(format ? format.kind : `hard-coded ${name}`, 'this string'),
        });
        findings.push(
          withFixes(finding, [wholeValue ? secretFix(cell, s.token, envNameFor(name, format), osImported) : null]),
        );
      }
    }
    // Comments, shell escapes, markdown: the formats only (a `password:` in prose is not a credential).
    if (cell.kind !== 'raw' && findSecretFormat(cell.source)) {
      const lines = cell.source.split('\n');
      lines.forEach((line, lineNo) => {
        if (covered.has(lineNo)) return;
        const format = findSecretFormat(line);
        if (!format) return;
        const match = format.pattern.exec(line)!;
        findings.push(
          makeFinding(ctx.notebook, {
            code: 'NH403',
            cellIndex: cell.index,
            range: {
              start: { line: lineNo, character: match.index },
              end: { line: lineNo, character: match.index + match[0].length },
            },
            message: secretMessage(format.kind, cell.kind === 'markdown' ? 'this markdown cell' : 'this line'),
          }),
        );
      });
    }
    for (const output of cell.outputs) {
      const format = findSecretFormat(`${output.text ?? ''}\n${output.html ?? ''}\n${output.evalue ?? ''}`);
      if (!format) continue;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH403',
          cellIndex: cell.index,
          range: firstLineRange(cell),
          message: `${secretMessage(format.kind, `a saved output of ${cellLabel(cell.index)}`)}; clear the output and rotate the credential`,
        }),
      );
      break;
    }
  }
  return findings;
};

function secretFix(cell: Cell, token: Token, envName: string, osImported: boolean): Fix {
  const edits: CellTextEdit[] = [tokenEdit(cell.index, token, `os.environ[${pyString(envName)}]`)];
  const lineText = cell.source.split('\n')[token.endLine] ?? '';
  if (!lineText.trimEnd().endsWith('\\'))
    edits.push(
      endOfLineEdit(cell, token.endLine, `  # set ${envName} in the environment (or a git-ignored .env file)`),
    );
  if (!osImported) edits.push(prependToCell(cell, 'import os'));
  return fix(`Read it from the environment: os.environ[${pyString(envName)}]`, edits);
}

export const hardCodedSecret = defineRule({
  code: 'NH403',
  name: 'hard-coded-secret',
  family: 'reproducibility',
  defaultSeverity: 'error',
  summary: 'A credential (API key, token, password, private key) is written in the notebook or its outputs.',
  docs: `API keys and tokens by their well-known formats (AWS, GitHub, OpenAI, Google, Slack, Hugging
Face, private key blocks, JWTs) anywhere in a cell, a comment, a markdown cell or a saved output, and non-placeholder
string literals given to \`password=\`, \`token=\`, \`api_key=\` (or assigned alone to such a name:
\`db_password = "…"\`). The message names the kind of credential, never the value. Placeholders (\`"<your-key>"\`,
\`"YOUR_TOKEN_HERE"\`), the names of environment variables (\`"OPENAI_API_KEY"\`) and hex digests held by a name that
says so (\`expected_sha256 = "…"\`) are not flagged; neither are raw cells.

\`\`\`python
client = OpenAI(api_key="sk-proj-…")   # NH403
\`\`\`
*Fix:* \`os.environ["OPENAI_API_KEY"]\` (with \`import os\` when missing) and a note to set it in the environment or a
git-ignored \`.env\` file; offered when the string is the credential alone (not a URL or a text that contains one).
A credential in a saved output has no automatic fix: clear the output. Rotate a credential that was ever committed.`,
  run: findHardCodedSecrets,
});
