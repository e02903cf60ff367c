"""Shared click helpers for every sub-command module (kept apart from the group to avoid import cycles)."""
from __future__ import annotations

import functools
import sys

import click

from nianbao.errors import UserError


def user_errors(fn):
    """Turn a `UserError` into one line on stderr and exit code 2 (bugs still raise)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UserError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(2)

    return wrapper


db_option = click.option(
    "--db", "db", type=click.Path(file_okay=False), default=None,
    help="Data folder (default: $NIANBAO_DB or ./nianbao_data).",
)
