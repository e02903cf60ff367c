"""`nianbao eval`: argument parsing and printing only."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from nianbao.cliutil import db_option, user_errors
from nianbao.config import load_settings

DEFAULT_OUT = Path("eval") / "out"


@click.command("eval")
@click.argument("cases_file", metavar="CASES.jsonl", type=click.Path(dir_okay=False))
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for results.jsonl, summary.md, summary.json (default: eval/out/<timestamp>/).")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score plain top-5 dense retrieval (no SQL) on the same cases, optimistically.")
@user_errors
def eval_command(cases_file, db, out_dir, baseline):
    """Run every question of CASES.jsonl (the format of gold/QA.md) through `nianbao ask`'s answer
    function, score it, and print accuracy per kind beside the baseline's.

    \b
    Examples:
      nianbao eval eval/qa_dev.jsonl --db nianbao_data
      nianbao eval eval/qa_stranger.jsonl --no-baseline --out /tmp/eval-stranger
    """
    from tqdm import tqdm

    from eval import report, runner

    settings = load_settings(db=db)
    out = Path(out_dir) if out_dir else DEFAULT_OUT / datetime.now().strftime("%Y%m%d-%H%M%S")

    def progress(cases):
        return tqdm(cases, desc="eval", unit="case", file=sys.stderr, leave=False)

    result = runner.run_file(Path(cases_file), settings, baseline=baseline, progress=progress)
    summary = report.write(result, out)
    click.echo(report.table(summary))
    click.echo(f"wrote {out / 'results.jsonl'}, {out / 'summary.md'}, {out / 'summary.json'}")


commands = [eval_command]
