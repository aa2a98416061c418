// NH304 no-tests: The notebook defines functions in a project of Python code that has no tests.
import type { ProjectContext } from '../../deps/project';
import { ZERO_RANGE } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';
import { notebookTests } from './notebook-tests';

export const noTests = defineRule({
  code: 'NH304',
  name: 'no-tests',
  family: 'tests',
  defaultSeverity: 'warning',
  summary: 'The notebook defines functions in a project of Python code that has no tests.',
  docs: `The notebook defines functions, the project has Python code of its own (a module or package beside the
notebook, in a folder above it up to the project root or in \`src/\`, or a \`pyproject.toml\` naming a \`[project]\`) and no
\`tests/\` folder and no \`test_*.py\` / \`*_test.py\` file. Reported once, on the notebook.

Reported too when every test the project has is a skipped stub (\`@pytest.mark.skip\`, what \`nbhygiene extract\`
generates where the notebook shows nothing to assert): a stub runs nothing. Not reported when the tests folder exists, even empty (it is \`tests/\` unless \`tests\` in \`[tool.nbhygiene]\` names
another), when the notebook runs its own tests with ipytest (\`%%ipytest\` cells, \`ipytest.run()\`), when the notebook
defines only classes, or when the project is notebooks only (a tutorial, a course, a
book's chapters): there the functions illustrate the text, and 15 of 15 such findings labelled on real notebooks
were not worth acting on. Code the project already keeps in modules is what tests are expected beside.
\`\`\`
project/
  analysis.ipynb      # def clean(text): ...   <- NH304
  features.py         # the project's own code
  requirements.txt    # and no tests/, no test_*.py
\`\`\`
*Fix:* extract the functions to a module: \`nbhygiene extract\` creates \`tests/test_<module>.py\` with a test per
function (characterization tests from the saved outputs where possible, skipped stubs with a TODO otherwise).`,
  run: ({ notebook, model, project }) => {
    const tests = project?.tests;
    if (!project || !tests || !hasPythonCode(project)) return [];
    // A skipped stub is not a test: a project whose only tests are stubs still has none that run.
    const onlyStubs = tests.files.length > 0 && tests.files.every((file) => file.stubsOnly);
    if (!onlyStubs && (tests.folder !== null || tests.files.length > 0)) return [];
    // A notebook that runs pytest on itself (ipytest) has tests: they live in it.
    if (notebookTests(model)) return [];
    const defines = model.codeCells.some(({ analysis }) =>
      analysis.facts.definitions.some((definition) => definition.kind === 'function'),
    );
    if (!defines) return [];
    return [
      makeFinding(notebook, {
        code: 'NH304',
        cellIndex: null,
        range: ZERO_RANGE,
        message: onlyStubs
          ? "the notebook defines functions and the project's only tests are skipped stubs (@pytest.mark.skip): fill them in with reference inputs and expected values"
          : 'the notebook defines functions and the project has Python code but no tests (no tests/ folder, no test_*.py): extract them to a module and add tests',
      }),
    ];
  },
});

/**
 * The project keeps Python code of its own, not notebooks only: its local modules are the .py files and packages
 * beside the notebook, above it and in src/, and the names pyproject.toml's [project] tables give (a pyproject.toml
 * that only configures tools, or a setup.cfg of flake8 settings, says nothing).
 */
function hasPythonCode(project: ProjectContext): boolean {
  return project.localModules.length > 0;
}
