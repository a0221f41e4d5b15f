"""`propel run` as a CLI: usage errors, missing kernels, parameters, several notebooks, -j,
reports, HTML pages, live output, and signals to the runner."""
import json
import re
import signal
import subprocess
import time

import pytest
from papermill.translators import PythonTranslator

from test_runner_helpers import (PROPEL, assert_strictly_valid, counts, leftover_connection_files, load, pid_alive,
                                 run, runner_env, write_notebook)


def test_help_documents_the_exit_codes(tmp_path):
    proc = subprocess.run([PROPEL, "run", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    for phrase in ["0 every notebook succeeded", "1 a cell raised an error", "2 usage error", "3 a cell or the whole notebook timed out",
                   "4 the kernel died", "5 the kernel was not found or failed to start"]:
        assert phrase in text, phrase


@pytest.mark.parametrize("args, message", [
    ([], "give at least one NOTEBOOK"),
    (["x.ipynb", "--report", "r.txt"], "--report must end in .md"),
    (["x.ipynb", "-p", "only-name"], "-p takes a NAME and a VALUE"),
    (["x.ipynb", "--timeout", "0"], "--timeout must be a positive"),
    (["x.ipynb", "-o", "d", "--inplace"], "either -o DIR or --inplace"),
    (["x.ipynb", "-y", "[1, 2]"], "expected a mapping"),
    (["x.ipynb", "--no-such-flag"], "Unknown option"),
])
def test_usage_errors_exit_2(tmp_path, args, message):
    proc, _ = run(args, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr


def test_unreadable_notebook_is_reported_with_its_location(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"nbformat": 4,\n "cells": [')
    proc, _ = run([bad, "-o", tmp_path / "out"], tmp_path)
    assert proc.returncode == 2
    assert f"{bad}: invalid JSON at line 2" in proc.stderr


def test_missing_kernel_exits_5(tmp_path):
    nb = write_notebook(tmp_path / "k.ipynb", ["1"])
    proc, _ = run([nb, "-o", tmp_path / "out", "-k", "no-such-kernel"], tmp_path)
    assert proc.returncode == 5
    assert "no kernel named 'no-such-kernel'" in proc.stderr


def test_parameters_keep_declared_types_and_match_papermills_rendering(tmp_path):
    nb = write_notebook(tmp_path / "params.ipynb", [
        ('name = "x"\nusers = 10\nalpha = 0.5\nflag = False\nlabel = "a"', ["parameters"]),
        "print(repr(name), repr(users), repr(alpha), repr(flag), repr(label), repr(extra))",
    ])
    params = tmp_path / "p.yaml"
    params.write_text("users: 7\nlabel: from-file\n")
    proc, _ = run([nb, "-o", tmp_path / "out", "-f", params, "-y", "extra: [1, 2]", "-p", "name", "007", "-p", "users", "5000",
                   "-p", "alpha", "1", "-p", "flag", "True", "-r", "label", "007"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = load(tmp_path / "out" / "params.ipynb")
    injected = out["cells"][1]
    assert injected["metadata"]["tags"] == ["injected-parameters"]
    expected = {"users": 5000, "label": "007", "extra": [1, 2], "name": "007", "alpha": 1.0, "flag": True}
    assert "".join(injected["source"]) == PythonTranslator.codify(expected)
    assert out["metadata"]["papermill"]["parameters"] == expected
    assert out["cells"][2]["outputs"][0]["text"] == ["'007' 5000 1.0 True '007' [1, 2]\n"]
    assert "Passed unknown parameter: extra" in proc.stderr
    assert_strictly_valid(tmp_path / "out" / "params.ipynb")

    # Running the output again replaces the injected cell rather than adding a second one.
    proc, _ = run([tmp_path / "out" / "params.ipynb", "-o", tmp_path / "again", "-p", "users", "1", "-y", "extra: 0"], tmp_path)
    again = load(tmp_path / "again" / "params.ipynb")
    assert sum("injected-parameters" in c["metadata"].get("tags", []) for c in again["cells"]) == 1


def test_parameter_values_may_start_with_a_dash(tmp_path):
    nb = write_notebook(tmp_path / "dash.ipynb", [("offset = 1\nflag = 'x'", ["parameters"]), "print(offset, flag)"])
    proc, _ = run([nb, "-o", tmp_path / "out", "-p", "offset", "-5", "-r", "flag", "-x"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert load(tmp_path / "out" / "dash.ipynb")["cells"][2]["outputs"][0]["text"] == ["-5 -x\n"]


def test_parameter_of_the_wrong_type_is_a_usage_error(tmp_path):
    nb = write_notebook(tmp_path / "typed.ipynb", [("users = 10", ["parameters"]), "users"])
    proc, _ = run([nb, "-o", tmp_path / "out", "-p", "users", "many"], tmp_path)
    assert proc.returncode == 2
    assert "parameter 'users': \"many\" is not a valid Int (the parameters cell declares `users = 10`)" in proc.stderr


def test_several_notebooks_in_parallel_with_reports_and_html(tmp_path):
    ok = write_notebook(tmp_path / "a" / "ok.ipynb", [
        ("md", "# Report *page*"),
        "import pandas as pd\npd.DataFrame({'users': [1, 2], 'rate': [0.1, 0.2]})",
        "from IPython.display import SVG, display\ndisplay(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>'))",
    ])
    bad = write_notebook(tmp_path / "b" / "bad.ipynb", ["raise RuntimeError('boom')"])
    ok2 = write_notebook(tmp_path / "c" / "ok2.ipynb", ["print(1)"])
    md, xml, html = tmp_path / "r.md", tmp_path / "r.xml", tmp_path / "html"
    proc, _ = run([ok, bad, ok2, "-o", tmp_path / "out", "-j", "2", "--report", md, "--html", html], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "FAILED: 2 of 3 notebooks succeeded" in proc.stderr
    assert "1 of 3 notebooks failed." in md.read_text()
    page = (html / "ok.html").read_text()
    assert "<table" in page and "<svg" in page and "<h1>Report <em>page</em></h1>" in page
    assert "<script" not in page and not re.search(r'(src|href)="https?://', page), "no external assets"
    assert "RuntimeError" in (html / "bad.html").read_text()
    assert_strictly_valid(*(tmp_path / "out").glob("*.ipynb"))

    proc, _ = run([ok2, "-o", tmp_path / "out2", "--report", xml], tmp_path)
    assert proc.returncode == 0
    assert 'tests="1" failures="0" errors="0"' in xml.read_text()


def test_log_output_streams_cell_output_with_carriage_returns_resolved(tmp_path):
    nb = write_notebook(tmp_path / "log.ipynb", ["print('step 1\\rstep 2\\rstep 3')\nprint('done')", "import sys\nprint('warn', file=sys.stderr)"])
    proc, _ = run([nb, "-o", tmp_path / "out", "--log-output"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "step 3\ndone\n" in proc.stdout
    assert "step 1" not in proc.stdout
    assert "warn\n" in proc.stderr
    assert re.search(r"log\.ipynb: cell 1 \[1/2\] ok", proc.stderr)


def test_quiet_prints_nothing_on_success(tmp_path):
    nb = write_notebook(tmp_path / "q.ipynb", ["1"])
    proc, _ = run([nb, "-o", tmp_path / "out", "--quiet"], tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == ""


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_to_the_runner_writes_the_partial_notebook_and_leaves_no_kernel(tmp_path, sig, code):
    nb = write_notebook(tmp_path / "long.ipynb", ["import os, time\nprint(os.getpid(), flush=True)\ntime.sleep(60)", "print('never')"])
    proc = subprocess.Popen([PROPEL, "run", str(nb), "-o", str(tmp_path / "out"), "--log-output"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=runner_env(tmp_path))
    kernel_pid = int(proc.stdout.readline())
    proc.send_signal(sig)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == code, proc.stderr.read()
    assert "CANCELLED" in proc.stderr.read()
    out = load(tmp_path / "out" / "long.ipynb")
    assert out["cells"][0]["outputs"][0]["text"] == [f"{kernel_pid}\n"]
    assert counts(out)[1] is None
    deadline = time.monotonic() + 2
    while pid_alive(kernel_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not pid_alive(kernel_pid)
    assert leftover_connection_files(tmp_path) == []
    assert_strictly_valid(tmp_path / "out" / "long.ipynb")


def fake_kernelspec(tmp_path, name, argv):
    """A kernelspec in a private JUPYTER_PATH entry; returns the environment that finds it."""
    folder = tmp_path / "jupyter" / "kernels" / name
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}))
    env = runner_env(tmp_path)
    env["JUPYTER_PATH"] = str(tmp_path / "jupyter")
    return env


def test_kernel_that_exits_at_startup_exits_5_quoting_its_output(tmp_path):
    env = fake_kernelspec(tmp_path, "broken", ["python3", "-c", "import sys; print('missing module foo', file=sys.stderr); sys.exit(3)"])
    nb = write_notebook(tmp_path / "b.ipynb", ["1"], kernel="broken")
    proc, seconds = run([nb, "-o", tmp_path / "out"], tmp_path, env=env)
    assert proc.returncode == 5, proc.stderr
    assert "kernel 'broken' did not start" in proc.stderr and "missing module foo" in proc.stderr
    assert seconds < 10
    assert_strictly_valid(tmp_path / "out" / "b.ipynb")


def test_kernel_that_never_answers_hits_the_startup_timeout_and_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    env = fake_kernelspec(tmp_path, "silent", ["python3", "-c", f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"])
    nb = write_notebook(tmp_path / "s.ipynb", ["1"], kernel="silent")
    proc, seconds = run([nb, "-o", tmp_path / "out", "--startup-timeout", "1.5"], tmp_path, env=env)
    assert proc.returncode == 5, proc.stderr
    assert seconds < 8
    assert not pid_alive(int(pid_file.read_text()))
    assert leftover_connection_files(tmp_path) == []


def test_signal_while_the_kernel_starts_kills_it_at_once(tmp_path):
    pid_file = tmp_path / "pid"
    env = fake_kernelspec(tmp_path, "slow-start", ["python3", "-c", f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"])
    nb = write_notebook(tmp_path / "s.ipynb", ["1"], kernel="slow-start")
    proc = subprocess.Popen([PROPEL, "run", str(nb), "-o", str(tmp_path / "out")], stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 20
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the kernel never started"
        time.sleep(0.05)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    assert proc.returncode == 130, proc.stderr.read()
    assert time.monotonic() - started < 3
    assert "cancelled while the kernel was starting" in proc.stderr.read()
    assert not pid_alive(int(pid_file.read_text()))
    assert leftover_connection_files(tmp_path) == []
