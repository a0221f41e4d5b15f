"""`propel run` end to end with ipykernel (`-k python3`): success, errors, tags, timeouts,
kernel death, working directory, stdin; every written notebook passes the strict nbformat check."""
import re
import time

from test_runner_helpers import (assert_strictly_valid, counts, leftover_connection_files, load, pid_alive, run,
                                 write_notebook)


def test_success_writes_a_valid_executed_notebook(tmp_path):
    nb = write_notebook(tmp_path / "ok.ipynb", [("md", "# Title"), "x = 20", "print(x + 1)", "x * 2", ""])
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = load(tmp_path / "out" / "ok.ipynb")
    assert counts(out) == [1, 2, 3, None]
    assert out["cells"][2]["outputs"] == [{"name": "stdout", "output_type": "stream", "text": ["21\n"]}]
    assert out["cells"][3]["outputs"][0]["data"]["text/plain"] == ["40"]
    assert set(out["cells"][1]["metadata"]["execution"]) >= {"iopub.execute_input", "shell.execute_reply", "iopub.status.idle"}
    assert out["metadata"]["language_info"]["name"] == "python"
    assert re.search(r"^OK .*ok\.ipynb: 3 cells \(\d+\.\d\d s\) → .*out/ok\.ipynb$", proc.stderr, re.M), proc.stderr
    assert_strictly_valid(tmp_path / "out" / "ok.ipynb")
    assert leftover_connection_files(tmp_path) == []


def test_error_cell_writes_partial_notebook_and_one_clear_report(tmp_path):
    nb = write_notebook(tmp_path / "err.ipynb", ["a = 1", "print('out')\n1/0", "print('never')"])
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path)
    assert proc.returncode == 1
    out = load(tmp_path / "out" / "err.ipynb")
    assert counts(out) == [1, 2, None]
    failing = out["cells"][1]
    assert [o["output_type"] for o in failing["outputs"]] == ["stream", "error"]
    assert out["cells"][2]["outputs"] == []
    assert out["metadata"]["papermill"]["exception"] is True
    err = proc.stderr
    cell_id = failing["id"]
    assert f"error: {nb}, cell 2 (id {cell_id}, In [2]): ZeroDivisionError: division by zero" in err
    assert "1 | print('out')\n2 | 1/0\n" in err
    assert "----- stdout -----\nout\n" in err
    assert "\x1b" not in err, "no ANSI codes when stderr is not a terminal"
    assert f"FAILED {nb} cell 2 (id {cell_id}, In [2]): ZeroDivisionError: division by zero" in err
    assert err.count("Traceback") <= 1
    assert_strictly_valid(tmp_path / "out" / "err.ipynb")


def test_allow_errors_runs_every_cell_and_succeeds(tmp_path):
    nb = write_notebook(tmp_path / "allow.ipynb", ["1/0", "print('after')"])
    proc, _ = run([nb, "-o", tmp_path / "out", "--allow-errors"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = load(tmp_path / "out" / "allow.ipynb")
    assert counts(out) == [1, 2]
    assert out["cells"][1]["outputs"][0]["text"] == ["after\n"]
    assert "1 allowed error" in proc.stderr
    assert_strictly_valid(tmp_path / "out" / "allow.ipynb")


def test_raises_exception_and_skip_execution_tags(tmp_path):
    nb = write_notebook(tmp_path / "tags.ipynb", [
        ("raise SystemError('skipped')", ["skip-execution"]),
        ("raise ValueError('expected')", ["raises-exception"]),
        "print('still runs')",
    ])
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = load(tmp_path / "out" / "tags.ipynb")
    assert counts(out) == [None, 1, 2]
    assert out["cells"][1]["outputs"][0]["ename"] == "ValueError"
    assert_strictly_valid(tmp_path / "out" / "tags.ipynb")


def test_cell_timeout_interrupts_the_kernel(tmp_path):
    nb = write_notebook(tmp_path / "slow.ipynb", ["import os, time\nprint(os.getpid(), flush=True)\ntime.sleep(60)", "print('never')"])
    proc, seconds = run([nb, "-o", tmp_path / "out", "--timeout", "1"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert seconds < 15
    out = load(tmp_path / "out" / "slow.ipynb")
    enames = [o.get("ename") for o in out["cells"][0]["outputs"] if o["output_type"] == "error"]
    assert enames == ["KeyboardInterrupt", "CellTimeoutError"], enames
    assert counts(out) == [1, None]
    assert "TIMEOUT" in proc.stderr and "cell ran past --timeout 1 s" in proc.stderr
    pid = int(out["cells"][0]["outputs"][0]["text"][0])
    assert not pid_alive(pid)
    assert leftover_connection_files(tmp_path) == []
    assert_strictly_valid(tmp_path / "out" / "slow.ipynb")


def test_total_timeout_covers_the_whole_notebook(tmp_path):
    nb = write_notebook(tmp_path / "total.ipynb", ["import time\ntime.sleep(0.8)", "time.sleep(0.8)", "time.sleep(0.8)"])
    proc, _ = run([nb, "-o", tmp_path / "out", "--total-timeout", "1.2"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "notebook ran past --total-timeout" in proc.stderr
    out = load(tmp_path / "out" / "total.ipynb")
    assert counts(out)[0] == 1 and counts(out)[2] is None
    assert_strictly_valid(tmp_path / "out" / "total.ipynb")


def test_kernel_death_is_noticed_at_once_and_reported(tmp_path):
    marker = tmp_path / "died-at"
    nb = write_notebook(tmp_path / "die.ipynb", [
        "import os\nprint(os.getpid(), flush=True)",
        f"import os, time\nopen({str(marker)!r}, 'w').write(repr(time.time()))\nos._exit(1)",
        "print('never')",
    ])
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path)
    finished = time.time()
    assert proc.returncode == 4, proc.stderr
    died = float(marker.read_text())
    # Includes writing the notebook and process exit; papermill takes over 1 s here (1 s poll).
    assert finished - died < 0.5, finished - died
    assert "KERNEL DIED" in proc.stderr and "exited with status 1" in proc.stderr
    out = load(tmp_path / "out" / "die.ipynb")
    assert out["cells"][1]["outputs"][-1]["ename"] == "DeadKernelError"
    assert counts(out)[2] is None
    assert not pid_alive(int(out["cells"][0]["outputs"][0]["text"][0]))
    assert leftover_connection_files(tmp_path) == []
    assert_strictly_valid(tmp_path / "out" / "die.ipynb")


def test_working_directory_is_the_notebooks_folder_unless_cwd(tmp_path):
    nb = write_notebook(tmp_path / "sub" / "cwd.ipynb", ["import os\nprint(os.getcwd())"])
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert load(tmp_path / "out" / "cwd.ipynb")["cells"][0]["outputs"][0]["text"] == [f"{tmp_path / 'sub'}\n"]
    other = tmp_path / "other"
    other.mkdir()
    proc, _ = run([nb, "-o", tmp_path / "out", "--cwd", other], tmp_path, cwd=tmp_path)
    assert load(tmp_path / "out" / "cwd.ipynb")["cells"][0]["outputs"][0]["text"] == [f"{other}\n"]


def test_input_raises_instead_of_hanging(tmp_path):
    nb = write_notebook(tmp_path / "stdin.ipynb", ["input('name? ')"])
    proc, seconds = run([nb, "-o", tmp_path / "out"], tmp_path, timeout=60)
    assert proc.returncode == 1
    assert "StdinNotImplementedError" in proc.stderr


def test_inplace_rewrites_the_input(tmp_path):
    nb = write_notebook(tmp_path / "in.ipynb", ["1 + 1"])
    proc, _ = run([nb, "--inplace"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert counts(load(nb)) == [1]
    assert_strictly_valid(nb)


def test_old_minor_version_input_is_upgraded(tmp_path):
    nb = tmp_path / "old.ipynb"
    nb.write_text('{"nbformat": 4, "nbformat_minor": 2, "metadata": {"kernelspec": {"name": "python3", "display_name": "P"}},'
                  ' "cells": [{"cell_type": "code", "metadata": {}, "execution_count": null, "source": ["1+1"], "outputs": []}]}')
    proc, _ = run([nb, "-o", tmp_path / "out"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert load(tmp_path / "out" / "old.ipynb")["nbformat_minor"] == 5
    assert_strictly_valid(tmp_path / "out" / "old.ipynb")
