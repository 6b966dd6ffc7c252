"""The JSON API: uploads, the queue, reviews carried across versions, export, and the
requests that must be refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")

from fastapi.testclient import TestClient

from juesuan.web.config import Settings
from juesuan.web.conftest import bearer, login, wait_done

SEED = Path(__file__).resolve().parents[2] / "examples" / "mentougou-hrss-2023.txt"


def upload(client: TestClient, headers: dict[str, str], *files: tuple[str, bytes]) -> list[dict]:
    r = client.post(
        "/api/documents",
        headers=headers,
        files=[("files", (n, b, "application/octet-stream")) for n, b in files],
    )
    assert r.status_code == 201, r.text
    return r.json()["documents"]


def test_no_auth_is_refused(client: TestClient) -> None:
    assert client.get("/api/documents").status_code == 401
    assert (
        client.post("/api/documents", files=[("files", ("a.txt", b"x", "text/plain"))]).status_code
        == 401
    )
    assert client.post("/api/findings/1/review", json={"verdict": "confirmed"}).status_code == 401
    assert client.get("/api/documents/1/export").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get("/api/documents", headers=bad).status_code == 401


def test_wrong_password_and_throttle(client: TestClient) -> None:
    for _ in range(5):
        assert (
            client.post("/api/tokens", json={"name": "rev", "password": "nope"}).status_code == 401
        )
    r = client.post("/api/tokens", json={"name": "rev", "password": "correct-horse-1"})
    assert r.status_code == 429  # throttled even with the right password


def test_check_review_carry_over_and_export(client: TestClient) -> None:
    h = bearer(client, "rev")
    [doc] = upload(client, h, ("seed.txt", SEED.read_bytes()))
    assert doc["status"] == "queued" and doc["kind"] == "txt"
    d = wait_done(client, doc["id"], h)
    assert d["status"] == "done", d
    assert d["report"]["tool"]["name"] == "juesuan"
    [rep] = d["report"]["documents"]
    assert {"path", "title", "findings", "checks_run", "checks_skipped", "stats"} <= set(rep)
    assert rep["path"] == "seed.txt" and d["department"] and d["year"] == 2023
    findings = rep["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors and d["counts"]["error"] == len(errors)
    first, second = errors[0], errors[1]

    r = client.post(
        f"/api/findings/{first['id']}/review",
        headers=h,
        json={"verdict": "confirmed", "reason": "核实属实"},
    )
    assert r.status_code == 200 and r.json()["verdict"] == "confirmed"
    # dismissing needs a reason
    r = client.post(
        f"/api/findings/{second['id']}/review", headers=h, json={"verdict": "dismissed"}
    )
    assert r.status_code == 422
    r = client.post(
        f"/api/findings/{second['id']}/review",
        headers=h,
        json={"verdict": "dismissed", "reason": "口径不同"},
    )
    assert r.status_code == 200
    r = client.post(f"/api/findings/{second['id']}/review", headers=h, json={"verdict": "maybe"})
    assert r.status_code == 422

    d = client.get(f"/api/documents/{doc['id']}", headers=h).json()
    ids = [f["id"] for f in d["report"]["documents"][0]["findings"]]
    assert second["id"] not in ids and [x["id"] for x in d["dismissed"]] == [second["id"]]
    assert (
        next(f for f in d["report"]["documents"][0]["findings"] if f["id"] == first["id"])[
            "review"
        ]["verdict"]
        == "confirmed"
    )

    # the same file again, and a corrected version with a line added on top: reviews carry over
    text = SEED.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    changed = (head + "\n（本文已更正）\n" + rest).encode("utf-8")
    again, corrected = upload(client, h, ("seed.txt", SEED.read_bytes()), ("seed-v2.txt", changed))
    for new in (again, corrected):
        nd = wait_done(client, new["id"], h)
        shown = nd["report"]["documents"][0]["findings"]
        assert all(
            f["message"] != second["message"]
            or f["location"]["excerpt"] != second["location"]["excerpt"]
            for f in shown
        )
        assert len(nd["dismissed"]) == 1
        kept = [f for f in shown if f["review"] and f["review"]["verdict"] == "confirmed"]
        assert (
            len(kept) == 1 and kept[0]["rule"] == first["rule"] and kept[0]["review"]["by"] == "rev"
        )

    # export: only the confirmed finding
    r = client.get(f"/api/documents/{doc['id']}/export?format=csv", headers=h)
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    rows = r.content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 2 and first["location"]["excerpt"] in rows[1] and "核实属实" in rows[1]
    j = client.get(f"/api/documents/{doc['id']}/export?format=json", headers=h).json()
    assert [f["id"] for f in j["confirmed"]] == [first["id"]]
    r = client.get(f"/api/documents/{doc['id']}/export?format=docx", headers=h)
    assert r.status_code == 200 and r.content.startswith(b"PK")
    from docx import Document

    body = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert first["message"] in body and second["message"] not in body
    assert client.get(f"/api/documents/{doc['id']}/export?format=exe", headers=h).status_code == 422

    # the audit log names who reviewed what
    admin = bearer(client, "admin")
    events = client.get("/api/audit", headers=admin).json()["events"]
    reviews = [e for e in events if e["action"].startswith("review.")]
    assert {(e["user"], e["action"]) for e in reviews} == {
        ("rev", "review.confirmed"),
        ("rev", "review.dismissed"),
    }

    # the list: filter and sort
    lst = client.get("/api/documents?status=done&sort=errors", headers=h).json()["documents"]
    assert len(lst) == 3 and all(x["status"] == "done" for x in lst)
    assert (
        client.get("/api/documents?q=v2", headers=h).json()["documents"][0]["filename"]
        == "seed-v2.txt"
    )


def test_context_lines_for_text(client: TestClient) -> None:
    h = bearer(client, "rev")
    [doc] = upload(client, h, ("seed.txt", SEED.read_bytes()))
    f = wait_done(client, doc["id"], h)["report"]["documents"][0]["findings"][0]
    where = client.get(f"/api/findings/{f['id']}/place", headers=h).json()
    hit = [c for c in where["context"] if c["hit"]]
    assert len(hit) == 1 and hit[0]["line"] == f["location"]["line"]
    assert f["location"]["excerpt"] in hit[0]["text"]


def test_other_org_sees_nothing(client: TestClient) -> None:
    h = bearer(client, "rev")
    [doc] = upload(client, h, ("seed.txt", SEED.read_bytes()))
    fid = wait_done(client, doc["id"], h)["report"]["documents"][0]["findings"][0]["id"]
    o = bearer(client, "other")
    assert client.get(f"/api/documents/{doc['id']}", headers=o).status_code == 404
    assert client.get(f"/api/documents/{doc['id']}/export?format=csv", headers=o).status_code == 404
    assert (
        client.post(
            f"/api/findings/{fid}/review", headers=o, json={"verdict": "confirmed", "reason": ""}
        ).status_code
        == 404
    )
    assert client.get(f"/api/findings/{fid}/place", headers=o).status_code == 404
    assert client.get(f"/api/documents/{doc['id']}/pages/1.png", headers=o).status_code == 404
    assert client.get("/api/documents", headers=o).json()["documents"] == []
    login(client, "other")
    assert client.get(f"/documents/{doc['id']}").status_code == 404


def test_roles(client: TestClient) -> None:
    rev, admin = bearer(client, "rev"), bearer(client, "admin")
    assert client.get("/api/users", headers=rev).status_code == 403
    assert (
        client.post(
            "/api/users", headers=rev, json={"name": "x", "password": "12345678"}
        ).status_code
        == 403
    )
    r = client.post("/api/users", headers=admin, json={"name": "new", "password": "12345678"})
    assert r.status_code == 201
    names = {u["name"] for u in client.get("/api/users", headers=admin).json()["users"]}
    assert names == {"admin", "rev", "new"}  # not the other organization's user
    assert (
        client.post(
            "/api/users", headers=admin, json={"name": "new", "password": "12345678"}
        ).status_code
        == 409
    )


def test_oversized_file(client: TestClient, settings: Settings) -> None:
    h = bearer(client, "rev")
    big = b"a" * (settings.max_upload + 10)
    r = client.post("/api/documents", headers=h, files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 413
    assert client.get("/api/documents", headers=h).json()["documents"] == []


def test_fake_and_broken_pdf(client: TestClient, settings: Settings) -> None:
    h = bearer(client, "rev")
    r = client.post(
        "/api/documents",
        headers=h,
        files=[
            ("files", ("report.pdf", b"MZ\x90\x00\x03" + bytes(range(256)) * 4, "application/pdf"))
        ],
    )
    assert r.status_code == 415
    assert list(settings.uploads.iterdir()) == []  # nothing kept
    # text named .pdf is taken as the text it is
    [d] = upload(client, h, ("notes.pdf", "2023年度某局部门决算说明\n一、收入".encode()))
    assert d["kind"] == "txt"
    # a PDF header with nothing behind it: accepted, then reported unreadable
    [b] = upload(client, h, ("broken.pdf", b"%PDF-1.7\n" + b"garbage " * 50))
    done = wait_done(client, b["id"], h)
    assert done["status"] == "failed" and done["status_zh"] == "无法读取" and done["error"]
    stored = {p.name for p in settings.uploads.iterdir()}
    assert all(not n.startswith(("notes", "broken")) for n in stored)  # generated names only


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def test_zips(client: TestClient, settings: Settings) -> None:
    h = bearer(client, "rev")
    seed = SEED.read_bytes()
    evil = _zip({"ok.txt": seed, "../../etc/evil.txt": seed})
    r = client.post(
        "/api/documents", headers=h, files=[("files", ("dept.zip", evil, "application/zip"))]
    )
    assert r.status_code == 400 and "路径不安全" in r.json()["detail"]
    absolute = _zip({"/tmp/abs.txt": seed})
    r = client.post(
        "/api/documents", headers=h, files=[("files", ("dept.zip", absolute, "application/zip"))]
    )
    assert r.status_code == 400
    bomb = _zip({"zeros.txt": b"0" * (7 * 1024 * 1024)})
    assert len(bomb) < 100_000
    r = client.post(
        "/api/documents", headers=h, files=[("files", ("dept.zip", bomb, "application/zip"))]
    )
    assert r.status_code == 413
    assert list(settings.uploads.iterdir()) == []
    good = _zip({"部门/决算说明.txt": seed, "部门/说明.md": seed, "__MACOSX/._x": b"\x00\x01"})
    docs = upload(client, h, ("dept.zip", good))
    assert sorted(d["filename"] for d in docs) == ["决算说明.txt", "说明.md"]
    assert sorted(d["kind"] for d in docs) == ["md", "txt"]


def test_restart_finishes_unfinished_jobs(
    settings: Settings, make_user: Callable[..., None]
) -> None:
    from juesuan.web.app import create_app
    from juesuan.web.db import Document, make_engine, session_factory
    from juesuan.web.uploads import store

    make_user("rev")
    app = create_app(settings)  # migrated, but the queue is not started (no lifespan)
    s = store(settings.uploads, SEED.read_bytes(), "seed.txt", "txt")
    with session_factory(make_engine(settings.url)).begin() as db:
        for status in ("queued", "checking"):
            db.add(
                Document(
                    org_id=1,
                    uploader_id=1,
                    filename=s.filename,
                    stored=s.stored,
                    kind="txt",
                    size=s.size,
                    sha256=s.sha256,
                    status=status,
                    title="",
                    department="",
                    lineage="",
                    errors=0,
                    warnings=0,
                    infos=0,
                    attempts=1,
                )
            )
    app.state.engine.dispose()
    with TestClient(create_app(settings)) as c:
        h = bearer(c, "rev")
        for doc_id in (1, 2):
            assert wait_done(c, doc_id, h)["status"] == "done"


def test_sample_pdf_place(client: TestClient, settings: Settings) -> None:
    from juesuan.testing import sample_pdf

    if not sample_pdf().exists():
        pytest.skip(f"sample PDF absent ({sample_pdf()})")
    h = bearer(client, "rev")
    [doc] = upload(client, h, ("sample.pdf", sample_pdf().read_bytes()))
    d = wait_done(client, doc["id"], h, limit=120)
    errors = [f for f in d["report"]["documents"][0]["findings"] if f["severity"] == "error"]
    assert len(errors) == 2
    # after the check, the worker renders the findings' pages into the cache by itself
    import time

    from juesuan.web import pagecache

    pages = {f["location"]["page"] for f in errors}
    cached = [pagecache.path_for(settings.cache, d["sha256"], p, settings.page_dpi) for p in pages]
    end = time.monotonic() + 60
    while not all(c.exists() for c in cached) and time.monotonic() < end:
        time.sleep(0.1)
    assert all(c.read_bytes().startswith(b"\x89PNG") for c in cached)
    for f in errors:
        where = client.get(f"/api/findings/{f['id']}/place", headers=h).json()
        assert where["page"] == f["location"]["page"] and len(where["boxes"]) == 1
        b = where["boxes"][0]
        assert (
            0 < b["left"] < 1
            and 0 < b["top"] < 1
            and 0 < b["width"] < 0.5
            and 0 < b["height"] < 0.1
        )
        png = client.get(where["image"], headers=h)
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        again = client.get(where["image"], headers={**h, "If-None-Match": png.headers["etag"]})
        assert again.status_code == 304 and not again.content
        other = bearer(client, "other")  # the tag opens nothing to another organization
        r = client.get(where["image"], headers={**other, "If-None-Match": png.headers["etag"]})
        assert r.status_code == 404
    assert client.get(f"/api/documents/{doc['id']}/pages/999.png", headers=h).status_code == 404


def test_user_add_refuses_duplicates_and_short_passwords(settings: Settings) -> None:
    from juesuan.web.cli import add_user

    assert "审核员" in add_user(settings, "zhang", "long-enough", False, "丙局")
    with pytest.raises(ValueError, match="已存在"):
        add_user(settings, "zhang", "long-enough", True, "丙局")
    with pytest.raises(ValueError, match="至少 8 位"):
        add_user(settings, "li", "short", False, "丙局")
