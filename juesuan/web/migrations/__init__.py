"""Alembic migrations, shipped inside the package and run when the server starts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

HERE = Path(__file__).resolve().parent


def upgrade(engine: Engine) -> None:
    """Bring the database at ``engine`` to the newest schema."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
