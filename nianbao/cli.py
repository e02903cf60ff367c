"""The `nianbao` command: parses arguments, calls one library function, prints the result or one clear error."""
from __future__ import annotations

import importlib

import click

from nianbao.cliutil import db_option, user_errors  # noqa: F401  (re-exported for sub-commands)

# Sub-commands live next to the code they drive; each module exposes `commands: list[click.Command]`.
COMMAND_MODULES = ["ingest.cli", "vectorstore.cli", "qa.cli", "eval.cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """年报问答 nianbao: ingest government information-disclosure annual reports and ask them questions.

    Example: nianbao ingest data/samples && nianbao ask "鹿城区统计局2020年收到多少件申请？"
    """


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name in (name, name.split(".")[0]):  # that part of the product is not installed
                continue
            raise
        for command in getattr(module, "commands", []):
            main.add_command(command)


_register()

if __name__ == "__main__":
    main()
