// NH403 hard-coded-secret: A credential (API key, token, password, private key) is written in the notebook or its outputs.
import { hardCodedSecret as check } from './checks';
import { defineRule } from '../rule';

export const hardCodedSecret = defineRule({
  code: 'NH403',
  name: 'hard-coded-secret',
  family: 'reproducibility',
  defaultSeverity: 'error',
  summary: 'A credential (API key, token, password, private key) is written in the notebook or its outputs.',
  docs: `API keys and tokens by their well-known formats (AWS, GitHub, OpenAI, Google, Slack, Hugging
Face, private key blocks, JWTs) anywhere in a cell, a comment, a markdown cell or a saved output, and non-placeholder
string literals given to \`password=\`, \`token=\`, \`api_key=\` (or assigned to such names). The message names the kind
of credential, never the value. Placeholders (\`"<your-key>"\`, \`"YOUR_TOKEN_HERE"\`) and hex digests held by a name
that says so (\`expected_sha256 = "…"\`) are not flagged.

\`\`\`python
client = OpenAI(api_key="sk-proj-…")   # NH403
\`\`\`
*Fix:* \`os.environ["OPENAI_API_KEY"]\` (with \`import os\` when missing) and a note to set it in the environment or a
git-ignored \`.env\` file. Rotate a credential that was ever committed.`,
  run: check,
});
