"""What the pages keep in memory (``memo``) must never show stale findings, and the
``Server-Timing`` instrumentation (``timing``) must report the parts the load bench reads."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")

from fastapi.testclient import TestClient

from juesuan.web.conftest import bearer, login, wait_done
from juesuan.web.test_api import upload

TEXT = """2023年度北京市东城区示例局部门决算公开说明
一、收入支出决算总体情况说明
2023年度收入总计比上年增加（减少）110,368.01元。
"""


def test_kept_findings_follow_a_new_check(client: TestClient) -> None:
    """A document checked again gets a new ``finished`` time, so its page shows the new
    findings, not the kept ones; a review changes the kept item's verdict mark."""
    from juesuan.web import worker

    h = bearer(client, "rev")
    [doc] = upload(client, h, ("a.txt", TEXT.encode()))
    d = wait_done(client, doc["id"], h)
    login(client, "rev")
    first = d["report"]["documents"][0]["findings"]
    assert first, "the sample should give at least one finding"
    page = client.get(f"/documents/{doc['id']}").text
    assert all(f"?finding={f['id']}" in page for f in first)

    fake = dict(d["report"]["documents"][0], findings=[dict(first[0], message="改过的问题说明")])
    fake["findings"][0]["key"] = "k-new"
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    result: dict[str, Any] = {"report": fake, "title": "", "department": "", "year": None}
    result["lines"] = []
    worker.save_result(sessions, doc["id"], result)
    page = client.get(f"/documents/{doc['id']}").text
    assert "改过的问题说明" in page
    assert page.count('class="finding ') == 1

    [fid] = re.findall(r"\?finding=(\d+)", page)[:1]
    assert 'verdict-confirmed"' not in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    r = client.post(
        f"/findings/{fid}/review",
        data={"verdict": "confirmed", "csrf": csrf.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert 'verdict-confirmed"' in client.get(f"/documents/{doc['id']}").text


def test_server_timing_parts(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from juesuan.web import timing

    h = bearer(client, "rev")
    assert "server-timing" not in client.get("/api/me", headers=h).headers
    monkeypatch.setattr(timing, "ENABLED", True)
    parts = dict(
        p.strip().split(";dur=")
        for p in client.get("/api/documents", headers=h).headers["server-timing"].split(",")
    )
    assert {"app", "wait", "db"} <= set(parts)
    assert 0 <= float(parts["wait"]) <= float(parts["app"])
