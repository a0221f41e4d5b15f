"""Helpers shared by the `propel run` tests (this module holds no tests itself).

The tests drive the debug `propel` binary (env PROPEL_BIN, set by scripts/test) against real
kernels: ipykernel from this venv (`-k python3`), and Propel's own kernel once installed.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
PROPEL = os.environ.get("PROPEL_BIN") or str(ROOT / ".build" / "debug" / "propel")

STRICT_CHECK = (
    'import sys,json,nbformat; [nbformat.validate(json.load(open(p, encoding="utf-8")), '
    "version=4, version_minor=5) for p in sys.argv[1:]]"
)


def runner_env(tmp_path):
    """Environment in which `python3` and its kernelspec are this venv's, and kernel connection
    files go to a folder the test can inspect."""
    env = dict(os.environ)
    env["PATH"] = f"{sys.prefix}/bin:" + env.get("PATH", "")
    env["VIRTUAL_ENV"] = sys.prefix
    runtime = tmp_path / "runtime"
    runtime.mkdir(exist_ok=True)
    env["JUPYTER_RUNTIME_DIR"] = str(runtime)
    return env


def write_notebook(path, cells, kernel="python3", language="python"):
    """Writes a notebook whose cells are given as source strings, or (source, [tags]) pairs, or
    ("md", text) for markdown."""
    nb = new_notebook(metadata={"kernelspec": {"name": kernel, "display_name": kernel, "language": language}})
    for cell in cells:
        if isinstance(cell, tuple) and cell[0] == "md":
            nb.cells.append(new_markdown_cell(cell[1]))
        elif isinstance(cell, tuple):
            code = new_code_cell(cell[0])
            code.metadata["tags"] = list(cell[1])
            nb.cells.append(code)
        else:
            nb.cells.append(new_code_cell(cell))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def run(args, tmp_path, timeout=120, **kwargs):
    """Runs `propel run ARGS`; returns (CompletedProcess, seconds)."""
    start = time.monotonic()
    proc = subprocess.run([PROPEL, "run", *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=kwargs.pop("env", None) or runner_env(tmp_path), **kwargs)
    return proc, time.monotonic() - start


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def assert_strictly_valid(*paths):
    """runner.md §B.1's strict check: 4.5 schema, no silent id repair."""
    proc = subprocess.run([sys.executable, "-W", "error::FutureWarning", "-c", STRICT_CHECK, *map(str, paths)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def counts(nb):
    return [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def leftover_connection_files(tmp_path):
    return sorted(p.name for p in (tmp_path / "runtime").glob("kernel-*.json"))
