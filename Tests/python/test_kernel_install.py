"""`propel install` writes a kernelspec Jupyter itself finds, with the absolute binary path."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import propel_bin

SPEC_TEMPLATE = pathlib.Path(__file__).resolve().parents[2] / "Kernelspec" / "propel"


def jupyter_kernelspecs(env):
    """What `jupyter kernelspec list --json` reports under `env`."""
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["kernelspecs"]


def clean_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_DATA_DIR", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), **extra)
    return env


def test_user_install_is_found_by_jupyter_with_logos_and_absolute_argv(tmp_path):
    env = clean_env(tmp_path)
    result = subprocess.run([propel_bin(), "install", "--user"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    directory = tmp_path / "home" / ".local" / "share" / "jupyter" / "kernels" / "propel"
    assert str(directory) in result.stdout
    found = jupyter_kernelspecs(env)["propel"]
    assert pathlib.Path(found["resource_dir"]) == directory
    spec = found["spec"]
    assert spec["argv"] == [os.path.realpath(propel_bin()), "kernel", "-f", "{connection_file}"]
    assert os.path.isabs(spec["argv"][0])
    assert spec["language"] == "propel"
    assert spec["interrupt_mode"] == "message"
    assert spec["kernel_protocol_version"] == "5.3"
    template = json.loads((SPEC_TEMPLATE / "kernel.json").read_text())
    assert {k: v for k, v in spec.items() if k not in ("argv", "env")} == {k: v for k, v in template.items() if k != "argv"}
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        assert (directory / logo).read_bytes() == (SPEC_TEMPLATE / logo).read_bytes(), logo
    assert (directory / "logo-64x64.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_prefix_and_sys_prefix_and_name(tmp_path):
    env = clean_env(tmp_path)
    subprocess.run([propel_bin(), "install", "--prefix", str(tmp_path / "p"), "--name", "propel-dev"], env=env, check=True,
                   capture_output=True)
    assert (tmp_path / "p" / "share" / "jupyter" / "kernels" / "propel-dev" / "kernel.json").exists()
    found = jupyter_kernelspecs(dict(env, JUPYTER_PATH=str(tmp_path / "p" / "share" / "jupyter")))
    assert "propel-dev" in found

    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    subprocess.run([propel_bin(), "install", "--sys-prefix"], env=dict(env, VIRTUAL_ENV=str(venv)), check=True,
                   capture_output=True)
    assert (venv / "share" / "jupyter" / "kernels" / "propel" / "kernel.json").exists()


def test_reinstall_replaces_and_bad_arguments_are_usage_errors(tmp_path):
    env = clean_env(tmp_path)
    target = tmp_path / "p" / "share" / "jupyter" / "kernels" / "propel"
    for _ in range(2):
        subprocess.run([propel_bin(), "install", "--prefix", str(tmp_path / "p")], env=env, check=True, capture_output=True)
    assert sorted(p.name for p in target.parent.iterdir()) == ["propel"], "no staging leftovers"
    both = subprocess.run([propel_bin(), "install", "--user", "--prefix", str(tmp_path)], env=env, capture_output=True, text=True)
    assert both.returncode == 2 and "choose one of" in both.stderr
    bad_name = subprocess.run([propel_bin(), "install", "--user", "--name", "no/slash"], env=env, capture_output=True, text=True)
    assert bad_name.returncode == 2 and "--name" in bad_name.stderr
