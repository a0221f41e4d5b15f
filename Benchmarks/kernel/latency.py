"""Measures a kernel the way frontends see it, through jupyter_client (blocking client).

For each kernel (Propel from --propel, installed into a temporary prefix; ipykernel from this venv;
and the client's floor: stub_kernel.py, a Python kernel that does no work, once sending the same
messages as Propel and once only busy/reply/idle):
  spawn    time from KernelManager.start_kernel() to the first kernel_info_reply, median of N spawns
  latency  execute `1 + 1` (Python `1+1`): send → status idle on iopub, p50 and p99
  rate     sequential executes (reply and idle awaited) per second
  client   the client process's CPU time per execute during the rate loop (jupyter_client's own
           cost: Session signing and checking, JSON, ISO 8601 dates, pyzmq), the floor under any
           kernel's latency

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


def execute_figures(kernel_name, code, warmup, runs, rate_runs):
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client(context=zmq.Context.instance())
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        for _ in range(warmup):
            execute_until_idle(kc, code)
        latencies = [execute_until_idle(kc, code) for _ in range(runs)]
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(rate_runs):
            execute_until_idle(kc, code)
        rate = rate_runs / (time.perf_counter() - started)
        client_cpu = (time.process_time() - cpu) / rate_runs
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return latencies, rate, client_cpu


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
    spawns, warmup, runs, rate_runs = (2, 5, 20, 20) if args.smoke else (15, 200, 2000, 2000)

    zmq.Context.instance().setsockopt(zmq.RECONNECT_IVL, 5)
    with tempfile.TemporaryDirectory(prefix="propel-bench-") as prefix:
        subprocess.run([args.propel, "install", "--prefix", prefix, "--name", "propel-bench"], check=True, capture_output=True)
        install_stubs(os.path.join(prefix, "share", "jupyter", "kernels"))
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter") + os.pathsep + os.path.join(sys.prefix, "share", "jupyter")
        kernels = [("Propel", "propel-bench", "1 + 1"), ("ipykernel", "python3", "1+1"),
                   ("stub", "stub-same", "1 + 1"), ("stub-min", "stub-minimal", "1 + 1")]
        print(f"kernel benchmark through jupyter_client ({'smoke' if args.smoke else 'full'}: "
              f"{spawns} spawns, {runs} timed executes after {warmup} warm-up, {rate_runs} for the rate)")
        print(f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'kernel':<10} {'spawn→kernel_info median':>25} {'execute→idle p50':>17} {'p99':>9} {'executes/s':>11}"
              f" {'client CPU/execute':>19}")
        for label, name, code in kernels:
            spawn = statistics.median(spawn_times(name, spawns))
            latencies, rate, client_cpu = execute_figures(name, code, warmup, runs, rate_runs)
            print(f"{label:<10} {spawn * 1000:>22.1f} ms {percentile(latencies, 50) * 1000:>14.2f} ms "
                  f"{percentile(latencies, 99) * 1000:>6.2f} ms {rate:>11.0f} {client_cpu * 1000:>16.2f} ms", flush=True)
        print("targets (Propel): spawn ≤ 30 ms, p50 ≤ 1.2 ms, p99 ≤ 3 ms, ≥ 800 executes/s")
        print("stub: a do-nothing Python kernel sending Propel's five messages per execute; stub-min: busy, reply"
              " and idle only; client CPU/execute: the client's own work per execute, a floor under p50")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
