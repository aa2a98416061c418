"""pyflakes on notebooks, for `npm run bench`'s yardstick: what a plain Python linter costs on the same .ipynb files.

Each notebook's code cells are read from its JSON, IPython escape lines (`%magic`, `!shell`, `%%cell` bodies) are
blanked as nbqa does, and the cells are checked as one module by pyflakes (Debian's python3-pyflakes). Prints the
number of notebooks and messages; the bench times the whole process.
"""

import json
import os
import sys

from pyflakes.api import check
from pyflakes.reporter import Reporter


class Count:
    def __init__(self):
        self.lines = 0

    def write(self, text):
        self.lines += text.count("\n")

    def flush(self):
        pass


def python_of(cell_source):
    lines = cell_source.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        return ""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)


def notebook_python(path):
    with open(path, encoding="utf-8") as file:
        notebook = json.load(file)
    cells = notebook.get("cells")
    if cells is None:  # nbformat 3
        cells = [cell for sheet in notebook.get("worksheets", []) for cell in sheet.get("cells", [])]
    sources = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        sources.append(python_of("".join(source) if isinstance(source, list) else source))
    return "\n\n".join(sources) + "\n"


def main(root):
    out = Count()
    reporter = Reporter(out, out)
    notebooks = 0
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".ipynb"):
                continue
            path = os.path.join(folder, name)
            notebooks += 1
            try:
                check(notebook_python(path), path, reporter)
            except (ValueError, UnicodeDecodeError) as error:
                reporter.unexpectedError(path, str(error))
    print(f"{notebooks} notebooks, {out.lines} pyflakes lines")


if __name__ == "__main__":
    main(sys.argv[1])
