"""Uploaded report files: refuse what cannot be a report (type, size, content), save the rest next to
the store, ingest them, and say per file what happened."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Protocol, Sequence

from ingest.pipeline import ingest_paths
from ingest.readers import MAX_BYTES
from nianbao.config import SAMPLES_DIR, Settings
from nianbao.errors import UserError

ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
MAX_MB = MAX_BYTES // 1024 // 1024
UPLOAD_FOLDER = "uploads"
# What the first bytes of a binary format look like (a renamed file is refused before parsing).
MAGIC = {".pdf": (b"%PDF",), ".docx": (b"PK\x03\x04",)}

Progress = Callable[[int, int, str], None]


class Upload(Protocol):
    """What `st.file_uploader` returns (and what tests can fake)."""

    name: str
    size: int

    def getvalue(self) -> bytes: ...


@dataclass
class UploadResult:
    name: str
    status: str  # ok | warnings | failed | refused
    message: str
    warnings: list[str] = field(default_factory=list)
    report_id: Optional[str] = None


def refusal(name: str, data: bytes) -> Optional[str]:
    """Why this upload is refused before parsing, or None when it may be a report."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        return (f"文件类型 {suffix or '（无扩展名）'} 不支持 (unsupported file type); "
                f"use one of {' '.join(ALLOWED_SUFFIXES)}")
    if len(data) > MAX_BYTES:
        return f"文件太大 (too large): {len(data) / 1024 / 1024:.0f} MB; the limit is {MAX_MB} MB a file"
    if not data.strip():
        return "文件是空的 (the file is empty)"
    magic = MAGIC.get(suffix)
    if magic and not data.startswith(magic):
        return f"文件内容不是 {suffix} 格式 (the file is named {suffix} but its content is not {suffix[1:].upper()})"
    return None


def safe_name(name: str) -> str:
    """The file name without folders or characters a file system may refuse."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r'[\x00-\x1f<>:"/\\|?*]', "_", base).strip(" .") or "upload"
    return base[:150]


def ingest_uploads(files: Sequence[Upload], db: Path, settings: Settings, progress: Optional[Progress] = None,
                   index_passages: bool = True) -> list[UploadResult]:
    """Check, save (under `<db>/uploads/`) and ingest the uploads; one result per upload, in order."""
    folder = Path(db) / UPLOAD_FOLDER
    results: dict[int, UploadResult] = {}
    saved: dict[str, list[int]] = {}
    for i, f in enumerate(files):
        data = f.getvalue()
        why = refusal(f.name, data)
        if why:
            results[i] = UploadResult(f.name, "refused", why)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        # saved under its content, not its name: two agencies' `2020年政府信息公开工作年度报告.txt` are two
        # files (and two reports); the same file uploaded twice is one
        path = folder / f"{hashlib.sha256(data).hexdigest()[:12]}_{safe_name(f.name)}"
        if str(path) in saved:
            results[i] = UploadResult(f.name, "duplicate", f"the same file as {files[saved[str(path)][0]].name}")
            continue
        path.write_bytes(data)
        saved[str(path)] = [i]
    if saved:
        summary = ingest_paths([Path(p) for p in saved], db, settings=settings, index_passages=index_passages,
                               progress=progress)
        for r in summary.results:
            for i in saved[r.path]:
                results[i] = UploadResult(files[i].name, r.status, r.message, list(r.warnings), r.report_id)
    return [results[i] for i in range(len(files))]


def ingest_samples(db: Path, settings: Settings, progress: Optional[Progress] = None,
                   index_passages: bool = True) -> list[UploadResult]:
    """The first run on an empty store: ingest the bundled sample reports (`data/samples`)."""
    if not SAMPLES_DIR.is_dir():
        raise UserError(f"the bundled sample reports are missing ({SAMPLES_DIR}); upload report files instead")
    summary = ingest_paths([SAMPLES_DIR], db, settings=settings, index_passages=index_passages, progress=progress)
    return [UploadResult(Path(r.path).name, r.status, r.message, list(r.warnings), r.report_id)
            for r in summary.results]
