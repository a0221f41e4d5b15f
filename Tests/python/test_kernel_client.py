"""What jupyter_kernel_test leaves out, driven through jupyter_client as frontends drive the kernel:
interrupts (message and signal), stop_on_error, stdin, heartbeat, forged messages, shutdown, restart."""
import os
import signal
import time

import zmq
from jupyter_client.session import Session

TIMEOUT = 20
BUSY_LOOP = "var spins = 0\nwhile true { spins += 1 }"
# Busy for a while (so what the client sends next is surely queued behind it), then fails at run time.
# Fails after half a second, so the execute sent right after it has surely reached the kernel's
# queue by then even on a loaded machine (as with ipykernel, stop_on_error aborts what is queued).
SLOW_FAILURE = "sleep(0.5)\nlet one = [1]\none[1]"


def run(kc, code, **options):
    """Executes `code`; returns (reply content, [(msg_type, content)] of its iopub outputs)."""
    outputs = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda m: outputs.append((m["msg_type"], m["content"])),
                                   **options)
    return reply["content"], [o for o in outputs if o[0] not in ("status", "execute_input")]


def value(kc, code):
    reply, outputs = run(kc, code)
    assert reply["status"] == "ok", reply
    return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0]


def interrupted_while_running(km, kc, interrupt):
    run(kc, "var kept = 41")
    msg_id = kc.execute(BUSY_LOOP)
    time.sleep(0.3)
    started = time.monotonic()
    interrupt()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"], time.monotonic() - started


def test_interrupt_by_message_stops_the_cell_and_keeps_state(kernel):
    km, kc = kernel
    assert km.kernel_spec.interrupt_mode == "message"
    reply, elapsed = interrupted_while_running(km, kc, km.interrupt_kernel)
    assert reply["status"] == "error"
    assert reply["ename"] == "Interrupted", reply
    assert elapsed < 1.0
    assert value(kc, "kept + 1") == "42"


def test_interrupt_by_signal_stops_the_cell_and_the_kernel_survives(kernel):
    km, kc = kernel
    reply, elapsed = interrupted_while_running(km, kc, lambda: os.killpg(km.provisioner.process.pid, signal.SIGINT))
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
    assert elapsed < 1.0
    assert km.is_alive()
    assert value(kc, "kept + 1") == "42"


def test_stop_on_error_aborts_queued_executes_only_when_asked(kernel):
    km, kc = kernel
    failing = kc.execute(SLOW_FAILURE)
    queued = kc.execute("var ranAfterFailure = true")
    replies = {m["parent_header"]["msg_id"]: m["content"] for m in (kc.get_shell_msg(timeout=TIMEOUT) for _ in range(2))}
    assert replies[failing]["ename"] == "IndexError"
    assert replies[queued]["status"] == "error" and replies[queued]["ename"] == "ExecutionAborted"
    reply, _ = run(kc, "ranAfterFailure")
    assert reply["ename"] == "NameError", "the aborted execute never ran"

    failing = kc.execute(SLOW_FAILURE, stop_on_error=False)
    queued = kc.execute("var ranAfterFailure = true")
    replies = {m["parent_header"]["msg_id"]: m["content"] for m in (kc.get_shell_msg(timeout=TIMEOUT) for _ in range(2))}
    assert replies[queued]["status"] == "ok"
    assert value(kc, "ranAfterFailure") == "true"


def test_stdin_round_trip_and_refusal_without_stdin(kernel):
    km, kc = kernel
    prompts = []

    def answer(msg):
        prompts.append(msg["content"])
        kc.input("Ada")

    outputs = []
    reply = kc.execute_interactive('let name = input("Your name: ")\nprint("hello, " + name)', timeout=TIMEOUT,
                                   allow_stdin=True, stdin_hook=answer,
                                   output_hook=lambda m: outputs.append(m))
    assert reply["content"]["status"] == "ok"
    assert prompts == [{"prompt": "Your name: ", "password": False}]
    assert [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"] == ["hello, Ada\n"]

    reply, outputs = run(kc, 'input("name")', allow_stdin=False)
    assert reply["ename"] == "StdinNotImplementedError"
    assert [t for t, _ in outputs] == ["error"]


def test_heartbeat_answers_even_while_a_cell_runs(kernel):
    km, kc = kernel
    hb = kc.hb_channel
    hb.time_to_dead = 0.5
    time.sleep(1.0)
    assert hb.is_beating()
    kc.execute(BUSY_LOOP)
    time.sleep(1.5)
    assert hb.is_beating(), "the heartbeat thread is independent of execution"
    km.interrupt_kernel()
    kc.get_shell_msg(timeout=TIMEOUT)


def test_forged_unsigned_and_replayed_messages_never_run(kernel):
    km, kc = kernel
    info = km.get_connection_info()
    context = zmq.Context.instance()
    shell = context.socket(zmq.DEALER)
    shell.linger = 0
    shell.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    forger = Session(key=b"not-the-real-key")
    forger.send(shell, "execute_request", {"code": "var forged = 1", "silent": False})
    unsigned = Session(key=b"")
    unsigned.send(shell, "execute_request", {"code": "var unsignedRan = 1", "silent": False})

    # A correctly signed message runs once; sending its exact frames again is a replay.
    honest = Session(key=info["key"], signature_scheme=info["signature_scheme"])
    message = honest.msg("execute_request", {"code": "var replays = (replays ?? 0) + 1", "silent": False})
    frames = honest.serialize(message)
    shell.send_multipart(frames)
    shell.send_multipart(frames)
    time.sleep(0.5)

    reply, _ = run(kc, "forged")
    assert reply["ename"] == "NameError", "a message signed with the wrong key ran"
    reply, _ = run(kc, "unsignedRan")
    assert reply["ename"] == "NameError", "an unsigned message ran"
    shell.close()


def test_shutdown_is_prompt_and_restart_gives_a_fresh_session(kernel):
    km, kc = kernel
    run(kc, "var before = 1")
    old_pid = km.provisioner.process.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    assert km.provisioner.process.pid != old_pid
    reply, _ = run(kc, "before")
    assert reply["ename"] == "NameError", "restart starts a fresh session"
    assert value(kc, "1 + 1") == "2"

    started = time.monotonic()
    km.shutdown_kernel(now=False)
    assert time.monotonic() - started < 1.0
    assert not km.is_alive()
