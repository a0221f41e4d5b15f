"""Shared fixtures for the Python peer tests.

Installs Propel's kernelspec (`$PROPEL_BIN install --prefix TMP`) once per test session and puts
TMP/share/jupyter first on JUPYTER_PATH, so jupyter_client, jupyter_kernel_test, nbclient and
papermill all find the kernel named "propel" — the way a user's Jupyter would.
"""
import os
import subprocess
import tempfile

import pytest
from jupyter_client.manager import start_new_kernel


def running(pid):
    """Whether process `pid` exists and is not a zombie (a reaped orphan's zombie does not count)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def children(pid):
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def propel_bin():
    path = os.environ.get("PROPEL_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("PROPEL_BIN is not set to the built propel binary (scripts/test sets it)")
    return path


@pytest.fixture(scope="session", autouse=True)
def propel_kernelspec():
    """The installed kernelspec directory; JUPYTER_PATH points at it for the whole session."""
    if not os.environ.get("PROPEL_BIN"):
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="propel-kernelspec-") as prefix:
        subprocess.run([propel_bin(), "install", "--prefix", prefix], check=True, capture_output=True)
        share = os.path.join(prefix, "share", "jupyter")
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = share + (os.pathsep + previous if previous else "")
        try:
            yield os.path.join(share, "kernels", "propel")
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous


@pytest.fixture
def kernel():
    """A fresh Propel kernel with a started client: (KernelManager, BlockingKernelClient)."""
    km, kc = start_new_kernel(kernel_name="propel", startup_timeout=30)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)
