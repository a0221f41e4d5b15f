"""The public conformance suite, jupyter_kernel_test, against the Propel kernel: every attribute
set, so all 13 tests run (none skipped) with real Propel code."""
import unittest

import jupyter_kernel_test as jkt


class PropelKernelTests(jkt.KernelTests):
    kernel_name = "propel"
    language_name = "propel"
    file_extension = ".propel"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("something went sideways")'

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "clearOut", "matches": {"clearOutput"}},
        {"text": "let greeting = 1\ngreet", "matches": {"greeting"}},
    ]
    complete_code_samples = ["1 + 1", 'print("x")', "let x = [1, 2, 3]"]
    incomplete_code_samples = ["func f() {", "for i in 0..<3 {", "let x = ("]
    invalid_code_samples = ["1 +* )", "let = 5", "}"]

    code_page_something = "help(print)"
    code_generate_error = "undefinedThing"

    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": '"propel".count', "result": "6"},
        {"code": 'html("<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>bold</b>"))', "mime": "text/html"},
        {"code": 'display(svg("<svg xmlns=\'http://www.w3.org/2000/svg\' width=\'4\' height=\'4\'/>"))', "mime": "image/svg+xml"},
    ]

    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"
    code_clear_output = "clearOutput(wait: false)"


class PropelIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "propel"
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
