"""File → text lines. Text files here; other formats register a reader by suffix.

Every failure is a `BadReportFile` naming the file and saying what is wrong and what to do.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from nianbao.errors import BadReportFile

MAX_BYTES = 50 * 1024 * 1024
# Limits on the work one file can cause (each refusal says which limit and what to do). An annual
# report's text is 10^4–10^5 characters and 5–40 pages; the limits are far above any report and far
# below what would hold a batch for minutes or exhaust memory.
MAX_TEXT_CHARS = 2_000_000  # text read from any format (reading costs about 1 s per million characters)
MAX_PAGES = 500  # PDF pages
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx package's content, unpacked (a 3 MB file can unpack to GBs)
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
READERS: dict[str, Callable[[Path], str]] = {}
# readers that also know the page each line of the text starts on (PDF): (text, pages, 1-based)
PAGED_READERS: dict[str, Callable[[Path], tuple[str, list[int]]]] = {}


def register(*suffixes: str):
    def deco(fn: Callable[[Path], str]):
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


def register_paged(*suffixes: str):
    def deco(fn: Callable[[Path], tuple[str, list[int]]]):
        for s in suffixes:
            PAGED_READERS[s] = fn
        return fn
    return deco


def supported_suffixes() -> set[str]:
    _load_optional_readers()
    return TEXT_SUFFIXES | set(READERS)


def _load_optional_readers() -> None:
    try:  # PDF, HTML and Word readers live in their own module (heavier dependencies)
        import ingest.formats  # noqa: F401
    except ModuleNotFoundError as e:
        if e.name != "ingest.formats":
            raise


def decode(data: bytes, path: Path) -> str:
    """Bytes → str: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK/GB2312) if it fits."""
    if not data.strip():
        raise BadReportFile(str(path), "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise BadReportFile(str(path), "this is a binary file, not text; give a .txt, .md, .html, .pdf or .docx report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise BadReportFile(str(path), f"cannot decode the text (not UTF-8: {utf8_error.reason} at byte "
                                       f"{utf8_error.start}; not GBK either); save it as UTF-8 and try again") from None
    if sum("\u4e00" <= ch <= "\u9fff" for ch in text) < len(text) * 0.05:
        raise BadReportFile(str(path), "the text is neither UTF-8 nor readable GBK; save it as UTF-8 and try again")
    return text


def read_document(path: Path) -> tuple[str, Optional[list[int]]]:
    """The report's text and, for paged formats (PDF), the page each line of it starts on."""
    path = Path(path)
    _load_optional_readers()
    if path.suffix.lower() in PAGED_READERS:
        _check_file(path)
        text, pages = PAGED_READERS[path.suffix.lower()](path)
    else:
        text, pages = read_text(path), None
    _check_text_length(text, path)
    return text, pages


def _check_text_length(text: str, path: Path) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise BadReportFile(str(path), f"its text is {len(text):,} characters long; an annual report is far shorter "
                                       f"(the limit is {MAX_TEXT_CHARS:,}). If the file holds several reports, "
                                       "split it into one file per report")


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise BadReportFile(str(path), "no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadReportFile(str(path), f"the file is {size // 1024 // 1024} MB; the limit is {MAX_BYTES // 1024 // 1024} MB")


def read_text(path: Path) -> str:
    """The report's text, whatever the file format."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    _load_optional_readers()
    if suffix in READERS:
        return READERS[suffix](path)
    if suffix not in TEXT_SUFFIXES:
        raise BadReportFile(str(path), f"unsupported file type {suffix or '(none)'}; "
                                       f"use one of {', '.join(sorted(supported_suffixes()))}")
    return decode(path.read_bytes(), path)
