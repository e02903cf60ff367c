"""`nianbao ingest | reports | facts | findings | audit | bench | doctor`: argument parsing and printing only."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from ingest import exports, store
from ingest.pipeline import ingest_paths
from nianbao.cliutil import db_option, user_errors
from nianbao.config import load_settings


def _progress_bar():
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(done: int, total: int, what: str) -> None:
        # files read and stored, then reports whose passages are embedded (the index counts reports)
        name, desc, unit = ("passages", "index passages", "report") if what == "passages" else \
            ("files", "read files", "file")
        bar = bars.get(name)
        if bar is None:
            bar = bars[name] = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
        bar.update(done - bar.n)  # increments, so tqdm's rate is per file (setting n made it nonsense)
        if done >= total:
            bar.close()

    return update


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--no-passages", is_flag=True, help="Store tables and sections only; skip embedding passages.")
@click.option("--strict", is_flag=True, help="Refuse incomplete reports (a section missing, table cells not read) "
                                             "instead of storing what they have.")
@user_errors
def ingest(paths, db, no_passages, strict):
    """Ingest report files or folders (.txt .md .html .htm .pdf .docx) into the store.

    Example: nianbao ingest data/samples --db nianbao_data

    Prints one line per file (ok / warn / FAIL with the reason); exit code 1 when any file failed.
    """
    settings = load_settings(db=db)
    summary = ingest_paths([Path(p) for p in paths], settings.db, settings, index_passages=not no_passages,
                           progress=_progress_bar(), strict=strict)
    for r in summary.results:
        tag = {"ok": "ok  ", "warnings": "warn", "failed": "FAIL", "duplicate": "dup "}[r.status]
        click.echo(f"{tag}  {r.path}: {r.message}")
        for w in r.warnings:
            click.echo(f"        - {w}")
    if summary.index_rebuilt:
        click.echo(f"note: {summary.index_rebuilt}", err=True)
    if summary.index_error:
        click.echo(f"warning: {summary.index_error}", err=True)
    dups = sum(r.status == "duplicate" for r in summary.results)
    ok = len(summary.results) - len(summary.failed) - dups
    # (a store on a server is named with it: the folder alone does not hold the facts)
    where = settings.db if store.server_url() is None else f"{settings.db} (facts on {store.where(settings.db)})"
    click.echo(f"{ok} of {len(summary.results)} files ingested into {where}"
               + (f", {dups} duplicates of stored reports" if dups else "")
               + (f", {summary.chunks} passages indexed" if summary.chunks else ""))
    sys.exit(1 if summary.failed else 0)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@user_errors
def reports(db, fmt):
    """List the reports in the store with their metadata.

    Example: nianbao reports --format jsonl
    """
    rows = exports.report_rows(load_settings(db=db).db)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    cols = ["id", "file", "agency", "year", "template", "province", "city", "county", "township", "published",
            "facts", "cells_read", "cells_not_read", "confidence", "findings", "answered_from"]
    for r in rows:  # another version of the same report (same agency and year) is the one answers use
        r["answered_from"] = "yes" if r["other_version_of"] is None else f"no: version of {r['other_version_of']}"
    click.echo(exports.text_table([[str(r.get(c) if r.get(c) is not None else "") for c in cols] for r in rows], cols))


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--report", "report_id", default=None, help="Only this report id.")
@user_errors
def facts(db, fmt, report_id):
    """Export every table cell: file, report, agency, year, template, key, value, state, unit, raw, line.

    Example: nianbao facts --format csv > facts.csv
    """
    rows = exports.fact_rows(load_settings(db=db).db, report_id)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=exports.FACT_FIELDS)
    writer.writeheader()
    writer.writerows(rows)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@user_errors
def findings(db, fmt):
    """List data-quality findings: failed balance rules, narrative vs table, unreadable cells, guessed units.

    Example: nianbao findings --format jsonl
    """
    rows = exports.finding_rows(load_settings(db=db).db)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    cols = ["file", "agency", "rule", "line", "message"]
    click.echo(exports.text_table([[str(r.get(c) if r.get(c) is not None else "") for c in cols] for r in rows], cols))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--gold", "gold_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold answer keys (JSON, one per report); may be given more than once.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole audit as JSON.")
@click.option("--all", "show_all", is_flag=True, help="List every wrong cell, not only the first three per file.")
@user_errors
def audit(paths, gold_dirs, as_json, show_all):
    """Read reports without storing them and say how well each was read (against gold if given).

    Example: nianbao audit ../shared/wild/pages --gold ../shared/wild/gold

    Per file: layout kept, cells read / not read, balance rules passed / failed, agency, year, and with
    gold: right / not read / wrong cells. The TOTAL lines sum them.
    """
    from ingest import audit as auditing

    audits, totals = auditing.audit_paths([Path(p) for p in paths], [Path(g) for g in gold_dirs],
                                          progress=_progress_bar())
    if as_json:
        click.echo(auditing.as_json(audits, totals))
        return
    for a in audits:
        name = Path(a.file).name
        if a.status == "refused":
            click.echo(f"REFUSED {name}: {a.message}")
            continue
        line = (f"{name}: {a.agency or '?'} {a.year or '?'} t{a.template} [{a.layout}] read {a.cells_read} "
                f"not-read {a.cells_not_read} rules {a.rules_passed}/{a.rules_passed + a.rules_failed} "
                f"conf {a.confidence:.2f}")
        if a.gold:
            line += (f" | gold right {a.right} not-read {a.not_read} wrong {a.wrong} agency {a.agency_verdict}"
                     f" year {'ok' if a.year_right else 'WRONG'}")
        click.echo(line)
        for w in a.wrong_cells if show_all else a.wrong_cells[:3]:
            click.echo(f"    WRONG {w}")
    click.echo(auditing.total_line(totals))


@click.command()
@click.option("--copies", default=1000, show_default=True, help="How many report files to generate and ingest.")
@click.option("--questions", "sizes", default=None, metavar="N,N,...",
              help="Instead: question latency per kind on synthetic corpora of these sizes (e.g. 1000,10000).")
@click.option("--repeat", default=20, show_default=True, help="With --questions: timed calls per question.")
@click.option("--passages-up-to", "passages_up_to", default=10000, show_default=True, metavar="N",
              help="With --questions: corpora of at most N reports also get a passage index (cloned vectors); 0: none.")
@user_errors
def bench(copies, sizes, repeat, passages_up_to):
    """Benchmark parse+store throughput (reports/s) on the bundled samples copied to N distinct files,
    or (--questions) answer latency and size at several corpus sizes.

    Examples: nianbao bench --copies 1000; nianbao bench --questions 1000,10000
    """
    from ingest.bench import run_bench, run_question_bench

    if sizes:
        try:
            counts = [int(s) for s in sizes.split(",") if s.strip()]
        except ValueError:
            raise click.BadParameter(f"{sizes!r}: give report counts separated by commas, e.g. 1000,10000")
        click.echo(run_question_bench(counts, repeat, passages_up_to=passages_up_to))
    else:
        click.echo(run_bench(copies))


@click.command()
@db_option
@click.option("--repair", is_flag=True, help="Fix what can be fixed from the store: orphan rows, versions, the "
                                             "passage index (stale passages removed, missing ones embedded).")
@click.option("--no-index", is_flag=True, help="Check the SQLite store only (no passage index).")
@user_errors
def doctor(db, repair, no_index):
    """Check that the store is whole and the passage index in step with it (after a crash, a full disk,
    a copied folder).

    Example: nianbao doctor --db nianbao_data && nianbao doctor --db nianbao_data --repair

    One line per check (ok / PROBLEM / repaired); exit code 1 when a problem remains.
    """
    from ingest.doctor import examine, render

    settings = load_settings(db=db)
    report = examine(settings.db, settings, repair=repair, index=not no_index)
    click.echo(render(report, repair))
    sys.exit(0 if report.healthy else 1)


commands = [ingest, reports, facts, findings, audit, bench, doctor]
