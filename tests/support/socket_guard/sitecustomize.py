"""A socket guard for a whole process: put this folder first on PYTHONPATH and set
NIANBAO_SOCKET_GUARD_LOG to a file. Every attempt to reach, look up or listen on anything but this
machine's loopback is written to that file (with where it came from) and refused with an OSError.

Used by the tests that run the app and an ingest as a user would and require that nothing leaves the
machine (issue: Streamlit listened on all interfaces and looked up its external IP at start)."""
from __future__ import annotations

import ipaddress
import os
import socket
import traceback

_LOG = os.environ.get("NIANBAO_SOCKET_GUARD_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%")[0]
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(what: str, address) -> None:
    with open(_LOG, "a", encoding="utf-8") as out:
        out.write(f"{what} {address!r}\n{''.join(traceback.format_stack(limit=12))}\n")
    raise OSError(f"socket guard: {what} {address!r} refused (this process must stay on loopback)")


def _check(what: str, address) -> None:
    if isinstance(address, tuple) and address and (not _loopback(address[0]) or what == "bind" and address[0] == ""):
        _refuse(what, address)  # bind to "" is every interface


if _LOG:
    _socket = socket.socket

    class GuardedSocket(_socket):
        def connect(self, address):
            _check("connect", address)
            return super().connect(address)

        def connect_ex(self, address):
            _check("connect", address)
            return super().connect_ex(address)

        def bind(self, address):
            _check("bind", address)  # 0.0.0.0 / :: is every interface: refused too
            return super().bind(address)

        def sendto(self, data, *args):
            _check("sendto", args[-1])
            return super().sendto(data, *args)

    socket.socket = GuardedSocket
    _getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            _refuse("lookup", host)
        return _getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
