"""`python -m app_support.launch run app.py ...`: Streamlit's own command line, with the search model
(torch, the encoder and its weights) loaded in a background thread the moment the server process
starts. The app's warm-up (at the first page view) then finds it loaded instead of paying ~2.5 s for it
while the first question waits (scripts/app.sh starts the chat this way)."""
from __future__ import annotations

import sys
import threading
from pathlib import Path


def _preload() -> None:
    try:
        import torch  # noqa: F401
        import vectorstore.lean_bert  # noqa: F401
        from nianbao.config import load_settings
        from vectorstore.convert import model_dir
        from vectorstore.embedders import preload

        settings = load_settings()
        folder = Path(settings.embed_model).expanduser() if settings.embed_model else model_dir(settings.db)
        if (folder / "model.safetensors").exists() or (folder / "modules.json").exists():
            preload(folder)  # never converts: the first ingest writes the bundled model's folder
    except Exception:  # noqa: BLE001 - a head start only: the app loads these itself when it needs them
        pass


def main() -> int:
    threading.Thread(target=_preload, name="nianbao-preload", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    return streamlit_main()


if __name__ == "__main__":
    sys.exit(main())
