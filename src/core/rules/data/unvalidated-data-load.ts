// NH501 unvalidated-data-load: Data read from a file, URL or database is used without any check of its columns, dtypes or values.
import { unvalidatedDataLoad as check } from './checks';
import { defineRule } from '../rule';

export const unvalidatedDataLoad = defineRule({
  code: 'NH501',
  name: 'unvalidated-data-load',
  family: 'data',
  defaultSeverity: 'warning',
  summary: 'Data read from a file, URL or database is used without any check of its columns, dtypes or values.',
  docs: `A frame read from a file, URL or database (\`pd.read_*\`, \`pl.read_*\`, \`np.load*\`,
\`spark.read\`, \`json.load\`/\`csv.reader\`, or a notebook function that does one of these) is used before anything
checks it: no \`assert\` on it, no \`pandera\`/\`great_expectations\`/\`pydantic\` validation, no call of a notebook
function that asserts on its argument. Looking at it (\`df.head()\`, \`df.info()\`, \`print(df.shape)\`) is not using it.

\`\`\`python
df = pd.read_csv("sales.csv")   # NH501
df["margin"] = df.price - df.cost
\`\`\`
*Fix:* a validation block right after the load. When the saved outputs show the frame (\`df.head()\` as HTML or
text, \`df.dtypes\`, \`df.info()\`, \`df.describe()\`), the block is generated from them: the columns (an exact list when
an output shows all of them), dtypes (exact from \`dtypes\`/\`info()\`, the kind from \`head()\`), not-null where \`info()\`
or \`describe()\` counts every row, and value ranges from \`describe()\` (widened for the rounding of the printed
numbers). It is \`pandera\` code when the project declares pandera, plain pandas asserts otherwise. A column no
output shows is never checked; without outputs the block is a template.`,
  run: check,
});
