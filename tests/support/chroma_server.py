"""A real Chroma server (`chroma run`, from the chromadb package) on a free loopback port, for the
tests of the server backend (`NIANBAO_CHROMA_URL`)."""
from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.support.servers import free_port, running


def chroma_command() -> str:
    """The `chroma` command of the interpreter running the tests (installed with chromadb)."""
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        raise RuntimeError("the `chroma` command (part of the chromadb package) is not installed")
    return found


@contextmanager
def chroma_server(folder: Path, wait_s: float = 90.0) -> Iterator[str]:
    """Run a Chroma server keeping its data in `folder`, listening on 127.0.0.1 only; yields its URL."""
    url = f"http://127.0.0.1:{free_port()}"
    port = url.rsplit(":", 1)[1]
    command = [chroma_command(), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", port]
    with running(command, f"{url}/api/v2/heartbeat", folder.with_name(folder.name + ".log"), timeout=wait_s):
        yield url
