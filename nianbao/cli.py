"""The `nianbao` command: parses arguments, calls one library function, prints the result or one clear error."""
from __future__ import annotations

import importlib
from typing import Optional

import click

from nianbao.cliutil import db_option, user_errors  # noqa: F401  (re-exported for sub-commands)

# Sub-commands live next to the code they drive; each module exposes `commands: list[click.Command]`.
# A command's module is imported when that command runs (`nianbao ask` through `nianbao serve` starts in
# a fraction of a second instead of importing the ingest side); `--help` imports them all. A test keeps
# this table equal to what the modules define.
COMMANDS = {
    "ingest": "ingest.cli", "reports": "ingest.cli", "facts": "ingest.cli", "findings": "ingest.cli",
    "audit": "ingest.cli", "bench": "ingest.cli", "doctor": "ingest.cli",
    "search": "vectorstore.cli", "eval-retrieval": "vectorstore.cli",
    "ask": "qa.cli", "serve": "qa.cli", "eval": "eval.cli",
}
COMMAND_MODULES = list(dict.fromkeys(COMMANDS.values()))


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self.get_command(ctx, name) is not None)

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name not in self.commands and name in COMMANDS:
            try:
                module = importlib.import_module(COMMANDS[name])
            except ModuleNotFoundError as e:
                if e.name in (COMMANDS[name], COMMANDS[name].split(".")[0]):  # that part is not installed
                    return None
                raise
            for command in getattr(module, "commands", []):
                self.add_command(command)
        return self.commands.get(name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """年报问答 nianbao: ingest government information-disclosure annual reports and ask them questions.

    Example: nianbao ingest data/samples && nianbao ask "鹿城区统计局2020年收到多少件申请？"
    """


if __name__ == "__main__":
    main()
