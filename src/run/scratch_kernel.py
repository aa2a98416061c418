"""nbhygiene's scratch kernel: runs a notebook's code cells top to bottom in this fresh process.

Shipped with the extension and the CLI (src/run/run-notebook.ts starts it). Standard library only, plus IPython when
the interpreter has it (then magics, `!cmd` and rich display work as in Jupyter); without IPython, plain `exec` runs
the cells and skips their magic and shell lines.

Usage:  python scratch_kernel.py [NOTEBOOK.ipynb] [--timeout-cell S] [--stop-on-error] [--no-ipython]
        (the notebook's JSON on stdin when no path is given)

It runs in its working directory, which the caller makes a temporary copy of the notebook's folder: this program never
copies or deletes anything itself. It writes one JSON object per line to its standard output, and nothing else:
  {"event": "start", "index": N}                 before cell N (the notebook's cell index, markdown counted)
  {"event": "cell", "index": N, "status": ...}   after it: status ok / error / timeout / skipped, stdout, stderr,
                                                 outputs (displayed values), error {ename, evalue, traceback}
  {"event": "done", "mode": "ipython"|"exec"}    at the end
Everything the cells print, at the Python level or from a subprocess, goes to a per-cell capture file instead, so the
protocol stream stays clean and a caller that has to kill the process still has every finished cell.
"""

import ast
import io
import json
import os
import re
import signal
import sys
import tempfile
import time
import traceback

# Output MIME types reported as "an image is there" (compared by presence: pixels differ between library versions).
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
# Kept per cell and per value so a cell printing a whole data set cannot flood the caller.
TEXT_KEEP = 100_000


# Windows has no SIGALRM: there the caller's watchdog (run-notebook.ts) is the only per-cell limit, and it kills the run.
HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


class CellTimeout(BaseException):
    """Raised in the cell by the per-cell timer. A BaseException, so the cell's own `except Exception` cannot swallow it."""


def main(argv):
    path, timeout_cell, stop_on_error, want_ipython = parse_args(argv)
    protocol = open_protocol_stream()
    notebook = read_notebook(path)
    cells = code_cells(notebook)
    capture = Capture()
    runner = make_runner(capture, want_ipython)
    if HAS_TIMER:
        signal.signal(signal.SIGALRM, on_alarm)
    failed = False
    for index, source in cells:
        if failed and stop_on_error:
            emit(protocol, {"event": "cell", "index": index, "status": "skipped", "reason": "an earlier cell failed"})
            continue
        emit(protocol, {"event": "start", "index": index})
        result = run_one(runner, capture, source, timeout_cell)
        result.update({"event": "cell", "index": index})
        emit(protocol, result)
        failed = failed or result["status"] in ("error", "timeout")
    emit(protocol, {"event": "done", "mode": runner.mode})
    capture.close()
    return 0


def parse_args(argv):
    path = None
    timeout_cell = 0.0
    stop_on_error = False
    want_ipython = True
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--timeout-cell":
            timeout_cell = float(args.pop(0))
        elif arg == "--stop-on-error":
            stop_on_error = True
        elif arg == "--no-ipython":
            want_ipython = False
        else:
            path = arg
    return path, timeout_cell, stop_on_error, want_ipython


def open_protocol_stream():
    """A private copy of the real stdout for the JSON lines; fd 1 itself is pointed at the per-cell capture files."""
    return os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)


def emit(stream, record):
    stream.write(json.dumps(record, ensure_ascii=True) + "\n")
    stream.flush()


def read_notebook(path):
    if path is None:
        text = sys.stdin.read()
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    # A cell that calls input() gets end-of-file at once instead of waiting forever.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = io.StringIO("")
    return json.loads(text)


def code_cells(notebook):
    """(index among all cells, source) for every code cell; nbformat 4 (the caller upgrades or refuses older ones)."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            found.append((index, "".join(source) if isinstance(source, list) else str(source)))
    return found


def on_alarm(signum, frame):
    raise CellTimeout()


class Capture:
    """Points fd 1 and 2 (and sys.stdout/stderr) at temporary files for one cell, so `!cmd` output is caught too."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="nbhygiene-capture-")
        self.paths = (os.path.join(self.folder, "stdout"), os.path.join(self.folder, "stderr"))
        self.values = []
        self.error = None

    def begin(self):
        self.values = []
        self.error = None
        for fd, path in zip((1, 2), self.paths):
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(handle, fd)
            os.close(handle)
        # Line-buffered: what print() writes and what a subprocess writes land in the file in the order they happen.
        sys.stdout = open(os.dup(1), "w", encoding="utf-8", errors="backslashreplace", buffering=1)
        sys.stderr = open(os.dup(2), "w", encoding="utf-8", errors="backslashreplace", buffering=1)

    def end(self):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
                stream.close()
            except Exception:
                pass
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        texts = []
        for path in self.paths:
            with open(path, "rb") as handle:
                texts.append(handle.read(TEXT_KEEP * 4).decode("utf-8", "replace")[:TEXT_KEEP])
        return texts

    def add_value(self, kind, data):
        value = {"kind": kind, "mimeTypes": sorted(str(key) for key in data)}
        for mime, key in (("text/plain", "text"), ("text/html", "html")):
            text = data.get(mime)
            if isinstance(text, list):
                text = "".join(text)
            if isinstance(text, str):
                value[key] = text[:TEXT_KEEP]
        value["image"] = any(mime in data for mime in IMAGE_TYPES)
        self.values.append(value)

    def close(self):
        for path in self.paths:
            try:
                os.remove(path)
            except OSError:
                pass
        try:
            os.rmdir(self.folder)
        except OSError:
            pass


def run_one(runner, capture, source, timeout_cell):
    capture.begin()
    started = time.monotonic()
    if timeout_cell > 0 and HAS_TIMER:
        signal.setitimer(signal.ITIMER_REAL, timeout_cell)
    try:
        outcome = runner.run(source)
    except CellTimeout:
        # Raised outside the cell's own code (in the runner's bookkeeping): still this cell's timeout.
        outcome = CellTimeout()
    finally:
        if HAS_TIMER:
            signal.setitimer(signal.ITIMER_REAL, 0)
    stdout, stderr = capture.end()
    result = {
        "stdout": stdout,
        "stderr": stderr,
        "outputs": capture.values,
        "seconds": round(time.monotonic() - started, 3),
    }
    if isinstance(outcome, CellTimeout):
        result["status"] = "timeout"
        result["error"] = {"ename": "TimeoutError", "evalue": "cell did not finish in %gs" % timeout_cell, "traceback": []}
    elif capture.error is not None:
        result["status"] = "error"
        result["error"] = capture.error
    else:
        result["status"] = "ok"
    return result


def make_runner(capture, want_ipython):
    if want_ipython:
        try:
            return IPythonRunner(capture)
        except ImportError:
            pass
    return ExecRunner(capture)


class IPythonRunner:
    """IPython's InteractiveShell, as a notebook kernel runs cells: magics, `!cmd`, display(), Out[], `_`."""

    mode = "ipython"

    def __init__(self, capture):
        # A private IPython folder: the user's profile, startup files and history are neither read nor written.
        os.environ["IPYTHONDIR"] = tempfile.mkdtemp(prefix="nbhygiene-ipython-")
        os.environ.setdefault("MPLBACKEND", inline_backend())
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False
        config.InteractiveShell.colors = "NoColor"
        config.InteractiveShell.xmode = "Plain"
        config.InteractiveShell.autocall = 0
        shell = InteractiveShell.instance(config=config)

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
                capture.add_value("display_data", data)

            def clear_output(self, wait=False):
                capture.values = []

        class Hook(DisplayHook):
            # The prompt and the newline a terminal would print are not output.
            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                capture.add_value("execute_result", format_dict)

            def finish_displayhook(self):
                pass

        shell.display_pub = Publisher(shell=shell)
        hook = Hook(shell=shell, cache_size=shell.cache_size)
        shell.displayhook = hook
        shell.display_trap.hook = hook

        def show_traceback(etype, evalue, stb):
            capture.error = {
                "ename": etype.__name__ if isinstance(etype, type) else str(etype),
                "evalue": str(evalue),
                "traceback": [line for line in stb if isinstance(line, str)],
            }

        shell._showtraceback = show_traceback
        # `%matplotlib inline` (any `%matplotlib`) asks the shell to start a GUI event loop; a scratch kernel has none to
        # start, as ipykernel has none for inline (the base class raises NotImplementedError).
        shell.enable_gui = lambda gui=None: None
        # `!cmd` as ipykernel runs it: the command writes to fd 1 itself (the capture file), not through a pty (\r\n).
        shell.system = shell.system_raw
        # Jupyter's kernel puts the working directory first on the path, so the notebook's own modules import.
        if "" not in sys.path:
            sys.path.insert(0, "")
        self.shell = shell
        self.capture = capture

    def run(self, source):
        result = self.shell.run_cell(source, store_history=True)
        failure = result.error_in_exec or result.error_before_exec
        if isinstance(failure, CellTimeout):
            return failure
        if failure is not None and self.capture.error is None:
            # IPython prints some failures itself instead of a traceback (a UsageError: an unknown %%magic).
            self.capture.error = {"ename": type(failure).__name__, "evalue": str(failure), "traceback": []}
        return result


def inline_backend():
    """matplotlib's inline backend when installed: a figure becomes a display_data image, as in Jupyter."""
    try:
        import importlib.util

        if importlib.util.find_spec("matplotlib_inline") is not None:
            return "module://matplotlib_inline.backend_inline"
    except (ImportError, ValueError):
        pass
    return "agg"


class ExecRunner:
    """Plain Python when IPython is missing: magic (`%x`, `%%x`) and shell (`!x`) lines are skipped, not run."""

    mode = "exec"

    def __init__(self, capture):
        os.environ.setdefault("MPLBACKEND", "agg")
        self.capture = capture
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        self.namespace["display"] = self.display
        if "" not in sys.path:
            sys.path.insert(0, "")

    def display(self, *values, **kwargs):
        for value in values:
            self.capture.add_value("display_data", {"text/plain": repr(value)})

    def run(self, source):
        if source.lstrip().startswith("%%"):
            return None
        text = "\n".join("" if re.match(r"\s*[%!]", line) else line for line in source.split("\n"))
        try:
            tree = ast.parse(text, "<cell>")
            last = None
            quiet = text.rstrip().endswith(";")
            if tree.body and isinstance(tree.body[-1], ast.Expr) and not quiet:
                last = ast.Expression(tree.body.pop().value)
            exec(compile(tree, "<cell>", "exec"), self.namespace)
            if last is not None:
                value = eval(compile(last, "<cell>", "eval"), self.namespace)
                if value is not None:
                    self.capture.add_value("execute_result", {"text/plain": repr(value)})
                    self.namespace["_"] = value
        except CellTimeout as timeout:
            return timeout
        except BaseException as error:  # a cell's SystemExit or KeyboardInterrupt is that cell's failure, not ours
            self.capture.error = {
                "ename": type(error).__name__,
                "evalue": str(error),
                "traceback": traceback.format_exception(type(error), error, cell_frames(error.__traceback__)),
            }
        return None


def cell_frames(trace):
    """The traceback from the cell's own code on: this program's frames are not the user's concern."""
    while trace is not None and trace.tb_frame.f_code.co_filename == __file__:
        trace = trace.tb_next
    return trace


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
