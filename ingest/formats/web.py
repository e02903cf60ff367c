"""HTML report pages (`.html`, `.htm`) → report text.

A data `<table>` becomes a grid with rowspan/colspan expanded (a merged cell's text in its first
position, the positions it covers empty) and each grid row one tab-separated line. Tables that hold
other tables, or only one column, are page layout, and their cells are read as paragraphs. Page
chrome (navigation, site header and footer, breadcrumbs `当前位置`, share and print buttons,
scripts, styles, hidden elements) is removed first, because a site banner such as `XX市人民政府` on
its own line would be taken for the report's agency and 上一篇/下一篇 links name other reports.
"""
from __future__ import annotations

import re
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.formats.textutil import covered, join_wrapped, row_line, tidy
from nianbao.errors import BadReportFile

DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "form", "button", "input", "select",
             "textarea", "svg", "canvas", "object", "embed", "link", "meta", "head")
CHROME_TAGS = ("header", "footer", "aside")
CHROME_TOKENS = {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
                 "bread", "share", "footer", "foot", "copyright", "header", "topbar", "toolbar", "sidebar", "aside",
                 "location", "position", "dqwz", "wzdh", "print", "fontsize", "search", "login", "gotop", "backtop",
                 "qrcode", "ewm", "related", "xgxx"}
CHROME_SUBSTRINGS = ("share", "breadcrumb", "crumb", "footer", "copyright", "navbar")
BREADCRUMB = re.compile(r"^\s*(当前位置|您当前的位置|您现在的位置|您的位置|所在位置|当前页面)\s*[:：]")
CHROME_LINE = re.compile(r"^[【\[]?(分享到|分享：|打印|关闭|关闭窗口|字号|字体|浏览次数|访问次数|阅读次数|点击数|扫一扫|"
                         r"上一篇|下一篇|返回顶部|相关链接|相关阅读|相关文章)")
BLOCK_TAGS = {"address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
              "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
              "main", "ol", "p", "pre", "section", "td", "th", "tr", "ul"}
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CHINESE_CODECS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "euc-cn", "cp936"}
MAX_SPAN = 1000


def read_html(path: Path) -> str:
    """The report text of an HTML page."""
    text = decode_html(path.read_bytes(), path)
    soup = BeautifulSoup(text, "lxml")
    _remove_chrome(soup)
    walker = _Lines()
    walker.walk(soup.body or soup)
    walker.flush()
    lines = [ln for ln in walker.lines if not (len(ln) < 80 and CHROME_LINE.match(ln))]
    if not lines:
        raise BadReportFile(str(path), "the page has no text once menus and scripts are removed; save the page "
                                       "that shows the report itself (not a frame or a search page) and try again")
    return "\n".join(lines) + "\n"


def decode_html(data: bytes, path: Path) -> str:
    """Bytes → str: BOM, then UTF-8, then the page's `<meta charset>` (or http-equiv), then a guess."""
    if not data.strip():
        raise BadReportFile(str(path), "the file is empty")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = _META_CHARSET.search(data[:16384])
    # UTF-8 first: Chinese text in GBK is never valid UTF-8, but UTF-8 bytes often decode as (wrong)
    # GB18030 characters, and pages declaring gb2312 while being UTF-8 are common
    codecs = ["utf-8"] + ([_codec(declared.group(1).decode("ascii", "replace"))] if declared else [])
    for codec in codecs:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue  # a wrong or unknown declaration: go on guessing
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise BadReportFile(str(path), "cannot tell the page's text encoding (not UTF-8, GBK or any the detector "
                                       "knows); save it as UTF-8 and try again")
    return str(guess)


def _codec(name: str) -> str:
    name = name.strip().lower()
    return "gb18030" if name in _CHINESE_CODECS else name  # GB18030 is a superset of GBK and GB2312


# ---- page chrome ---------------------------------------------------------------------------------

def _holds_report(el: Tag) -> bool:
    """Never remove an element that holds the report: its tables, its title or most of its text."""
    if any(_is_data_table(t) for t in el.find_all("table")):
        return True
    if any("报告" in h.get_text() for h in el.find_all(("h1", "h2", "h3"))):
        return True
    return len(el.get_text()) > 1000


def _is_chrome(el: Tag) -> bool:
    if el.name in CHROME_TAGS and el.find_parent(("article", "main")) is None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style or el.has_attr("hidden"):
        return True
    names = " ".join([*(el.get("class") or []), el.get("id") or ""]).lower()
    tokens = set(re.split(r"[\s_\-]+", names))
    return bool(tokens & CHROME_TOKENS) or any(s in names for s in CHROME_SUBSTRINGS)


def _remove_chrome(soup: BeautifulSoup) -> None:
    for el in soup.find_all(DROP_TAGS):
        if not el.decomposed:
            el.decompose()
    for text in soup.find_all(string=BREADCRUMB):
        block = text.find_parent(lambda t: t.name in BLOCK_TAGS and len(t.get_text()) < 300)
        if block is not None and not block.decomposed:
            block.decompose()
    for el in soup.find_all(True):
        if not el.decomposed and el.name not in ("html", "body") and _is_chrome(el) and not _holds_report(el):
            el.decompose()


# ---- text and tables -----------------------------------------------------------------------------

class _Lines:
    """Walks the DOM: inline text gathers into the current line, block elements end it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buf: list[str] = []

    def flush(self) -> None:
        text = tidy("".join(self._buf))
        if text:
            self.lines.append(text)
        self._buf = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if type(child) is NavigableString:  # not comments, CDATA or doctypes (subclasses)
                self._buf.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    self.flush()
                elif child.name == "table":
                    self.flush()
                    self._table(child)
                elif child.name in BLOCK_TAGS:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)

    def _table(self, table: Tag) -> None:
        if not _is_data_table(table):  # page layout: its cells are paragraphs
            for cell in _own_rows_cells(table):
                self.walk(cell)
                self.flush()
            return
        self.lines += [row_line(row) for row in grid(table)]


def _cell_text(cell: Tag) -> str:
    """A cell's text on one line: its paragraphs and `<br>`-wrapped lines joined."""
    walker = _Lines()
    walker.walk(cell)
    walker.flush()
    return join_wrapped(walker.lines)


def _rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _own_rows_cells(table: Tag) -> list[Tag]:
    return [td for tr in _rows(table) for td in tr.find_all(("td", "th"), recursive=False)]


def _is_data_table(table: Tag) -> bool:
    """Holds no other table and has at least two rows with two or more non-empty cells."""
    if table.find("table") is not None:
        return False
    filled = [sum(bool(td.get_text(strip=True)) for td in tr.find_all(("td", "th"), recursive=False))
              for tr in _rows(table)]
    return sum(n >= 2 for n in filled) >= 2


def _span(cell: Tag, attr: str, rows_left: int) -> int:
    raw = str(cell.get(attr) or "1").strip()
    n = int(raw) if raw.isdigit() else 1
    return max(1, min(rows_left if n == 0 else n, MAX_SPAN))  # rowspan="0": to the end of the table


def grid(table: Tag) -> list[list[str]]:
    """The table's rows with rowspan/colspan expanded into a rectangle of cell texts."""
    trs = _rows(table)
    carried: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    out = []
    for i, tr in enumerate(trs):
        row: dict[int, str] = {}
        for col in list(carried):
            row[col] = ""
            carried[col] -= 1
            if not carried[col]:
                del carried[col]
        col = 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            while col in row:
                col += 1
            rowspan, colspan = _span(cell, "rowspan", len(trs) - i), _span(cell, "colspan", MAX_SPAN)
            text = _cell_text(cell)
            for dc, value in enumerate([text] + covered(text, colspan)):
                row[col + dc] = value
                if rowspan > 1:
                    carried[col + dc] = rowspan - 1
            col += colspan
        out.append([row.get(c, "") for c in range(max(row) + 1)] if row else [])
    return out
