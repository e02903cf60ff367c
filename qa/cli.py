"""`nianbao ask`: argument parsing and printing only."""
from __future__ import annotations

import json

import click

from nianbao.cliutil import db_option, user_errors


@click.command()
@click.argument("question")
@click.option("--turn", "turns", multiple=True, metavar="EARLIER_QUESTION",
              help="An earlier question of the same chat; repeat for several, oldest first.")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object (the answer contract).")
@click.option("--no-server", is_flag=True, help="Answer in this process even when `nianbao serve` runs.")
@user_errors
def ask(question, turns, db, as_json, no_server):
    """Answer QUESTION (Chinese or English) from the ingested reports.

    Numbers come from SQL over the stored tables; the answer names the reports and cells it used,
    the query, and the reports it had to leave out.

    \b
    Examples:
      nianbao ask "鹿城区统计局2020年收到多少件政府信息公开申请？"
      nianbao ask "Which district spent most on procurement?" --json
      nianbao ask "那温泉街道呢？" --turn "鹿城区统计局2020年收到多少件政府信息公开申请？"

    With `nianbao serve` running for the data folder, the question goes to it (the search model stays
    loaded there); otherwise it is answered in this process.
    """
    from nianbao import server
    from nianbao.errors import UserError

    if not no_server:
        reply = server.request(server.data_folder(db), {"cmd": "ask", "question": question, "turns": list(turns)})
        if reply is not None:
            if not reply.get("ok"):
                raise UserError(reply.get("error", "the server failed"))
            click.echo(json.dumps(reply["json"], ensure_ascii=False, indent=2) if as_json else reply["text"])
            return
    from nianbao.config import load_settings
    from qa.api import answer

    settings = load_settings(db=db)
    result = answer(question, history=list(turns), settings=settings)
    if as_json:
        click.echo(json.dumps(result.contract(), ensure_ascii=False, indent=2))
        return
    click.echo(render(result))


def _item_value(value, unit, lang: str) -> str:
    """95 (not "95.0 count"), 475,976.05 元 (to the cent: a list is where figures are checked), 12.5%;
    text values as they are."""
    from qa.text import fmt_value

    if not isinstance(value, (int, float)):
        return str(value)
    if unit == "yuan" and not isinstance(value, bool):
        return f"{value:,.2f}".removesuffix(".00") + (" 元" if lang == "zh" else " yuan")
    return fmt_value(value, unit, lang)


def render(result) -> str:
    """The answer for people: text, items, citations, coverage, SQL."""
    lines = [result.text]
    if result.status != "answered":
        lines.append(f"[{result.status}]")
    if result.items:
        lines.append("")
        lines.append("Items:")
        lang = result.plan.language if result.plan else "zh"
        for i, item in enumerate(result.items, 1):
            value = "" if item.value is None else f"  {_item_value(item.value, item.unit, lang)}"
            year = f" ({item.year})" if item.year else ""
            lines.append(f"  {i}. {item.label}{year}{value}")
    if getattr(result, "items_total", None):
        lines.append(f"  … {result.items_total - len(result.items)} more (ask through the Python API with"
                     " max_items=None for all)")
    if result.citations:
        lines.append("")
        lines.append("Sources:")
        for c in result.citations:
            if c.key:
                page = f" (page {c.page})" if c.page else ""
                lines.append(f"  - {c.file} line {c.line}{page}: {c.key} = {c.raw!r}")
            else:
                lines.append(f"  - {c.file} section {c.section}: “{c.quote}”")
    if result.coverage.skipped:
        lines.append("")
        lines.append("Left out:")
        lines += [f"  - {s.label or s.report}: {s.why}" for s in result.coverage.skipped]
    if result.query:
        lines.append("")
        lines.append("SQL:")
        lines += ["  " + line for line in result.query.splitlines()]
    return "\n".join(lines)


@click.command()
@db_option
@user_errors
def serve(db):
    """Keep the search model and indexes loaded for `nianbao ask` and `nianbao search` (Ctrl-C stops).

    Listens on a Unix socket in the data folder (owner only; nothing on the network).

    Example: nianbao serve --db nianbao_data &  nianbao ask "温泉街道存在哪些主要问题？"
    """
    from nianbao import server
    from nianbao.config import load_settings

    settings = load_settings(db=db)
    srv = server.Server(settings)
    import signal
    import sys
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill`: close the socket on the way out
    click.echo(f"loading the model and indexes for {settings.db} …", err=True)
    seconds = srv.warm()
    click.echo(f"ready in {seconds:.1f} s: serving {server.socket_path(settings.db)} (Ctrl-C stops)", err=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


commands = [ask, serve]
