"""Times notebook runners on trivial notebooks; prints medians (see Benchmarks/runner/run)."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

KERNELSPECS = {
    "python3": ("Python 3", "python", "x = 1"),
    "propel": ("Propel", "propel", "let x = 1"),
}


def notebook(folder, kernel, cells):
    display, language, source = KERNELSPECS[kernel]
    nb = new_notebook(metadata={"kernelspec": {"name": kernel, "display_name": display, "language": language}})
    nb.cells = [new_code_cell(source) for _ in range(cells)]
    path = folder / f"{kernel}-{cells}.ipynb"
    nbformat.write(nb, str(path))
    return path


def median_seconds(command, runs, env):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{proc.stderr}")
    return statistics.median(times)


def propel_kernel_installed(propel, env, folder):
    """Installs Propel's kernelspec into a private JUPYTER_PATH entry, if this propel can."""
    target = folder / "jupyter"
    proc = subprocess.run([propel, "install", "--prefix", str(target)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        return False
    env["JUPYTER_PATH"] = str(target / "share" / "jupyter")
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--propel", required=True)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    venv_bin = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{venv_bin}:{os.environ['PATH']}", VIRTUAL_ENV=str(venv_bin.parent))
    folder = Path(tempfile.mkdtemp(prefix="runner-bench-"))
    try:
        has_propel = propel_kernel_installed(args.propel, env, folder)
        print(f"runner overhead, median of {runs} run(s); trivial cells; same machine, same run")
        print(f"{'notebook':<10} {'runner':<34} {'seconds':>8}")
        for cells in (7, 50):
            rows = []
            if has_propel:
                nb = notebook(folder, "propel", cells)
                rows.append(("propel run (Propel kernel)", [args.propel, "run", nb, "-o", folder / "out", "--quiet"]))
            nb = notebook(folder, "python3", cells)
            rows.append(("propel run (ipykernel)", [args.propel, "run", nb, "-o", folder / "out", "--quiet"]))
            rows.append(("papermill (ipykernel)", [venv_bin / "papermill", nb, folder / "pm.ipynb", "--no-progress-bar", "--log-level", "ERROR"]))
            rows.append(("jupyter execute (ipykernel)", [venv_bin / "jupyter-execute", nb, "--output", folder / "je.ipynb"]))
            for name, command in rows:
                print(f"{cells:>2} cells   {name:<34} {median_seconds(command, runs, env):>8.3f}", flush=True)
        if not has_propel:
            print("(Propel kernel not installable by this propel yet: `propel install --prefix` failed; ipykernel rows only)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
