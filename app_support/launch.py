"""`python -m app_support.launch run app.py ...`: Streamlit's own command line, with the heavy imports of a
passage question (torch and the encoder) started in a background thread the moment the server process
starts. The app's warm-up (at the first page view) then finds them imported instead of paying ~2 s for
them while the first question waits (scripts/app.sh starts the chat this way)."""
from __future__ import annotations

import sys
import threading


def _preload() -> None:
    try:
        import torch  # noqa: F401
        import vectorstore.lean_bert  # noqa: F401
    except Exception:  # noqa: BLE001 - a head start only: the app imports these itself when it needs them
        pass


def main() -> int:
    threading.Thread(target=_preload, name="nianbao-preload", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    return streamlit_main()


if __name__ == "__main__":
    sys.exit(main())
