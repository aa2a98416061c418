// NH301 untested-definition: A function or class defined in the notebook is referenced by no test.
import { isReferencedByTests } from '../../tests-context';
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';
import { notebookTests, TEST_NAME } from './notebook-tests';

export const untestedDefinition = defineRule({
  code: 'NH301',
  name: 'untested-definition',
  family: 'tests',
  defaultSeverity: 'info',
  summary: 'A function or class defined in the notebook is referenced by no test.',
  docs: `A function or class defined at a cell's top level that no test references. A test
references a name when it imports it (\`from nb_lib import clean\`, or \`import nb_lib\` then \`nb_lib.clean\`), or when
it opens this notebook with testbook and fetches the name (\`@testbook("nb.ipynb")\` + \`tb.ref("clean")\`); a notebook
that runs pytest on itself with ipytest tests in place what its \`test*\` functions and \`%%ipytest\` cells read, and
those tests and fixtures are not reported either. A test that
only a skipped stub (\`@pytest.mark.skip\`) references does not count: it runs nothing. Names
starting with \`_\` are private helpers, tested through the public ones, and are not reported. Not reported when the
project has no tests at all (NH304 says that once, when the project has Python code of its own).
\`\`\`python
def clean(text):          # NH301 when no test imports \`clean\`
    return text.strip()
\`\`\`
*Fix:* extract the cell to a module and fill in the generated test, or test it with testbook.`,
  run: ({ notebook, model, project }) => {
    const tests = project?.tests;
    if (!tests || tests.files.length === 0) return []; // no tests at all: NH304 says it once
    const findings: Finding[] = [];
    const own = notebookTests(model);
    // The notebook's own pytest tests (ipytest), their fixtures, and what they read are tested in place.
    const testedInPlace = (cellIndex: number, name: string) =>
      own !== null && (own.cells.has(cellIndex) || TEST_NAME.test(name) || own.reads.has(name));
    for (const { cell, analysis } of model.codeCells) {
      for (const definition of analysis.facts.definitions) {
        if (definition.name.startsWith('_') || isReferencedByTests(tests, definition.name, notebook.path)) continue;
        if (testedInPlace(cell.index, definition.name)) continue;
        findings.push(
          makeFinding(notebook, {
            code: 'NH301',
            cellIndex: cell.index,
            range: definition.range,
            message: `${definition.kind} '${definition.name}' is not referenced by any test: extract it to a module and test it there (or reach it with testbook)`,
          }),
        );
      }
    }
    return findings;
  },
});
