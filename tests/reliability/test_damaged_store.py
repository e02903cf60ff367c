"""A damaged store gives one clear line with what to do, from every command (issue: raw DatabaseError
and `no such table` tracebacks)."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from nianbao.cli import main
from tests.support.backends import sqlite_only

pytestmark = sqlite_only  # the damage is to the SQLite file

COMMANDS = [["reports"], ["facts"], ["findings"], ["ask", "鹿城区统计局2020年收到多少件申请？"],
            ["ingest", "{samples}"], ["doctor"], ["doctor", "--repair"]]


def _garbage(db):
    db.mkdir()
    (db / "nianbao.sqlite3").write_bytes(b"this is not a database at all" * 100)


def _foreign(db):
    db.mkdir()
    conn = sqlite3.connect(db / "nianbao.sqlite3")
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage", [_garbage, _foreign], ids=["garbage", "foreign"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_damaged_store_is_one_clear_line(tmp_path, damage, command):
    from tests.support.gold import SAMPLES_DIR

    db = tmp_path / "db"
    damage(db)
    args = [a.replace("{samples}", str(SAMPLES_DIR / "000_2133ae744f48d674.txt")) for a in command]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    text = result.output
    assert result.exit_code != 0
    assert "Traceback" not in text and "DatabaseError" not in text.split("(")[0]
    assert "damaged or not a nianbao store" in text and "move it away" in text, text
