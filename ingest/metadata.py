"""Report metadata: agency (full name), kind, region, report year, published date, document number."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ingest.cells import norm
from ingest.gazetteer import gazetteer
from nianbao.models import Region

_SUFFIX = r"(?:统计局|人民政府|办事处|委员会|办公室|办公厅|街道|局|委|厅|院|署|中心|镇|乡|所|处|站|馆|会|队)"
_AGENCY = re.compile(rf"[\u4e00-\u9fa5（）()]{{2,40}}?{_SUFFIX}")
_TITLE = re.compile(r"^(?P<agency>[\u4e00-\u9fa5（）()]{2,40}?)(?P<year>20\d\d)年度?(?:政府)?信息公开")
# `2021年杭州市西湖区人民政府政府信息公开工作年度报告` (year first; 政府 may be shared with the name)
_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>20\d\d)年度?(?P<agency>[\u4e00-\u9fa5（）()]{2,40}?)(?:政府)?信息公开工作年度报告")
_PUBLISHED_IN_BODY = re.compile(r"(?:现公布|公布)(?P<agency>[\u4e00-\u9fa5]{2,30}?)(?P<year>20\d\d)年度?政府信息公开")
_CONTACT = re.compile(r"[可请]与(?P<agency>[\u4e00-\u9fa5]{2,30}?)联系")
_AUTHOR = re.compile(r"由(?P<agency>[\u4e00-\u9fa5]{2,30}?)(?:负责)?编制")
_PERIOD = re.compile(r"(?:统计时限|统计期限|时限)(?:为|是|自|从)?(?P<year>20\d\d)年1月1日")
_DATE = re.compile(r"^(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_CN_DATE = re.compile(r"^(?P<y>[二〇○零一三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$")
_DOCNO = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［【(（]20\d\d[〕\]］】)）]\d{1,4}号")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Metadata:
    agency: Optional[str]
    agency_full: Optional[str]
    agency_kind: Optional[str]
    region: Region
    year: Optional[int]
    published: Optional[str]
    document_number: Optional[str]


def _title(text: str) -> Optional[re.Match]:
    return _TITLE.match(text) or _TITLE_YEAR_FIRST.match(text)


def _clean(name: str) -> str:
    name = re.sub(r"[（(]\s*[)）]", "", norm(name))
    name = name.lstrip("#*")
    # 福州市鼓楼区人民政府温泉街道办事处 → 福州市鼓楼区温泉街道办事处
    return re.sub(r"人民政府(?=[\u4e00-\u9fa5]{1,8}(?:街道办事处|街道))", "", name)


def _head_lines(lines: list[str], first_section: int) -> list[str]:
    stop = first_section if first_section > 0 else min(len(lines), 15)
    return [norm(ln).strip("#*") for ln in lines[: max(stop, 3)] if norm(ln)]


def _candidates(lines: list[str], first_section: int) -> list[tuple[str, str]]:
    """(source, name) pairs in priority order: header line, title, signature, body mentions."""
    out: list[tuple[str, str]] = []
    for text in _head_lines(lines, first_section):
        m = _title(text)
        if m:
            out.append(("title", m.group("agency") + ("政府" if m.group("agency").endswith("人民") else "")))
        elif len(text) <= 40 and re.fullmatch(rf"{_AGENCY.pattern}[（()）\s]*", text):
            out.insert(0, ("header", text))
    tail = [norm(ln) for ln in lines[-12:] if norm(ln)]
    for text in reversed(tail):
        if len(text) <= 30 and re.fullmatch(rf"{_AGENCY.pattern}", text):
            out.append(("signature", text))
            break
    body = norm("\n".join(lines[:40]))
    for pattern in (_PUBLISHED_IN_BODY, _CONTACT, _AUTHOR):
        out += [("body", m.group("agency")) for m in pattern.finditer(body)]
    return [(src, _clean(name)) for src, name in out if _AGENCY.fullmatch(_clean(name))]


def agency_name(lines: list[str], first_section: int) -> Optional[str]:
    cands = _candidates(lines, first_section)
    if not cands:
        return None
    base = cands[0][1]
    for _, other in cands[1:]:
        i = other.find(base)
        if i > 0 and re.search(r"(省|市|州|盟|区|县)$", other[:i]):
            base = other[:i] + base  # the same agency with its region written out: 温州市 + 鹿城区统计局
        elif other.endswith(base[-4:]) and len(other) > len(base) and base in other:
            base = other
    return base


def agency_kind(name: str) -> str:
    if re.search(r"街道(办事处)?$|街道办", name):
        return "street_office"
    if re.search(r"[镇乡](人民政府)?$", name):
        return "township"
    if re.search(r"人民政府(办公室|办公厅)?$", name):
        return "government"
    return "department"


def report_year(lines: list[str], first_section: int) -> Optional[int]:
    for text in _head_lines(lines, first_section):
        m = _title(text)
        if m:
            return int(m.group("year"))
    body = norm("\n".join(lines[:60]))
    for pattern in (_PERIOD, _PUBLISHED_IN_BODY, re.compile(r"(?P<year>20\d\d)年度?政府信息公开工作年度报告")):
        m = pattern.search(body)
        if m:
            return int(m.group("year"))
    years = Counter(int(y) for y in re.findall(r"(20\d\d)年", body))
    return years.most_common(1)[0][0] if years else None


def _cn_number(s: str) -> int:
    if len(s) == 4:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def published_date(lines: list[str]) -> Optional[str]:
    for ln in reversed(lines[-12:]):
        text = norm(ln)
        m = _DATE.match(text)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        m = _CN_DATE.match(text)
        if m:
            return f"{_cn_number(m['y']):04d}-{_cn_number(m['m']):02d}-{_cn_number(m['d']):02d}"
    return None


def extract(lines: list[str], first_section: int) -> Metadata:
    """Everything but the tables; `first_section` is the 0-based line of section 一 (or -1)."""
    name = agency_name(lines, first_section)
    text = "\n".join(lines)
    region = gazetteer().resolve(name, text) if name else Region()
    full = name
    if name and region.city and region.county and region.city not in name and region.county in name:
        full = region.city + name[name.index(region.county):]
    # a standalone line (温泉街办〔2021〕1号), not a notice cited in the intro (国办公开办函〔2021〕30号)
    doc = next((m for m in (_DOCNO.fullmatch(norm(ln)) for ln in lines[:20] if len(ln) <= 40) if m), None)
    return Metadata(agency=name, agency_full=full, agency_kind=agency_kind(name) if name else None,
                    region=region, year=report_year(lines, first_section), published=published_date(lines),
                    document_number=doc.group(0) if doc else None)
