"""papermill (and so nbclient) executes a Propel notebook with the Propel kernel."""
import nbformat
import papermill


def test_papermill_executes_a_propel_notebook(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "propel", "display_name": "Propel", "language": "propel"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A Propel notebook"),
        nbformat.v4.new_code_cell('let customers = ["ada", "grace", "edsger"]\nprint("hello, world")'),
        nbformat.v4.new_code_cell("customers.count * 2"),
        nbformat.v4.new_code_cell('display(html("<b>" + customers[0] + "</b>"))'),
    ]
    source, target = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(notebook, source)
    papermill.execute_notebook(str(source), str(target), kernel_name="propel", progress_bar=False)

    executed = nbformat.read(target, as_version=4)
    nbformat.validate(executed)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3]
    assert code[0].outputs[0]["text"] == "hello, world\n"
    assert code[1].outputs[0]["output_type"] == "execute_result"
    assert code[1].outputs[0]["data"]["text/plain"] == "6"
    assert code[2].outputs[0]["output_type"] == "display_data"
    assert code[2].outputs[0]["data"]["text/html"] == "<b>ada</b>"
    assert executed.metadata["language_info"]["name"] == "propel"
    assert executed.metadata["papermill"]["exception"] in (None, False)
