"""`nianbao search` and `nianbao eval-retrieval`: argument parsing and printing only."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from nianbao.cliutil import db_option, user_errors
from nianbao.config import load_settings
from nianbao.errors import UserError
from nianbao.models import Passage

SNIPPET_CHARS = 160


def search_json(query: str, mode: str, passages: list[Passage]) -> dict:
    """The search contract of gold/QA.md, field for field."""
    return {"query": query, "mode": mode, "results": [
        {"file": p.file, "report": p.report_id, "agency": p.agency, "year": p.year, "section": p.section,
         "heading": p.heading, "lines": [p.lines[0], p.lines[1]], "score": round(p.score, 4), "text": p.text}
        for p in passages]}


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[:SNIPPET_CHARS] + "…"


def render_passages(passages: list[Passage]) -> str:
    lines = []
    for rank, p in enumerate(passages, 1):
        where = f"{p.heading}" + (f" / {p.subheading}" if p.subheading else "")
        lines.append(f"{rank}. {p.file}  {p.agency or '?'} {p.year or ''}  [{p.section}] {where}  "
                     f"lines {p.lines[0]}-{p.lines[1]}  score {p.score:.3f}")
        lines.append(f"   {_snippet(p.text)}")
    return "\n".join(lines)


@click.command()
@click.argument("query")
@click.option("-k", "--k", "k", type=click.IntRange(1, 100), default=5, show_default=True, help="Number of passages.")
@click.option("--agency", help="Only reports of this agency (substring: 鹿城区统计局 matches 温州市鹿城区统计局).")
@click.option("--year", type=int, help="Only reports of this report year.")
@click.option("--section", help="Only this canonical section: 一 二 三 四 五 六 (or 1-6).")
@click.option("--province", help="Only reports from this province, e.g. 福建省.")
@click.option("--city", help="Only reports from this city, e.g. 福州市.")
@click.option("--county", help="Only reports from this county-level district, e.g. 鼓楼区.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True,
              help="hybrid = dense + lexical (reciprocal-rank fusion).")
@click.option("--json", "as_json", is_flag=True, help="Print the search contract JSON (gold/QA.md).")
@click.option("--no-server", is_flag=True, help="Search in this process even when `nianbao serve` runs.")
@db_option
@user_errors
def search(query, k, agency, year, section, province, city, county, mode, as_json, no_server, db):
    """Search the indexed report passages (through `nianbao serve` when it runs: no model load).

    Example: nianbao search "温泉街道存在哪些主要问题？" --k 3 --section 五 --json
    """
    from nianbao import server

    if not no_server:
        reply = server.request(server.data_folder(db), {"cmd": "search", "query": query, "k": k, "agency": agency, "year": year,
                                             "section": section, "province": province, "city": city,
                                             "county": county, "mode": mode})
        if reply is not None:
            if not reply.get("ok"):
                raise UserError(reply.get("error", "the server failed"))
            click.echo(json.dumps(reply["json"], ensure_ascii=False, indent=2) if as_json else reply["text"])
            return
    from vectorstore.index import open_index

    settings = load_settings(db=db)
    index = open_index(settings)
    if index.count() == 0:
        raise UserError(f"No passages are indexed in {settings.db}; run `nianbao ingest data/samples "
                        f"--db {settings.db}` first.")
    passages = index.search(query, k=k, mode=mode, agency=agency, year=year, section=section,
                            province=province, city=city, county=county)
    if as_json:
        click.echo(json.dumps(search_json(query, mode, passages), ensure_ascii=False, indent=2))
    elif not passages:
        click.echo("No passages match.")
    else:
        click.echo(render_passages(passages))


@click.command("eval-retrieval")
@db_option
@click.option("--reports", "reports_dir", type=click.Path(exists=True, file_okay=False),
              help="Report files to index into a temporary index (default: the bundled samples).")
@click.option("--dataset", type=click.Path(exists=True, dir_okay=False), help="Cases (default: eval/retrieval.jsonl).")
@click.option("--in-place", is_flag=True, help="Search the data folder's own index instead of a temporary one.")
@click.option("--misses", is_flag=True, help="Also list the hybrid cases whose gold is not all in the top 5.")
@user_errors
def eval_retrieval(db, reports_dir: Optional[str], dataset: Optional[str], in_place: bool, misses: bool):
    """Recall@1, recall@5 and MRR of dense, lexical and hybrid search on the retrieval cases.

    Example: nianbao eval-retrieval --db nianbao_data --misses
    """
    from eval import retrieval

    report = retrieval.run(load_settings(db=db), reports_dir=Path(reports_dir) if reports_dir else None,
                           dataset=Path(dataset) if dataset else retrieval.DATASET, in_place=in_place)
    click.echo(report.table())
    if misses:
        for miss in report.misses():
            click.echo(f"miss {miss.id}: R@5={miss.recall_at_5:.2f} top={' '.join(miss.top)}")


commands = [search, eval_retrieval]
