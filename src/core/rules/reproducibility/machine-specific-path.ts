// NH402 machine-specific-path: An absolute or home path is read or written: it exists only on the author's machine.
import { machineSpecificPath as check } from './checks';
import { defineRule } from '../rule';

export const machineSpecificPath = defineRule({
  code: 'NH402',
  name: 'machine-specific-path',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: 'An absolute or home path is read or written: it exists only on the author\'s machine.',
  docs: `A string literal that is an absolute or home path (\`/home/…\`, \`/Users/…\`, \`C:\\…\`, \`~/…\`,
\`/content/…\`, \`/kaggle/…\`) passed to a read, a write or a path builder, or assigned to a name like \`DATA_PATH\`.
Paths in comments and markdown are not code and are not flagged; URLs and \`/dev/null\` are not either.

\`\`\`python
df = pd.read_csv("/home/ann/proj/data/train.csv")   # NH402
\`\`\`
*Fix:* lift the paths into one parameter, \`DATA_DIR = Path("data")\` (relative to the notebook), and rewrite each
literal as \`str(DATA_DIR / "train.csv")\`.`,
  run: check,
});
