"""Real servers for tests (the app under streamlit, `chroma run`): started on a free loopback port,
waited for until their health URL answers, stopped at the end; their output goes to a log that a
failure quotes."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Optional, Sequence


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(health_url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{proc.args[0]} exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(health_url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"nothing answered on {health_url} within {timeout:.0f} s:\n"
                         f"{log.read_text(errors='replace')[-3000:]}")


@contextlib.contextmanager
def running(command: Sequence[str], health_url: str, log: Path, env: Optional[dict] = None,
            cwd: Optional[Path] = None, timeout: float = 90) -> Iterator[subprocess.Popen]:
    """`command` running until the block ends, once `health_url` answers."""
    with log.open("w") as out:
        proc = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(health_url, proc, log, timeout)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
