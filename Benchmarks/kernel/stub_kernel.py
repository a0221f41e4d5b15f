"""A kernel that does no work, for the client's floor: it answers kernel_info, shutdown and
execute, and for an execute sends exactly what Propel sends for `1 + 1` (busy, execute_input,
execute_result, execute_reply, idle; with --minimal only busy, reply, idle). Whatever time a
real kernel needs beyond this stub's is the kernel's; the rest is jupyter_client reading,
checking and parsing each message (two ISO 8601 dates per message alone cost ~70 µs).

Usage: stub_kernel.py CONNECTION_FILE [--minimal]
"""
import datetime
import hashlib
import hmac
import json
import signal
import sys
import uuid

import zmq


def main():
    # jupyter_client interrupts before every shutdown (SIGINT to the process group, then the kill
    # with now=True): a kernel with nothing to interrupt ignores it instead of dying with a
    # KeyboardInterrupt traceback on the benchmark's terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    config = json.load(open(sys.argv[1]))
    minimal = "--minimal" in sys.argv[2:]
    key = config["key"].encode()
    context = zmq.Context()

    def bound(kind, port):
        socket = context.socket(kind)
        socket.bind(f"{config['transport']}://{config['ip']}:{config[port]}")
        return socket

    shell, control = bound(zmq.ROUTER, "shell_port"), bound(zmq.ROUTER, "control_port")
    iopub, heartbeat = bound(zmq.PUB, "iopub_port"), bound(zmq.REP, "hb_port")
    bound(zmq.ROUTER, "stdin_port")
    session = str(uuid.uuid4())
    sent = 0

    def send(socket, identities, msg_type, content, parent):
        nonlocal sent
        sent += 1
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        header = json.dumps({"msg_id": f"{session}_{sent}", "session": session, "username": "stub", "date": date,
                             "msg_type": msg_type, "version": "5.3"}).encode()
        parts = [header, parent, b"{}", json.dumps(content).encode()]
        signature = hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode()
        socket.send_multipart(identities + [b"<IDS|MSG>", signature] + parts)

    def publish(msg_type, content, parent):
        send(iopub, [f"kernel.{session}.{msg_type}".encode()], msg_type, content, parent)

    poller = zmq.Poller()
    for socket in (shell, control, heartbeat):
        poller.register(socket, zmq.POLLIN)
    count = 0
    while True:
        for socket, _ in poller.poll():
            if socket is heartbeat:
                heartbeat.send(heartbeat.recv())
                continue
            frames = socket.recv_multipart()
            split = frames.index(b"<IDS|MSG>")
            identities, parent = frames[:split], frames[split + 2]
            msg_type = json.loads(parent)["msg_type"]
            publish("status", {"execution_state": "busy"}, parent)
            if msg_type == "execute_request":
                count += 1
                if not minimal:
                    publish("execute_input", {"code": "1 + 1", "execution_count": count}, parent)
                    publish("execute_result", {"execution_count": count, "data": {"text/plain": "2"}, "metadata": {}}, parent)
                send(socket, identities, "execute_reply",
                     {"status": "ok", "execution_count": count, "user_expressions": {}, "payload": []}, parent)
            elif msg_type == "kernel_info_request":
                send(socket, identities, "kernel_info_reply", {
                    "status": "ok", "protocol_version": "5.3", "implementation": "stub", "implementation_version": "1",
                    "language_info": {"name": "stub", "version": "1", "mimetype": "text/plain", "file_extension": ".txt"},
                    "banner": "", "help_links": []}, parent)
            elif msg_type == "shutdown_request":
                send(socket, identities, "shutdown_reply", {"status": "ok", "restart": False}, parent)
                publish("status", {"execution_state": "idle"}, parent)
                return
            publish("status", {"execution_state": "idle"}, parent)


if __name__ == "__main__":
    main()
