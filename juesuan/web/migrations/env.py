"""Alembic environment: the connection comes from ``upgrade`` (never from an ini file)."""

from __future__ import annotations

from alembic import context

from juesuan.web.db import Base

conn = context.config.attributes.get("connection")
if conn is None:
    raise RuntimeError("run migrations through juesuan.web.migrations.upgrade")
context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
