#!/usr/bin/env bash
# Set up, ingest the bundled sample reports when the store is empty, and open the chat.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export NIANBAO_DB=${NIANBAO_DB:-nianbao_data}
# the store of the data folder: the SQLite file there, or its schema on the server NIANBAO_DB_URL names
if ! .venv/bin/python -c 'import os, sys; from pathlib import Path; from ingest.store import exists; sys.exit(0 if exists(Path(os.environ["NIANBAO_DB"])) else 1)'; then
  echo "[app] ingesting the bundled sample reports into $NIANBAO_DB (first time: the search model is prepared too)" >&2
  .venv/bin/nianbao ingest data/samples
fi
.venv/bin/nianbao reports
echo "[app] starting the chat (http://${NIANBAO_ADDRESS:-127.0.0.1}:8501 unless --server.port says otherwise; Ctrl-C stops)" >&2
if [ -f app.py ]; then
  # loopback only unless NIANBAO_ADDRESS says otherwise; no usage statistics, no IP lookup
  # app_support.launch is `streamlit` with the search model's imports started at once (see its docstring)
  exec .venv/bin/python -m app_support.launch run app.py --server.headless true --server.address "${NIANBAO_ADDRESS:-127.0.0.1}" \
    --browser.gatherUsageStats false "$@"
fi
