"""foitrack run as a real process, for the fault tests: killed with SIGKILL at a chosen moment,
without the privileges that let root read anything, or with a limit on the size of files it writes.

`killed_at` makes the kill exact rather than a matter of timing: the process watches its own
system calls through Python's audit hooks (PEP 578) and sends itself SIGKILL when the chosen one
(say, the n-th `os.rename` into requests/) is about to happen. Nothing in foitrack knows.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

def _bench_faults():
    """bench/faults.py, whose runner (the kill through audit hooks) the tests share."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_faults", ROOT / "bench" / "faults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_bench = _bench_faults()


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    env.pop("FOITRACK_DIR", None)
    env.update(extra)
    return env


def foitrack(
    root: Path,
    *args: str,
    killed_at: tuple[str, str, int] | None = None,
    unprivileged: bool = False,
    max_file_size: int | None = None,
    stdout=subprocess.PIPE,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run `foitrack --dir ROOT ARGS` in a new process.

    killed_at=(audit event, text in one of its arguments, n): SIGKILL on the n-th such event.
    unprivileged: without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so file permissions bind even
    when the tests run as root (skips the test if that cannot be arranged).
    max_file_size: RLIMIT_FSIZE, so that writing a file past that size fails (EFBIG), as on a
    full disk."""
    command = _bench.command(Path(root), list(args), kill=killed_at)
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot be made to bind")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]

    def limits() -> None:
        if max_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_size, max_file_size))

    return subprocess.run(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env or environment(),
        preexec_fn=limits,
        timeout=timeout,
    )


def was_killed(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == -signal.SIGKILL


# Two requests the fault tests work on.
CAMDEN = """
authority = "London Borough of Camden"
subject = "Parking fines"
sent = 2023-06-01
email = "foi@camden.gov.uk"
"""

HACKNEY = """
authority = "London Borough of Hackney"
subject = "Rats"
sent = 2023-06-01
"""
