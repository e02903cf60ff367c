"""Word reports → report text, with python-docx.

Paragraphs and tables come out in document order: we walk the body's XML children ourselves
(`doc.paragraphs` and `doc.tables` are two separate lists, which would put every table after all
the prose). A merged cell appears once, at its first grid position; the positions it covers
(`gridSpan` to the right, `vMerge="continue"` below) are empty cells, so the columns stay aligned.

Legacy binary `.doc` files cannot be read (python-docx reads only the .docx package); the error
says how to convert them. A `.doc` that is really a .docx, or a web page saved as `.doc` (common on
government sites), is read for what it is.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterator

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from ingest.formats.textutil import covered, join_wrapped, row_line, tidy
from ingest.readers import MAX_UNPACKED
from nianbao.errors import BadReportFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc, .xls, .ppt
CONVERT = "convert it to .docx (e.g. `libreoffice --headless --convert-to docx {name}`) and try again"


def read_word(path: Path) -> str:
    """The report text of a .docx file (or of a .doc that is really a .docx or a web page)."""
    if _kind(path) == "html":
        from ingest.formats.web import read_html
        return read_html(path)  # Word's "save as web page", or a site serving HTML as .doc
    _check_unpacked_size(path)
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as e:
        raise BadReportFile(str(path), f"the .docx file is damaged and cannot be read ({type(e).__name__}); "
                                       "open it in Word or WPS, save it again and try again") from None
    lines = list(_blocks(doc.element.body, doc))
    if not lines:
        raise BadReportFile(str(path), "the document has no text (only images?); if it is a scan, OCR it first")
    return "\n".join(lines) + "\n"


def _check_unpacked_size(path: Path) -> None:
    """Refuse a package that unpacks beyond MAX_UNPACKED before anything is unpacked (a "zip bomb": a
    3 MB .docx expanding to 1 GB took 4 GB of memory). The sizes come from the zip directory; zipfile
    stops each member at its declared size, so a directory that lies cannot unpack more."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable package: python-docx says so below, with the damaged-file message
    if unpacked > MAX_UNPACKED:
        raise BadReportFile(str(path), f"the .docx unpacks to {unpacked // 1024 // 1024:,} MB (the limit is "
                                       f"{MAX_UNPACKED // 1024 // 1024} MB); a report is a few MB at most. Open it in "
                                       "Word or WPS, remove large embedded objects, save it and try again")


def _kind(path: Path) -> str:
    """`docx` or `html` by the file's first bytes (not its name); anything else is a `BadReportFile`."""
    with path.open("rb") as f:
        head = f.read(1024)
    if not head.strip():
        raise BadReportFile(str(path), "the file is empty")
    if head.startswith(OLE_MAGIC):
        raise BadReportFile(str(path), "this is a legacy Word 97-2003 .doc file, which cannot be read; "
                                       + CONVERT.format(name=path.name))
    if re.match(rb"\s*MIME-Version", head, re.I):
        raise BadReportFile(str(path), "this is a web archive (.mht) named .doc; open it in Word or WPS, save it as "
                                       ".docx and try again")
    if re.match(rb"\s*(<!doctype|<html|<\?xml[^>]*>\s*<html)", head, re.I):
        return "html"
    if head.startswith(b"{\\rtf"):
        raise BadReportFile(str(path), "this is an RTF file, not a Word .docx; " + CONVERT.format(name=path.name))
    if head.startswith(b"PK"):
        return "docx"
    if path.suffix.lower() == ".doc":
        raise BadReportFile(str(path), "the file is not a Word document that can be read; "
                                       + CONVERT.format(name=path.name))
    raise BadReportFile(str(path), "the file is not a Word .docx document (not a .docx package: damaged, or another "
                                   "format named .docx); open it in Word or WPS, save it as .docx and try again")


def _blocks(parent, doc) -> Iterator[str]:
    """Lines of paragraphs and table rows, in document order."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            for line in Paragraph(child, doc).text.split("\n"):  # a manual line break (w:br) is "\n"
                if line.strip():
                    yield tidy_keep_tabs(line)
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, doc), doc)
        elif child.tag == qn("w:sdt"):  # a content control wrapping paragraphs or tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, doc)


def tidy_keep_tabs(line: str) -> str:
    """Indentation goes; tabs inside the line stay: a table typed with tabs is still a table."""
    return "\t".join(tidy(part) for part in line.strip(" \t\u3000\u00a0").split("\t"))


def _table(table: Table, doc) -> Iterator[str]:
    rows = [_row(row) for row in table.rows]
    if sum(sum(bool(c) for c in row) >= 2 for row in rows) < 2:  # one column: page layout, not data
        for tc in table._tbl.iter_tcs():
            yield from _blocks(tc, doc)
        return
    yield from (row_line(cells) for cells in rows)


def _row(row) -> list[str]:
    cells = [""] * row.grid_cols_before  # the row starts later than the first grid column
    for tc in row._tr.tc_lst:
        if tc.vMerge == "continue":  # covered by the merged cell above
            cells += [""] * tc.grid_span
            continue
        text = join_wrapped(Paragraph(p, row).text for p in tc.iterchildren(qn("w:p")))
        cells += [text] + covered(text, tc.grid_span)
    return cells
