#!/usr/bin/env bash
# Create ./.venv and install the pinned dependency set (torch pinned to the 2.13.0 CPU build).
# Idempotent: a second run only checks that the lock is satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
say() { echo "[setup] $*" >&2; }
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$PY" --version 2>&1)"
  "$PY" -m venv .venv
fi
# pip warns once per package about this machine's optional local indexes; keep the log readable
quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
stamp=.venv/.nianbao-lock
if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
  say "installing the pinned dependencies (requirements.lock; first time ~3 min, 2.3 GB)"
  quiet .venv/bin/pip install -q --upgrade pip
  # torch first and pinned: unpinned, pip would take a newer torch with several GB of CUDA packages.
  quiet .venv/bin/pip install -q torch==2.13.0
  quiet .venv/bin/pip install -q -r requirements.lock
  cp requirements.lock "$stamp"
  say "dependencies installed"
fi
# the project itself, editable: again only when pyproject.toml changed (pip warns on every editable install)
project=.venv/.nianbao-project
if [ ! -x .venv/bin/nianbao ] || [ ! -f "$project" ] || ! cmp -s pyproject.toml "$project"; then
  say "installing nianbao (editable)"
  quiet .venv/bin/pip install -q --no-deps -e . 2> >(grep -v -e "WheelFile" -e "^  !!" -e "^\s*\*\*\*" >&2)
  cp pyproject.toml "$project"
fi
