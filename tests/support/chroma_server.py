"""A real Chroma server (`chroma run`, from the chromadb package) on a free loopback port, for the
tests of the server backend (`NIANBAO_CHROMA_URL`)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def chroma_command() -> str:
    """The `chroma` command of the interpreter running the tests (installed with chromadb)."""
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        raise RuntimeError("the `chroma` command (part of the chromadb package) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def chroma_server(folder: Path, wait_s: float = 90.0) -> Iterator[str]:
    """Run a Chroma server keeping its data in `folder`, listening on 127.0.0.1 only; yields its URL."""
    port = _free_port()
    log = open(folder.with_name(folder.name + ".log"), "wb")
    proc = subprocess.Popen([chroma_command(), "run", "--path", str(folder), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(f"chroma run did not start (exit {proc.poll()}): "
                                       f"{folder.with_name(folder.name + '.log').read_text(errors='replace')[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
