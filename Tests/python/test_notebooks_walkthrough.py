"""The seven walkthrough notebooks, end to end, at a small size.

They run headless with `propel run` (the Propel kernel, through the Jupyter protocol), every output
notebook passes nbformat's strict 4.5 check, each notebook runs again alone on the same workspace,
a notebook whose prerequisites are missing fails loudly, and papermill runs them with the Propel
kernel as well.
"""
import json
import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "Notebooks").glob("0*.ipynb"))
NAMES = ["01-synthetic-data", "02-eda-and-featurization", "03-export-training-data",
         "04-train-propensity-model", "05-score", "06-ingest-scores", "07-audiences"]
USERS = "500"


def propel_bin():
    path = os.environ.get("PROPEL_BIN")
    if not path:
        pytest.fail("PROPEL_BIN is not set (scripts/test sets it to the debug build of propel)")
    return path


def run(args, **kwargs):
    return subprocess.run([propel_bin(), *args], capture_output=True, text=True, timeout=900, **kwargs)


def strict_validate(path):
    """runner.md §B.1: raw JSON against the 4.5 schema, repairs turned into failures."""
    check = ("import sys,json,nbformat; [nbformat.validate(json.load(open(p, encoding='utf-8')), "
             "version=4, version_minor=5) for p in sys.argv[1:]]")
    result = subprocess.run([sys.executable, "-W", "error::FutureWarning", "-c", check, str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"{path} is not valid nbformat 4.5:\n{result.stderr}"


def outputs(path):
    nb = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def test_the_seven_notebooks_are_propel_with_parameters():
    assert [p.stem for p in NOTEBOOKS] == NAMES
    for path in NOTEBOOKS:
        strict_validate(path)
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "propel"
        assert nb["metadata"]["language_info"]["name"] == "propel"
        tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: one parameters cell expected"
        assert nb["cells"][0]["cell_type"] == "markdown", f"{path.name} should open with its explanation"
        source = "".join(tagged[0]["source"])
        for declaration in ("let workspace = \"", "let users = ", "let seed = "):
            assert declaration in source, f"{path.name}: parameters cell lacks `{declaration}`"
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), \
            f"{path.name} is committed with outputs"
        assert any("check(" in "".join(c["source"]) for c in code), f"{path.name} has no checks"


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory):
    """All seven, in order, on one workspace."""
    base = tmp_path_factory.mktemp("walkthrough")
    workspace, out = base / "workspace", base / "out"
    result = run(["run", *map(str, NOTEBOOKS), "-o", str(out), "--html", str(base / "html"),
                  "-p", "workspace", str(workspace), "-p", "users", USERS])
    return workspace, out, result


def test_walkthrough_runs_headless_and_every_output_is_valid(walkthrough):
    workspace, out, result = walkthrough
    assert result.returncode == 0, f"propel run failed:\n{result.stderr[-4000:]}"
    for name in NAMES:
        path = out / f"{name}.ipynb"
        strict_validate(path)
        produced = outputs(path)
        assert not [o for o in produced if o["output_type"] == "error"], f"{name} has an error output"
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count is not None for c in code), f"{name}: a cell did not run"
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and USERS in injected[0].source
    assert (workspace / "platform.db").exists()


def test_walkthrough_shows_tables_and_charts(walkthrough):
    _, out, result = walkthrough
    assert result.returncode == 0
    def mimes(name):
        return {m for o in outputs(out / f"{name}.ipynb") for m in o.get("data", {})}
    for name in NAMES:
        assert "text/html" in mimes(name), f"{name} shows no table"
    for name in ["01-synthetic-data", "02-eda-and-featurization", "04-train-propensity-model", "05-score",
                 "07-audiences"]:
        assert "image/svg+xml" in mimes(name), f"{name} shows no chart"


@pytest.mark.parametrize("name", ["01-synthetic-data", "04-train-propensity-model", "07-audiences"])
def test_any_notebook_runs_again_alone(walkthrough, name, tmp_path):
    workspace, _, first = walkthrough
    assert first.returncode == 0
    result = run(["run", str(ROOT / "Notebooks" / f"{name}.ipynb"), "-o", str(tmp_path),
                  "-p", "workspace", str(workspace), "-p", "users", USERS])
    assert result.returncode == 0, f"{name} failed when run again:\n{result.stderr[-4000:]}"
    strict_validate(tmp_path / f"{name}.ipynb")


def test_a_step_without_its_prerequisites_fails_loudly(tmp_path):
    result = run(["run", str(ROOT / "Notebooks" / "02-eda-and-featurization.ipynb"), "-o", str(tmp_path),
                  "-p", "workspace", str(tmp_path / "empty"), "-p", "users", USERS])
    assert result.returncode != 0
    assert "UnknownDatasetError" in result.stderr and "events" in result.stderr
    path = tmp_path / "02-eda-and-featurization.ipynb"
    strict_validate(path)
    assert [o for o in outputs(path) if o["output_type"] == "error"]


def test_papermill_runs_them_with_the_propel_kernel(tmp_path, monkeypatch):
    import papermill
    from papermill.translators import Translator, papermill_translators

    class PropelTranslator(Translator):
        """Papermill has no translator for Propel; its parameters are Swift `let` declarations."""
        @classmethod
        def translate_bool(cls, val):
            return "true" if val else "false"

        @classmethod
        def translate_none(cls, val):
            return "nil"

        @classmethod
        def comment(cls, cmt_str):
            return f"// {cmt_str}".strip()

        @classmethod
        def assign(cls, name, str_val):
            return f"let {name} = {str_val}"

    papermill_translators.register("propel", PropelTranslator)
    prefix = tmp_path / "prefix"
    installed = run(["install", "--prefix", str(prefix)])
    assert installed.returncode == 0, installed.stderr
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    workspace = tmp_path / "workspace"
    for path in NOTEBOOKS:
        out = tmp_path / path.name
        papermill.execute_notebook(str(path), str(out), kernel_name="propel", progress_bar=False,
                                   parameters={"workspace": str(workspace), "users": int(USERS)})
        strict_validate(out)
        assert not [o for o in outputs(out) if o["output_type"] == "error"]
