"""Fixtures for the web tests: an app on a fresh database (SQLite always; PostgreSQL too
when ``JUESUAN_TEST_PG`` holds a URL), with checks in threads so tests stay light."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")

from fastapi.testclient import TestClient

from juesuan.web.config import Settings

PASSWORD = "correct-horse-1"
DBS = ["sqlite"] + (["postgresql"] if os.environ.get("JUESUAN_TEST_PG") else [])


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A database of this run's own on the server ``JUESUAN_TEST_PG`` names (whose database
    is only connected to): two runs at once, say from two worktrees, each drop and rebuild
    their own tables. Created here and dropped when the run ends; the role needs CREATEDB."""
    import secrets

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    base = make_url(os.environ["JUESUAN_TEST_PG"])
    name = f"juesuan_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            # WITH (FORCE): an engine a failed test left open must not keep the database
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _reset_pg(url: str) -> None:
    from sqlalchemy import text

    from juesuan.web.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=DBS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        _reset_pg(url)
    return Settings(
        data_dir=tmp_path / "data",
        db_url=url,
        workers=1,
        worker_mode="thread",
        max_upload=8 * 1024 * 1024,
    )


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2, at a cost that keeps the tests quick (hashes record their parameters)."""
    from juesuan.web import security

    monkeypatch.setattr(security, "COST", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


@pytest.fixture
def make_user(settings: Settings) -> Callable[..., None]:
    from juesuan.web.cli import add_user

    def make(name: str, org: str = "甲局", admin: bool = False) -> None:
        add_user(settings, name, PASSWORD, admin, org)

    return make


@pytest.fixture
def client(settings: Settings, make_user: Callable[..., None]) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from juesuan.web.app import create_app

    make_user("admin", admin=True)
    make_user("rev")
    make_user("other", org="乙局")
    with TestClient(create_app(settings)) as c:
        yield c


def bearer(client: TestClient, name: str) -> dict[str, str]:
    r = client.post("/api/tokens", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def wait_done(
    client: TestClient, doc_id: int, headers: dict[str, str], limit: float = 60
) -> dict[str, Any]:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        d = client.get(f"/api/documents/{doc_id}", headers=headers).json()
        if d["status"] in ("done", "failed"):
            return d
        time.sleep(0.1)
    raise AssertionError(f"document {doc_id} not checked within {limit}s")


def login(client: TestClient, name: str) -> str:
    """Sign in through the form; returns the session's CSRF token (from the page)."""
    import re

    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    r = client.post(
        "/login",
        data={"name": name, "password": PASSWORD, "csrf": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    home = client.get("/")
    m = re.search(r'name="csrf-token" content="([^"]+)"', home.text)
    assert m
    return m.group(1)
