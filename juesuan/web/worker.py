"""The work queue: checks run outside the request, in a pool of processes (or threads in
tests), with each job's state in the database. One dispatcher thread claims queued
documents, hands them to the pool and writes the results, so the database has one writer
for job state. On start, jobs left ``checking`` by a stopped server are queued again.

Worker processes run at the lowest CPU priority (``WORKER_NICE``): checking is batch
work, while a reviewer waits on every page, so pages come first when both want the CPU
(by the kernel's weights, a nice-10 worker competing with the server for a core still
gets about a tenth of it, a nice-19 one about 1.5%). After a PDF is checked, the pages with findings are rendered into the page cache
by the same pool, so that showing a finding reads a file."""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import logging
import multiprocessing
import os
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import sessionmaker

from juesuan.web.db import Document, FindingRow, now

log = logging.getLogger("juesuan.web")
MAX_ATTEMPTS = 3  # a file that kills the worker three times is reported, not retried forever
WORKER_NICE = 19  # added to the worker processes' nice value (capped at 19 by the kernel)


def lower_priority() -> None:
    """Pool initializer: make this worker process yield the CPU to the server, and read
    each document's pages itself (the pool already uses the cores it is given)."""
    os.environ.setdefault("JUESUAN_PDF_JOBS", "1")
    os.environ.setdefault("JUESUAN_OCR_JOBS", "1")
    try:
        os.nice(WORKER_NICE)
    except OSError:  # not permitted here: run at the same priority
        log.warning("could not lower the check workers' priority")


@dataclass(frozen=True)
class Job:
    id: int
    path: str
    filename: str
    sha256: str
    kind: str


def render_pages(cache: str, path: str, sha256: str, pages: list[int], dpi: int) -> None:
    """Pool task: the pages with findings, into the page cache (see ``pagecache``)."""
    from juesuan.web import pagecache

    pagecache.render_ahead(Path(cache), Path(path), sha256, pages, dpi)


def run_check(path: str, filename: str) -> dict[str, Any]:
    """Read and check one stored file (in a worker process): plain data for the database."""
    from juesuan import api
    from juesuan.report.json_report import to_dict

    try:
        doc = api.read(path)
        rep = api.check(doc)
    except api.InputError as e:
        return {"error": e.reason}
    # the contract's document, widened: the web app adds each finding's section and key
    entry: dict[str, Any] = dict(to_dict([rep], [])["documents"][0])
    entry["path"] = filename
    seen: Counter[tuple[str, str, str]] = Counter()
    findings = []
    for f, fj in zip(rep.findings, entry["findings"], strict=True):
        d: dict[str, Any] = dict(fj)
        d["section"] = f.section
        triple = (f.rule, f.section, f.location.excerpt)
        seen[triple] += 1
        d["key"] = finding_key(*triple, seen[triple])
        findings.append(d)
    entry["findings"] = findings
    if doc.kind == "pdf":
        _place(path, doc, rep.findings, findings)
    return {
        "report": entry,
        "title": rep.title or "",
        "department": rep.department or "",
        "year": rep.year,
        "lines": [[ln.page, ln.no, ln.text] for ln in doc.lines],
    }


def _place(path: str, doc: Any, found: list[Any], out: list[dict[str, Any]]) -> None:
    """Each PDF finding's highlight boxes, found here in the worker so that showing a
    finding costs a page request nothing but a lookup."""
    from juesuan import api

    text = {(ln.page, ln.no): ln.text for ln in doc.lines}
    todo = [(i, f.location) for i, f in enumerate(found) if f.location.page]
    try:
        boxes = api.excerpt_boxes_many(
            path, [(loc.page, loc.excerpt, text.get((loc.page, loc.line), "")) for _, loc in todo]
        )
    except Exception:  # the highlight is a convenience: the finding stands without it
        return
    for (i, _loc), bx in zip(todo, boxes, strict=True):
        out[i]["boxes"] = [list(b) for b in bx]


def finding_key(rule: str, section: str, excerpt: str, nth: int) -> str:
    """A finding's identity across versions of a document. The section stands for the
    location (not the line number) so that a corrected version with lines added or
    removed above keeps its reviews; ``nth`` tells repeats of the same text apart."""
    raw = "\x1f".join([rule, section, excerpt, str(nth)])
    return hashlib.sha256(raw.encode()).hexdigest()


def lineage(department: str, title: str, sha256: str) -> str:
    """Versions of one disclosure share reviews: same department and title, else same bytes."""
    return f"t:{department}|{title}"[:900] if title else f"h:{sha256}"


class WorkQueue:
    def __init__(
        self,
        sessions: sessionmaker,
        uploads: Path,
        workers: int,
        mode: str,
        cache: Path | None = None,
        dpi: int = 100,
    ) -> None:
        self.sessions, self.uploads = sessions, uploads
        self.workers, self.mode = max(1, workers), mode
        self.cache, self.dpi = cache, dpi
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool: cf.Executor | None = None

    def _new_pool(self) -> cf.Executor:
        if self.mode == "thread":
            return cf.ThreadPoolExecutor(self.workers, thread_name_prefix="juesuan-check")
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        return cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=lower_priority)

    def start(self) -> None:
        with self.sessions.begin() as db:
            db.execute(
                update(Document).where(Document.status == "checking").values(status="queued")
            )
        self._pool = self._new_pool()
        self._thread = threading.Thread(target=self._loop, name="juesuan-queue", daemon=True)
        self._thread.start()

    def notify(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=30)
        if self._pool:
            # wait for the running checks (seconds at most): a worker process left behind
            # would outlive the server; what was cancelled stays queued for the next start
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _claim(self, busy: set[int]) -> Job | None:
        with self.sessions.begin() as db:
            q = select(Document).where(Document.status == "queued")
            if busy:
                q = q.where(Document.id.not_in(busy))
            doc = db.scalars(q.order_by(Document.id).limit(1)).first()
            if doc is None:
                return None
            doc.attempts += 1
            if doc.attempts > MAX_ATTEMPTS:
                doc.status, doc.error = "failed", "多次检查均未完成，请报告此问题"
                doc.finished = now()
                return None
            doc.status = "checking"
            return Job(doc.id, str(self.uploads / doc.stored), doc.filename, doc.sha256, doc.kind)

    def _loop(self) -> None:
        inflight: dict[cf.Future[dict[str, Any]], Job] = {}
        while not self._stop.is_set():
            try:
                while len(inflight) < self.workers and not self._stop.is_set():
                    job = self._claim({j.id for j in inflight.values()})
                    if job is None:
                        break
                    assert self._pool is not None
                    fut = self._pool.submit(run_check, job.path, job.filename)
                    fut.add_done_callback(lambda _f: self._wake.set())
                    inflight[fut] = job
                self._wake.wait(timeout=1.0)
                self._wake.clear()
                for fut in [f for f in inflight if f.done()]:
                    self._finish(inflight.pop(fut), fut)
            except Exception:  # keep the queue alive; the job stays queued for a retry
                log.exception("work queue")
                self._stop.wait(1.0)

    def _finish(self, job: Job, fut: cf.Future[dict[str, Any]]) -> None:
        doc_id = job.id
        try:
            result = fut.result()
        except cf.process.BrokenProcessPool:
            log.error("worker process died on document %s; restarting the pool", doc_id)
            self._pool = self._new_pool()
            with self.sessions.begin() as db:
                db.execute(update(Document).where(Document.id == doc_id).values(status="queued"))
            return
        except Exception as e:
            log.exception("check failed on document %s", doc_id)
            result = {"error": f"检查时出现内部错误（{type(e).__name__}），请报告此问题"}
        pages = [
            int(f["location"]["page"])
            for f in result.get("report", {}).get("findings", [])
            if f["location"].get("page")
        ]
        save_result(self.sessions, doc_id, result)
        if job.kind == "pdf" and pages and self.cache is not None and self._pool is not None:
            args = (str(self.cache), job.path, job.sha256, pages, self.dpi)
            self._pool.submit(render_pages, *args)  # not awaited: only the cache gains


def save_result(sessions: sessionmaker, doc_id: int, result: dict[str, Any]) -> None:
    with sessions.begin() as db:
        doc = db.get(Document, doc_id)
        if doc is None:
            return
        db.execute(delete(FindingRow).where(FindingRow.document_id == doc_id))
        doc.finished = now()
        if "error" in result:
            doc.status, doc.error = "failed", result["error"]
            doc.lineage = lineage("", "", doc.sha256)
            return
        rep = result["report"]
        doc.title, doc.department, doc.year = result["title"], result["department"], result["year"]
        doc.title, doc.department = doc.title[:500], doc.department[:300]
        doc.lineage = lineage(doc.department, doc.title, doc.sha256)
        doc.lines = result["lines"]
        sev = Counter(f["severity"] for f in rep["findings"])
        doc.errors, doc.warnings, doc.infos = sev["error"], sev["warning"], sev["info"]
        for i, f in enumerate(rep["findings"]):
            db.add(
                FindingRow(
                    document_id=doc_id, idx=i, key=f.pop("key"), severity=f["severity"], data=f
                )
            )
        # the findings live in their own rows (put back when the report is shown)
        doc.report = {**rep, "findings": []}
        doc.status, doc.error = "done", None
