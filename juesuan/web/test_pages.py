"""The server-rendered pages: sign-in, cookies, CSRF, escaping of document text, review by form."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")

from fastapi.testclient import TestClient

from juesuan.web.conftest import PASSWORD, bearer, login, wait_done

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT = f"""2023年度北京市东城区示例局{PAYLOAD}部门决算公开说明
一、收入支出决算总体情况说明
2023年度收入总计比上年增加（减少）110,368.01元{PAYLOAD}。
"""


def test_login_cookie_flags_and_redirects(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    r = client.get("/documents/1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    # no CSRF token: refused; wrong password: back to the form with a message
    r = client.post("/login", data={"name": "rev", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post(
        "/login",
        data={"name": "rev", "password": "bad", "csrf": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "error=" in r.headers["location"]
    r = client.post(
        "/login",
        data={
            "name": "rev",
            "password": PASSWORD,
            "csrf": token.group(1),
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = next(
        v for k, v in r.headers.multi_items() if k == "set-cookie" and "juesuan_session" in v
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    home = client.get("/")
    assert home.status_code == 200 and "上传文件" in home.text
    assert "script-src 'self'" in home.headers["content-security-policy"]
    assert home.headers["x-frame-options"] == "DENY"


def test_csrf_required_for_cookie_sessions(client: TestClient) -> None:
    csrf = login(client, "rev")
    files = [("files", ("a.txt", TEXT.encode(), "text/plain"))]
    assert client.post("/api/documents", files=files).status_code == 403
    assert (
        client.post("/api/documents", files=files, headers={"X-CSRF-Token": "wrong"}).status_code
        == 403
    )
    r = client.post("/api/documents", files=files, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/api/documents").status_code == 401


def test_document_text_is_escaped_and_review_by_form(client: TestClient) -> None:
    csrf = login(client, "rev")
    r = client.post(
        "/upload",
        data={"csrf": csrf},
        files=[("files", ("<em>x.txt", TEXT.encode(), "text/plain"))],
        follow_redirects=False,
    )
    assert r.status_code == 303
    h = bearer(client, "rev")
    doc = client.get("/api/documents", headers=h).json()["documents"][0]
    d = wait_done(client, doc["id"], h)
    assert d["status"] == "done" and PAYLOAD in d["title"]
    findings = d["report"]["documents"][0]["findings"]
    assert findings, "the template residue must be reported"
    f = findings[0]
    page = client.get(f"/documents/{doc['id']}?finding={f['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "onerror=alert" not in page.text.replace(
        "onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "&lt;em&gt;x.txt" in page.text
    assert 'class="context"' in page.text  # a text document shows the line in context
    # the list page escapes too
    assert "<em>x" not in client.get("/").text
    # review through the form: dismissed, then hidden from the page
    r = client.post(
        f"/findings/{f['id']}/review",
        data={"verdict": "dismissed", "reason": "重复"},
        follow_redirects=False,
    )
    assert r.status_code == 403  # no CSRF token
    r = client.post(
        f"/findings/{f['id']}/review",
        data={"verdict": "dismissed", "reason": "重复", "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    rest = [x["id"] for x in findings[1:]]  # the page moves on to the next finding shown
    if rest:
        assert r.headers["location"].endswith(f"?finding={rest[0]}#f{rest[0]}")
    else:
        assert "?finding=" not in r.headers["location"]
    page = client.get(f"/documents/{doc['id']}")
    assert f'id="f{f["id"]}"' not in page.text and "已驳回 1 条" in page.text


def test_admin_page_and_docs(client: TestClient) -> None:
    login(client, "rev")
    assert client.get("/admin").status_code == 403
    client.cookies.clear()
    csrf = login(client, "admin")
    assert "审计记录" in client.get("/admin").text
    r = client.post(
        "/admin/users",
        data={"name": "新人", "password": "long-enough", "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "新人" in client.get("/admin").text
    docs = client.get("/docs")
    assert "/api/documents" in docs.text and "/api/findings/{finding_id}/review" in docs.text
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}/export"} <= set(spec["paths"])


def test_check_startup_has_no_web_imports() -> None:
    code = "import sys, juesuan.cli; bad = [m for m in ('fastapi', 'sqlalchemy', 'uvicorn') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_guard_refuses_a_declared_oversized_body_unread() -> None:
    import asyncio

    from juesuan.web.middleware import Guard

    called: list[str] = []
    sent: list[dict] = []

    async def inner(scope: dict, receive: object, send: object) -> None:
        called.append(scope["path"])

    async def send(message: dict) -> None:
        sent.append(message)

    guard = Guard(inner, ceiling=1000)
    big = {"type": "http", "path": "/api/documents", "headers": [(b"content-length", b"1001")]}
    asyncio.run(guard(big, None, send))
    assert called == [] and sent[0]["status"] == 413
    assert "请求过大" in sent[1]["body"].decode()
    small = {**big, "headers": [(b"content-length", b"1000")]}
    asyncio.run(guard(small, None, send))
    assert called == ["/api/documents"]


def test_every_route_needs_a_user_except_the_public_ones(client: TestClient) -> None:
    """GET handlers look the caller up themselves (``viewer``), the others through the
    ``require_user`` dependency, which also checks CSRF: walk every route, so that none
    slips through either way."""
    from fastapi.routing import APIRoute

    from juesuan.web.auth import require_admin, require_user
    from juesuan.web.routes import api, pages

    public = {("GET", "/login"), ("POST", "/login"), ("POST", "/api/tokens"), ("GET", "/docs")}
    checked = 0
    for route in [*api.router.routes, *pages.router.routes]:
        assert isinstance(route, APIRoute)
        path = re.sub(r"\{[a-z_]+\}", "1", route.path)
        for method in sorted(route.methods or ()):
            if (method, route.path) in public:
                continue
            checked += 1
            if method != "GET":
                deps = {d.call for d in route.dependant.dependencies}
                assert deps & {require_user, require_admin}, (method, route.path)
            r = client.request(method, path, follow_redirects=False)
            if route.path.startswith("/api"):
                assert r.status_code == 401, (method, route.path, r.status_code)
            else:
                assert r.status_code in (401, 303), (method, route.path, r.status_code)
                if r.status_code == 303:
                    assert r.headers["location"].startswith("/login"), (method, route.path)
    assert checked >= 15
