"""Bad input on the wire and an orphaned kernel, through a real kernel process: malformed frames,
invalid JSON, unknown message types and an oversized message never crash the kernel or run code,
and a kernel whose parent was killed shuts itself down."""
import json
import os
import signal
import subprocess
import sys
import time

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session

from conftest import propel_bin, running

TIMEOUT = 20


def run(kc, code):
    outputs = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda m: outputs.append(m))
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    return reply["content"], results


def signed_frames(session, code):
    return session.serialize(session.msg("execute_request", {"code": code, "silent": False}))


def test_malformed_and_oversized_messages_are_dropped_and_the_kernel_keeps_its_state(kernel):
    km, kc = kernel
    run(kc, "var kept = 41")
    info = km.get_connection_info()
    session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
    shell = zmq.Context.instance().socket(zmq.DEALER)
    shell.linger = 0
    shell.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")

    shell.send_multipart([b"no delimiter at all"])
    shell.send_multipart([b"<IDS|MSG>", b"sig", b"{}"])  # too few frames
    frames = signed_frames(session, "kept += 100")
    delimiter = frames.index(b"<IDS|MSG>")
    broken = frames[:delimiter + 2] + [b"{not json"] + frames[delimiter + 3:]
    shell.send_multipart(broken)  # header no longer matches its signature
    header = json.dumps({"msg_id": "x", "msg_type": "no_such_request", "session": session.session,
                         "username": "u", "date": "2026-01-01T00:00:00.000000Z", "version": "5.3"}).encode()
    unknown = [b"<IDS|MSG>", session.sign([header, b"{}", b"{}", b"{}"]), header, b"{}", b"{}", b"{}"]
    shell.send_multipart(unknown)
    # 129 MB: over the kernel's 128 MB limit, so libzmq drops the peer before anything is decoded.
    huge = session.msg("execute_request", {"code": "kept += 1000 // " + "x" * (129 << 20), "silent": False})
    shell.send_multipart(session.serialize(huge))
    time.sleep(1.0)
    shell.close()

    assert km.is_alive()
    reply, results = run(kc, "kept")
    assert reply["status"] == "ok", reply
    assert results == ["41"], "a malformed, forged or oversized message changed the kernel's state"


def test_a_kernel_whose_parent_was_killed_shuts_itself_down(tmp_path):
    connection = tmp_path / "kernel.json"
    write_connection_file(str(connection), key=b"secret")
    pid_file = tmp_path / "kernel.pid"
    # The parent starts the kernel, records its pid, and waits; SIGKILL gives it no chance to clean up.
    parent = subprocess.Popen([sys.executable, "-c", (
        "import subprocess, sys, time\n"
        f"kernel = subprocess.Popen([{propel_bin()!r}, 'kernel', '-f', {str(connection)!r}])\n"
        f"open({str(pid_file)!r}, 'w').write(str(kernel.pid))\n"
        "time.sleep(600)\n")])
    try:
        deadline = time.monotonic() + TIMEOUT
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        kernel_pid = int(pid_file.read_text())
        time.sleep(0.5)
        assert running(kernel_pid)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 5
        while running(kernel_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(kernel_pid), "the orphaned kernel is still running 5 s after its parent died"
    finally:
        parent.kill()
        if pid_file.exists() and pid_file.read_text() and running(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)

