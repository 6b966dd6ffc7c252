"""End to end in a real browser (Debian's chromium driven by playwright): sign in, upload
the Shanghai sample, see its two errors, look at one on its page, dismiss one, upload the
same file again and find the dismissal kept, export CSV. Screenshots are kept under
``test-artifacts/web-e2e/`` (git-ignored)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from juesuan.testing import sample_pdf
from juesuan.web.launch import start_server

CHROMIUM = os.environ.get("JUESUAN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web-e2e"
PASSWORD = "e2e-password-1"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"chromium not installed at {CHROMIUM} (apt-get install chromium)",
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    pytest.importorskip("fastapi", reason="the web extra is not installed (pip install '.[web]')")
    data = tmp_path / "data"
    env = {**os.environ}
    add = subprocess.run(
        [
            sys.executable,
            "-m",
            "juesuan",
            "user",
            "add",
            "reviewer",
            "--org",
            "普陀区财政局",
            "--data",
            str(data),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert add.returncode == 0, add.stderr
    proc, base = start_server(data, tmp_path / "server.log")
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_review_in_browser(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    pdf = sample_pdf()
    if not pdf.exists():
        pytest.skip(f"sample PDF absent ({pdf})")
    from PIL import Image

    shots = tmp_path / "screens"
    shots.mkdir()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(
                viewport={"width": 1400, "height": 1000}, accept_downloads=True
            ).new_page()
            page.set_default_timeout(30_000)
            page.goto(server + "/")
            page.fill('input[name="name"]', "reviewer")
            page.fill('input[name="password"]', PASSWORD)
            page.click('button[type="submit"]')
            page.wait_for_selector("text=上传文件")
            page.screenshot(path=str(shots / "1-list.png"))

            def upload_and_wait(n: int) -> None:
                page.set_input_files('input[type="file"]', str(pdf))
                page.click("text=上传并检查")
                page.wait_for_function(
                    "n => document.querySelectorAll('tr.status-done').length >= n",
                    arg=n,
                    timeout=180_000,
                )

            upload_and_wait(1)
            row = page.locator("tr.status-done").first
            assert row.locator("td.err").inner_text().strip() == "2"
            page.screenshot(path=str(shots / "2-checked.png"))
            row.locator("a").click()
            errors = page.locator("li.finding.sev-error")
            assert errors.count() == 2
            errors.first.locator("a").click()
            page.wait_for_selector("#page-image")
            page.wait_for_function(
                "() => { const i = document.getElementById('page-image'); return i.complete && i.naturalWidth > 0; }"
            )
            hl = page.locator(".hl")
            assert hl.count() >= 1
            img_box, hl_box = page.locator("#page-image").bounding_box(), hl.first.bounding_box()
            assert img_box and hl_box
            assert (
                img_box["x"] <= hl_box["x"]
                and hl_box["x"] + hl_box["width"] <= img_box["x"] + img_box["width"] + 4
            )
            assert (
                img_box["y"] <= hl_box["y"]
                and hl_box["y"] + hl_box["height"] <= img_box["y"] + img_box["height"] + 4
            )
            assert 0 < hl_box["height"] < 60
            hl.first.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "3-finding.png"))
            # the highlight is visible in the pixels: yellow-tinted inside, where the page is white
            crop = Image.open(io.BytesIO(hl.first.screenshot())).convert("RGB")
            raw = crop.tobytes()  # RGB triples (getdata() is deprecated in Pillow 12)
            pixels = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
            yellowish = sum(1 for r, g, b in pixels if r > 200 and g > 180 and b < 190)
            assert yellowish > len(pixels) // 4, "highlight not visible on the page image"

            first_msg = page.locator(".detail h2").inner_text()
            page.fill('input[name="reason"]', "与表格口径一致，不是错误")
            page.click('button[value="dismissed"]')
            page.wait_for_selector("text=已驳回 1 条")
            assert page.locator("li.finding.sev-error").count() == 1
            page.screenshot(path=str(shots / "4-dismissed.png"))

            page.goto(server + "/")
            upload_and_wait(2)
            page.locator("tr.status-done").first.locator("a").click()  # newest first
            page.wait_for_selector("text=已驳回 1 条")
            remaining = page.locator("li.finding.sev-error")
            assert remaining.count() == 1
            assert first_msg.split(" ", 1)[-1] not in remaining.inner_text()
            remaining.locator("a").click()
            page.fill('input[name="reason"]', "核实属实")
            page.click('button[value="confirmed"]')
            page.wait_for_selector(".badge")
            page.screenshot(path=str(shots / "5-reupload.png"))
            with page.expect_download() as dl:
                page.click("#export-csv")
            body = Path(dl.value.path()).read_bytes()
            assert body.startswith(b"\xef\xbb\xbf")
            rows = body.decode("utf-8-sig").strip().splitlines()
            assert len(rows) == 2 and "核实属实" in rows[1]
        finally:
            browser.close()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for f in shots.glob("*.png"):
                shutil.copy(f, ARTIFACTS / f.name)
