"""A real, throwaway PostgreSQL server (Debian's `postgresql` package) on a free loopback port, for the
tests of the server backend (`NIANBAO_DB_URL`): `initdb` into a temporary folder, `pg_ctl start`,
stopped and removed at the end. As root, the server runs as the `postgres` user (PostgreSQL refuses
to run as root)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from tests.support.servers import free_port


def bin_dir() -> Optional[Path]:
    """The folder of initdb / pg_ctl (Debian keeps them out of PATH), or None if PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server(wait_s: float = 60.0) -> Iterator[str]:
    """A PostgreSQL server on 127.0.0.1 with an empty database `nianbao` (trust auth); yields its URL."""
    bins = bin_dir()
    if bins is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="nianbao-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, log = folder / "data", folder / "server.log"
    subprocess.run(_as_server_user([str(bins / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                    "--encoding=UTF8", "--locale=C"]),
                   check=True, capture_output=True, cwd=folder)
    port = free_port()
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
               " -c full_page_writes=off -c max_connections=200")
    subprocess.run(_as_server_user([str(bins / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log),
                                    "-w", "-t", str(int(wait_s)), "start"]), check=True, capture_output=True, cwd=folder)
    try:
        import psycopg

        deadline = time.monotonic() + wait_s
        while True:
            try:
                with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as c:
                    c.execute("CREATE DATABASE nianbao")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"PostgreSQL did not answer on port {port}:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
        yield f"postgresql://postgres@127.0.0.1:{port}/nianbao"
    finally:
        subprocess.run(_as_server_user([str(bins / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)
