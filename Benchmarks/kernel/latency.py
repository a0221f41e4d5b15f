"""Measures a kernel the way frontends see it, through jupyter_client (blocking client).

For each kernel (Propel from --propel, installed into a temporary prefix; ipykernel from this venv;
and the client's floor: stub_kernel.py, a Python kernel that does no work, once sending the same
messages as Propel and once only busy/reply/idle):
  spawn    time from KernelManager.start_kernel() to the first kernel_info_reply, median of N spawns
  latency  execute `1 + 1` (Python `1+1`): send → status idle on iopub, p50 and p99
  rate     sequential executes (reply and idle awaited) per second
  client   the client process's CPU time per execute (jupyter_client's own cost: Session signing
           and checking, JSON, ISO 8601 dates, pyzmq), the floor under any kernel's latency

Spawns are measured kernel by kernel; executes in rounds, every kernel running and taking its
turn each round, so the kernels share the machine's quiet and noisy spells alike.

Messages are read with the channels' own blocking `get_msg` (the socket, `Session.deserialize`:
everything every jupyter_client frontend does per message), not BlockingKernelClient's
`get_iopub_msg` wrappers, which run an asyncio event loop to completion around each message
(~50–100 µs a message here, the same for every kernel; an application with a running loop,
nbclient or jupyter_server, does not pay it).

Both clients use a 5 ms ZeroMQ reconnect interval (libzmq's default, 100 ms, would otherwise
dominate spawn times whenever the client connects before the kernel listens).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def spawn_times(kernel_name, runs):
    times = []
    for _ in range(runs):
        km = KernelManager(kernel_name=kernel_name)
        started = time.perf_counter()
        km.start_kernel()
        kc = km.client(context=zmq.Context.instance())
        kc.start_channels()
        msg_id = kc.kernel_info()
        while True:
            reply = kc.shell_channel.get_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        times.append(time.perf_counter() - started)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return times


def execute_until_idle(kc, code):
    """Sends an execute and waits for its reply and its idle status; the send → idle time."""
    started = time.perf_counter()
    msg_id = kc.execute(code)
    idle = None
    while idle is None:
        msg = kc.iopub_channel.get_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            idle = time.perf_counter() - started
    while kc.shell_channel.get_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
        pass
    return idle


class Figures:
    """One kernel's execute latencies, and the time and client CPU its rounds took."""

    def __init__(self):
        self.latencies, self.executes, self.seconds, self.cpu = [], 0, 0.0, 0.0

    def run(self, kc, code, executes):
        started, cpu = time.perf_counter(), time.process_time()
        self.latencies += [execute_until_idle(kc, code) for _ in range(executes)]
        self.seconds += time.perf_counter() - started
        self.cpu += time.process_time() - cpu
        self.executes += executes


def execute_figures(kernels, warmup, rounds, executes):
    """Starts every kernel, then measures them in turns, `executes` each per round: a spell of noise
    on the machine (another VM, a cron job) falls on all of them instead of on one kernel's block."""
    managers, clients = [], []
    try:
        for _, name, code in kernels:
            managers.append(KernelManager(kernel_name=name))
            managers[-1].start_kernel()
            clients.append(managers[-1].client(context=zmq.Context.instance()))
            clients[-1].start_channels()
            clients[-1].wait_for_ready(timeout=60)
            for _ in range(warmup):
                execute_until_idle(clients[-1], code)
        figures = [Figures() for _ in kernels]
        for _ in range(rounds):
            for (_, _, code), kc, figure in zip(kernels, clients, figures):
                figure.run(kc, code, executes)
        return figures
    finally:
        for kc in clients:
            kc.stop_channels()
        for km in managers:
            km.shutdown_kernel(now=True)


def install_stubs(kernels_folder):
    """Kernelspecs for stub_kernel.py: `stub-same` (Propel's messages) and `stub-minimal`."""
    stub = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stub_kernel.py")
    for name, extra in (("stub-same", []), ("stub-minimal", ["--minimal"])):
        os.makedirs(os.path.join(kernels_folder, name))
        with open(os.path.join(kernels_folder, name, "kernel.json"), "w") as spec:
            json.dump({"argv": [sys.executable, stub, "{connection_file}"] + extra, "display_name": name,
                       "language": "stub"}, spec)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--propel", required=True, help="the propel binary (release build)")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    spawns, warmup, rounds, executes = (2, 5, 2, 10) if args.smoke else (15, 200, 10, 300)

    zmq.Context.instance().setsockopt(zmq.RECONNECT_IVL, 5)
    with tempfile.TemporaryDirectory(prefix="propel-bench-") as prefix:
        subprocess.run([args.propel, "install", "--prefix", prefix, "--name", "propel-bench"], check=True, capture_output=True)
        install_stubs(os.path.join(prefix, "share", "jupyter", "kernels"))
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter") + os.pathsep + os.path.join(sys.prefix, "share", "jupyter")
        kernels = [("Propel", "propel-bench", "1 + 1"), ("ipykernel", "python3", "1+1"),
                   ("stub", "stub-same", "1 + 1"), ("stub-min", "stub-minimal", "1 + 1")]
        print(f"kernel benchmark through jupyter_client ({'smoke' if args.smoke else 'full'}: {spawns} spawns; "
              f"{warmup} warm-up executes, then {rounds} rounds of {executes} timed executes per kernel, the kernels"
              f" taking turns)")
        print(f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'kernel':<10} {'spawn→kernel_info median':>25} {'execute→idle p50':>17} {'p99':>9} {'executes/s':>11}"
              f" {'client CPU/execute':>19}")
        spawn_medians = [statistics.median(spawn_times(name, spawns)) for _, name, _ in kernels]
        figures = execute_figures(kernels, warmup, rounds, executes)
        for (label, _, _), spawn, figure in zip(kernels, spawn_medians, figures):
            print(f"{label:<10} {spawn * 1000:>22.1f} ms {percentile(figure.latencies, 50) * 1000:>14.2f} ms "
                  f"{percentile(figure.latencies, 99) * 1000:>6.2f} ms {figure.executes / figure.seconds:>11.0f} "
                  f"{figure.cpu / figure.executes * 1000:>16.2f} ms")
        print("targets (Propel): spawn ≤ 30 ms, p50 ≤ 1.2 ms, p99 ≤ 3 ms, ≥ 800 executes/s")
        print("stub: a do-nothing Python kernel sending Propel's five messages per execute; stub-min: busy, reply"
              " and idle only; client CPU/execute: the client's own work per execute, a floor under p50")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
