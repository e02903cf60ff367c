"""`nianbao serve`: one long-lived process per data folder that keeps the search model, the passage
index and the name index loaded, so `nianbao ask` and `nianbao search` do not pay the model load
(seconds) on every call.

It listens on a Unix socket in the data folder (`<data>/nianbao.sock`, readable by its owner only:
nothing listens on the network). The protocol is one JSON object per line each way:
`{"cmd": "ask", "question": …, "turns": […]}` or `{"cmd": "search", "query": …, …}` in;
`{"ok": true, "text": <what the CLI prints>, "json": <the JSON contract>}` or
`{"ok": false, "error": <one line>}` out. The CLI uses the server when one answers on the socket and
answers in its own process otherwise (a stale socket is ignored).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import socketserver
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from nianbao.errors import UserError

if TYPE_CHECKING:  # the client side imports nothing heavy: a question through the server starts fast
    from nianbao.config import Settings

SOCKET_NAME = "nianbao.sock"
MAX_REQUEST = 1 << 20  # bytes: a question is at most a few KB
log = logging.getLogger(__name__)


def socket_path(db: Path) -> Path:
    return Path(db) / SOCKET_NAME


def data_folder(db: Optional[str]) -> Path:
    """The data folder as `load_settings(db=db).db` resolves it (--db, else $NIANBAO_DB, else
    ./nianbao_data), without loading the settings machinery (a test keeps the two in step)."""
    if db:
        return Path(db)
    env = next((v for k, v in os.environ.items() if k.upper() == "NIANBAO_DB" and v), None)
    return Path(env) if env else Path("nianbao_data")


def request(db: Path, payload: dict[str, Any], timeout: float = 120.0) -> Optional[dict[str, Any]]:
    """The server's reply to `payload`, or None when no server answers for this data folder."""
    path = socket_path(db)
    if not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        try:
            s.connect(str(path))
        except OSError:  # a socket file left by a server that is gone
            return None
        s.sendall(json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(1 << 16)
            if not chunk:
                break
            data += chunk
    return json.loads(data.decode("utf-8")) if data.strip() else None


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(MAX_REQUEST)
        try:
            reply = self.server.dispatch(json.loads(line.decode("utf-8")))  # type: ignore[attr-defined]
        except UserError as e:
            reply = {"ok": False, "error": str(e)}
        except Exception as e:  # noqa: BLE001 - one bad request must not stop the server
            log.exception("request failed")
            reply = {"ok": False, "error": f"the server failed on this request ({type(e).__name__}: {e})"}
        self.wfile.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, settings: "Settings"):
        self.settings = settings
        self.passages = _open_passages(settings)
        path = socket_path(settings.db)
        if request(settings.db, {"cmd": "ping"}, timeout=2) is not None:
            raise UserError(f"a server already answers for {settings.db} (socket {path})")
        path.unlink(missing_ok=True)  # left by a server that is gone
        Path(settings.db).mkdir(parents=True, exist_ok=True)
        old = os.umask(0o177)  # the socket: owner only
        try:
            super().__init__(str(path), _Handler)
        finally:
            os.umask(old)

    def warm(self) -> float:
        """Load what a first question would: the name index, the model, the keyword index. Seconds taken."""
        from qa.api import answer
        start = time.perf_counter()
        answer("政府信息公开工作存在的主要问题", settings=self.settings, passages=self.passages)
        return time.perf_counter() - start

    def dispatch(self, req: dict[str, Any]) -> dict[str, Any]:
        handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "ping": lambda r: {"ok": True}, "ask": self._ask, "search": self._search}
        handler = handlers.get(req.get("cmd", ""))
        if handler is None:
            raise UserError(f"unknown request {req.get('cmd')!r}")
        return handler(req)

    def _ask(self, req: dict[str, Any]) -> dict[str, Any]:
        from qa.api import answer
        from qa.cli import render
        result = answer(str(req.get("question", "")), history=list(req.get("turns") or []), settings=self.settings,
                        passages=self.passages)
        return {"ok": True, "text": render(result), "json": result.contract()}

    def _search(self, req: dict[str, Any]) -> dict[str, Any]:
        from vectorstore.cli import render_passages, search_json
        if self.passages is None:
            raise UserError(f"No passages are indexed in {self.settings.db}; run `nianbao ingest data/samples "
                            f"--db {self.settings.db}` first.")
        args = {k: req.get(k) for k in ("agency", "year", "section", "province", "city", "county")}
        mode = req.get("mode") or "hybrid"
        found = self.passages.search(str(req.get("query", "")), k=int(req.get("k") or 5), mode=mode, **args)
        return {"ok": True, "text": render_passages(found) if found else "No passages match.",
                "json": search_json(str(req.get("query", "")), mode, found)}

    def server_close(self) -> None:
        super().server_close()
        socket_path(self.settings.db).unlink(missing_ok=True)


def _open_passages(settings: "Settings"):
    try:
        from vectorstore.index import open_index
    except ModuleNotFoundError:
        return None
    index = open_index(settings)
    return index if index.count() else None
