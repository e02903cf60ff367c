#!/usr/bin/env bash
# Set up, ingest the bundled sample reports when the store is empty, and open the chat.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export NIANBAO_DB=${NIANBAO_DB:-nianbao_data}
if [ ! -f "$NIANBAO_DB/nianbao.sqlite3" ]; then
  .venv/bin/nianbao ingest data/samples
fi
.venv/bin/nianbao reports
if [ -f app.py ]; then
  exec .venv/bin/streamlit run app.py --server.headless true "$@"
fi
