"""Accounts: an admin deactivates a user (their sessions and tokens stop at once), and the
login throttle, whose state is in the database and so holds across server processes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")

from fastapi.testclient import TestClient

from juesuan.web.config import Settings
from juesuan.web.conftest import PASSWORD, bearer, login


def test_deactivated_user_is_shut_out_at_once(client: TestClient) -> None:
    admin = bearer(client, "admin")
    token = bearer(client, "rev")
    browser = TestClient(client.app)  # rev, signed in through the form
    login(browser, "rev")
    assert browser.get("/").status_code == 200
    assert client.get("/api/me", headers=token).status_code == 200

    r = client.patch("/api/users/rev", headers=admin, json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert client.get("/api/me", headers=token).status_code == 401
    assert browser.get("/api/documents").status_code == 401
    assert browser.get("/", follow_redirects=False).headers["location"] == "/login"
    r = client.post("/api/tokens", json={"name": "rev", "password": PASSWORD})
    assert r.status_code == 401
    users = {
        u["name"]: u["active"] for u in client.get("/api/users", headers=admin).json()["users"]
    }
    assert users["rev"] is False
    events = client.get("/api/audit", headers=admin).json()["events"]
    assert any(e["action"] == "user.deactivate" and e["target"] == "rev" for e in events)

    # reactivated: rev signs in again; what rev held before stays dead
    r = client.patch("/api/users/rev", headers=admin, json={"active": True})
    assert r.status_code == 200 and r.json()["active"] is True
    assert client.get("/api/me", headers=token).status_code == 401
    assert browser.get("/api/documents").status_code == 401
    assert client.get("/api/me", headers=bearer(client, "rev")).json()["name"] == "rev"


def test_who_may_deactivate_whom(client: TestClient) -> None:
    admin, rev = bearer(client, "admin"), bearer(client, "rev")
    assert client.patch("/api/users/admin", headers=rev, json={"active": False}).status_code == 403
    # another organization's user is not found; nobody locks themselves out
    assert (
        client.patch("/api/users/other", headers=admin, json={"active": False}).status_code == 404
    )
    assert (
        client.patch("/api/users/nobody", headers=admin, json={"active": False}).status_code == 404
    )
    r = client.patch("/api/users/admin", headers=admin, json={"active": False})
    assert r.status_code == 422
    assert client.get("/api/me", headers=bearer(client, "other")).status_code == 200
    assert client.get("/api/me", headers=admin).status_code == 200
    assert client.patch("/api/users/rev", headers=admin, json={}).status_code == 422


def test_deactivate_from_the_admin_page(client: TestClient) -> None:
    import re

    rev = TestClient(client.app)
    login(rev, "rev")
    csrf = login(client, "admin")
    page = client.get("/admin").text
    m = re.search(
        r'action="/admin/users/(\d+)/active"[^<]*<input[^>]*>\s*<input[^>]*value="0">\s*<button[^>]*data-user="rev"',
        page,
    )
    assert m, page
    target = f"/admin/users/{m.group(1)}/active"
    assert client.post(target, data={"active": "0"}, follow_redirects=False).status_code == 403
    r = client.post(target, data={"active": "0", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert rev.get("/api/documents").status_code == 401
    assert ">重新启用<" in client.get("/admin").text
    # a reviewer cannot use the form
    client.cookies.clear()
    csrf = login(client, "other")
    r = client.post(target, data={"active": "1", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 403


def _fail(c: TestClient, name: str, times: int) -> list[int]:
    return [
        c.post("/api/tokens", json={"name": name, "password": "wrong-password"}).status_code
        for _ in range(times)
    ]


def test_throttle_is_shared_by_server_processes(client: TestClient, settings: Settings) -> None:
    """A second app on the same database (as a second server process would be) refuses a
    name+address that failed five times on the first one."""
    from juesuan.web.app import create_app

    assert _fail(client, "rev", 5) == [401] * 5
    other = create_app(settings)
    try:
        second = TestClient(other)
        r = second.post("/api/tokens", json={"name": "rev", "password": PASSWORD})
        assert r.status_code == 429
        # another name from the same address is not affected
        assert (
            second.post("/api/tokens", json={"name": "admin", "password": PASSWORD}).status_code
            == 200
        )
    finally:
        other.state.engine.dispose()


def test_success_resets_and_old_attempts_expire(client: TestClient) -> None:
    from sqlalchemy import func, select, update

    from juesuan.web.db import LoginAttempt

    assert _fail(client, "rev", 4) == [401] * 4
    bearer(client, "rev")  # the fifth try succeeds, and clears the count
    assert _fail(client, "rev", 5) == [401] * 5
    assert _fail(client, "rev", 1) == [429]
    # the same attempts, moved back past the window, no longer count (and are tidied away)
    app: Any = client.app
    sessions, window = app.state.sessions, app.state.throttle.window
    with sessions.begin() as db:
        db.execute(update(LoginAttempt).values(at=LoginAttempt.at - window - timedelta(seconds=1)))
    bearer(client, "rev")
    with sessions() as db:
        assert db.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_deactivate_and_activate_from_the_command_line(
    client: TestClient, settings: Settings
) -> None:
    """``juesuan user deactivate``/``activate`` do what the API's PATCH does, on the server's
    own database, while it runs; an unknown user is exit 2 with a Chinese message."""
    from typer.testing import CliRunner

    from juesuan import cli

    where = [
        "--data",
        str(settings.data_dir),
        *(["--db", settings.db_url] if settings.db_url else []),
    ]
    token = bearer(client, "rev")
    browser = TestClient(client.app)
    login(browser, "rev")
    r = CliRunner().invoke(cli.app, ["user", "deactivate", "rev", *where])
    assert r.exit_code == 0, r.output
    assert "已停用用户“rev”" in r.output
    assert client.get("/api/me", headers=token).status_code == 401
    assert browser.get("/api/documents").status_code == 401
    assert client.post("/api/tokens", json={"name": "rev", "password": PASSWORD}).status_code == 401
    admin = bearer(client, "admin")
    events = client.get("/api/audit", headers=admin).json()["events"]
    assert any(
        e["action"] == "user.deactivate" and e["target"] == "rev" and e["user"] == ""
        for e in events
    )

    r = CliRunner().invoke(cli.app, ["user", "activate", "rev", *where])
    assert r.exit_code == 0 and "已启用" in r.output
    assert client.get("/api/me", headers=token).status_code == 401  # old tokens stay dead
    assert client.get("/api/me", headers=bearer(client, "rev")).json()["name"] == "rev"

    r = CliRunner().invoke(cli.app, ["user", "deactivate", "nobody", *where])
    assert r.exit_code == 2
    assert "用户“nobody”不存在" in r.output


def test_token_from_the_command_line(client: TestClient, settings: Settings) -> None:
    """``juesuan user token NAME`` issues a bearer token the API accepts; an unknown user is
    exit 2 with a Chinese message."""
    from typer.testing import CliRunner

    from juesuan import cli

    where = [
        "--data",
        str(settings.data_dir),
        *(["--db", settings.db_url] if settings.db_url else []),
    ]
    r = CliRunner().invoke(cli.app, ["user", "token", "rev", "--label", "script", *where])
    assert r.exit_code == 0, r.output
    token = r.output.strip().splitlines()[-1]
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["name"] == "rev"
    r = CliRunner().invoke(cli.app, ["user", "token", "nobody", *where])
    assert r.exit_code == 2
    assert "用户“nobody”不存在" in r.output
