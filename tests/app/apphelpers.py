"""Helpers shared by the app tests: the app's environment, AppTest driving, loose text checks."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EMBEDDER = "hash"  # the deterministic test embedder of vectorstore.embedders (dense part of hybrid search)


def app_env(db: Path) -> dict[str, str]:
    return {"NIANBAO_DB": str(db), "NIANBAO_EMBED_MODEL": EMBEDDER}


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=120)


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Go to one of the app's st.navigation pages (callables, which AppTest.switch_page cannot reach: it
    takes page files; the page hash of a callable page is the hash of its url_path)."""
    at._page_hash = calc_hash(url_path)
    return at.run()


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question)
    return at.run()


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def texts(at: AppTest) -> str:
    """All the text the main area shows (markdown, alerts, captions), for loose checks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(parts)
