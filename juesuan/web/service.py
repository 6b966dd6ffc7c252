"""What pages and the JSON API share: listing, one document with its reviews, reviewing,
storing uploads. Every lookup is scoped to the caller's organization; another
organization's document is simply not found."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import HTTPException
from sqlalchemy import bindparam, delete, func, or_, select
from sqlalchemy.orm import Session, undefer

from juesuan.web import memo
from juesuan.web.config import Settings
from juesuan.web.db import ApiToken, Document, FindingRow, LoginSession, Review, User, audit, now
from juesuan.web.uploads import Rejected, Stored, accept

STATUS_ZH = {"queued": "排队中", "checking": "检查中", "done": "已完成", "failed": "无法读取"}
VERDICT_ZH = {"confirmed": "已确认", "dismissed": "已驳回"}
SORTS: dict[str, Any] = {
    "new": Document.id.desc(),
    "old": Document.id.asc(),
    "errors": Document.errors.desc(),
    "department": Document.department.asc(),
    "year": Document.year.desc(),
}


# what a list shows of each document (``summary``, list.html)
LISTED = [
    "id",
    "filename",
    "kind",
    "size",
    "sha256",
    "status",
    "error",
    "title",
    "department",
    "year",
    "errors",
    "warnings",
    "infos",
    "created",
    "finished",
]


def own_document(db: Session, user: User, doc_id: int, report: bool = False) -> Document:
    """``report``: read the (deferred) report in the same query, for pages that show it."""
    doc = db.get(Document, doc_id, options=[undefer(Document.report)] if report else None)
    if doc is None or doc.org_id != user.org_id:
        raise HTTPException(404, "文档不存在")
    return doc


def own_finding(db: Session, user: User, finding_id: int) -> tuple[FindingRow, Document]:
    """A finding of a document of the caller's organisation, with that document; 404 otherwise."""
    row = db.get(FindingRow, finding_id)
    doc = db.get(Document, row.document_id) if row else None
    if row is None or doc is None or doc.org_id != user.org_id:
        raise HTTPException(404, "问题不存在")
    return row, doc


def list_documents(
    db: Session, user: User, status: str = "", q: str = "", sort: str = "new", limit: int = 500
) -> list[Any]:
    """The org's documents as plain rows (the attributes ``summary`` and the list page
    read, not ORM objects: building those was a fifth of the list page's CPU)."""
    params: dict[str, Any] = {"org": user.org_id, "status": status, "like": f"%{q}%"}
    stmt = _list_statement(status in STATUS_ZH, bool(q), sort if sort in SORTS else "new", limit)
    return list(db.execute(stmt, params))


@cache
def _list_statement(status: bool, search: bool, sort: str, limit: int) -> Any:
    """Built once per shape (the list is the most requested page; building a statement
    costs more than running it on SQLite); the values are bound at each run."""
    cols = [getattr(Document, c) for c in LISTED]
    stmt = select(*cols).where(Document.org_id == bindparam("org"))
    if status:
        stmt = stmt.where(Document.status == bindparam("status"))
    if search:
        like: Any = bindparam("like")
        stmt = stmt.where(
            or_(
                Document.filename.like(like),
                Document.department.like(like),
                Document.title.like(like),
            )
        )
    return stmt.order_by(SORTS[sort], Document.id.desc()).limit(limit)


def summary(doc: Any) -> dict[str, Any]:
    """A document or a row of ``list_documents``."""
    return {
        "id": doc.id,
        "filename": doc.filename,
        "kind": doc.kind,
        "size": doc.size,
        "sha256": doc.sha256,
        "status": doc.status,
        "status_zh": STATUS_ZH.get(doc.status, doc.status),
        "error": doc.error,
        "title": doc.title,
        "department": doc.department,
        "year": doc.year,
        "counts": {"error": doc.errors, "warning": doc.warnings, "info": doc.infos},
        "created": doc.created.isoformat() + "Z",
        "finished": doc.finished.isoformat() + "Z" if doc.finished else None,
    }


def reviews_for(db: Session, doc: Document) -> tuple[dict[str, Review], dict[int, str]]:
    """The reviews of the document's lineage by finding key, and their authors' names (one
    query for both)."""
    if not doc.lineage:
        return {}, {}
    rows = db.execute(
        select(Review, User.name)
        .outerjoin(User, User.id == Review.user_id)
        .where(Review.org_id == doc.org_id, Review.lineage == doc.lineage)
    ).all()
    return {r.key: r for r, _ in rows}, {r.user_id: name or "" for r, name in rows}


def review_dict(r: Review | None, names: dict[int, str]) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "verdict": r.verdict,
        "reason": r.reason,
        "by": names.get(r.user_id, ""),
        "at": r.updated.isoformat() + "Z",
    }


def memo_key(db: Session, doc: Document) -> tuple[Any, ...] | None:
    """What identifies a checked document's findings (see ``memo``): None while they may
    still change."""
    if doc.finished is None or doc.status not in ("done", "failed"):
        return None
    return (memo.database(db.get_bind().engine), doc.id, doc.finished)


def finding_rows(db: Session, doc: Document) -> list[tuple[int, str, dict[str, Any]]]:
    """(id, key, data) of each finding in report order; read once per checked document."""

    def read() -> list[tuple[int, str, dict[str, Any]]]:
        # plain rows, not ORM objects: a document may have hundreds of findings
        rows = db.execute(
            select(FindingRow.id, FindingRow.key, FindingRow.data)
            .where(FindingRow.document_id == doc.id)
            .order_by(FindingRow.idx)
        ).all()
        return [(r.id, r.key, r.data) for r in rows]

    key = memo_key(db, doc)
    return read() if key is None else memo.FINDINGS.get(key, read)


def findings_of(db: Session, doc: Document) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(shown, dismissed): each finding as in the check contract plus id, section, review."""
    revs, names = reviews_for(db, doc)
    shown: list[dict[str, Any]] = []
    dismissed: list[dict[str, Any]] = []
    for fid, key, data in finding_rows(db, doc):
        d = dict(data)  # the kept rows are shared: the copy is this request's
        d["id"] = fid
        rev = revs.get(key)
        d["review"] = review_dict(rev, names)
        (dismissed if rev and rev.verdict == "dismissed" else shown).append(d)
    return shown, dismissed


def document_detail(db: Session, doc: Document) -> dict[str, Any]:
    """The document's summary and check report (read the document with ``report=True``)."""
    out = summary(doc)
    shown, dismissed = findings_of(db, doc)
    if doc.report is not None:
        from juesuan import __version__

        entry = dict(doc.report)
        entry["findings"] = shown
        # the whole contract of ``juesuan check --format json``, for this one document
        out["report"] = {"tool": {"name": "juesuan", "version": __version__}, "documents": [entry]}
        out["dismissed"] = dismissed
    else:
        out["report"] = None
        out["dismissed"] = []
    return out


def review(db: Session, user: User, finding_id: int, verdict: str, reason: str) -> Review:
    row, doc = own_finding(db, user, finding_id)
    if verdict not in VERDICT_ZH:
        raise HTTPException(422, "结论只能是 confirmed 或 dismissed")
    reason = reason.strip()[:2000]
    if verdict == "dismissed" and not reason:
        raise HTTPException(422, "驳回时请写明理由")
    rev = db.scalars(
        select(Review).where(
            Review.org_id == user.org_id, Review.lineage == doc.lineage, Review.key == row.key
        )
    ).first()
    if rev is None:
        rev = Review(org_id=user.org_id, lineage=doc.lineage, key=row.key)
        db.add(rev)
    rev.verdict, rev.reason, rev.user_id, rev.updated = verdict, reason, user.id, now()
    audit(
        db,
        user,
        f"review.{verdict}",
        f"finding:{row.id}",
        f"document:{doc.id} {row.data.get('rule')} {reason}",
    )
    db.commit()
    return rev


def upload(
    db: Session, user: User, settings: Settings, files: list[tuple[str, bytes]]
) -> list[Document]:
    """Store every file first (durably), then commit their rows in one transaction."""
    if not files:
        raise HTTPException(400, "没有收到文件")
    stored: list[Stored] = []
    try:
        for name, data in files:
            stored.extend(
                accept(
                    settings.uploads,
                    name,
                    data,
                    max_upload=settings.max_upload,
                    max_total=settings.zip_max_total,
                    max_ratio=settings.zip_max_ratio,
                    max_files=settings.max_files,
                )
            )
            if len(stored) > settings.max_files:
                raise Rejected(f"一次最多上传 {settings.max_files} 个文件", 413)
    except Rejected as e:
        for s in stored:  # nothing refers to them yet
            (settings.uploads / s.stored).unlink(missing_ok=True)
        raise HTTPException(e.status, e.reason) from e
    docs = [
        Document(
            org_id=user.org_id,
            uploader_id=user.id,
            filename=s.filename,
            stored=s.stored,
            kind=s.kind,
            size=s.size,
            sha256=s.sha256,
            status="queued",
            title="",
            department="",
            lineage="",
            errors=0,
            warnings=0,
            infos=0,
            attempts=0,
        )
        for s in stored
    ]
    db.add_all(docs)
    db.flush()
    for d in docs:
        audit(db, user, "upload", f"document:{d.id}", f"{d.filename} {d.kind} {d.size}")
    db.commit()
    return docs


def counts_by_status(db: Session, user: User) -> dict[str, int]:
    rows = db.execute(_counts_statement(), {"org": user.org_id})
    return {s: n for s, n in rows}


@cache
def _counts_statement() -> Any:
    return (
        select(Document.status, func.count())
        .where(Document.org_id == bindparam("org"))
        .group_by(Document.status)
    )


def org_user(
    db: Session, admin: User, *, name: str | None = None, user_id: int | None = None
) -> User:
    """A user of the admin's own organization, by name or id; another's is not found."""
    q = select(User).where(User.org_id == admin.org_id)
    q = q.where(User.name == name) if name is not None else q.where(User.id == user_id)
    u = db.scalars(q).first()
    if u is None:
        raise HTTPException(404, "用户不存在")
    return u


def set_active(db: Session, admin: User | None, target: User, active: bool) -> None:
    """Deactivate or reactivate ``target``. Deactivation ends their sessions and revokes
    their tokens at once (requests check ``active`` too), so reactivating them means
    signing in again and new tokens, never the old ones. ``admin`` is None for the
    server's operator at the command line (``juesuan user deactivate``)."""
    if admin is not None and target.id == admin.id and not active:
        raise HTTPException(422, "不能停用自己的账号")
    target.active = active
    if not active:
        db.execute(delete(LoginSession).where(LoginSession.user_id == target.id))
        db.execute(delete(ApiToken).where(ApiToken.user_id == target.id))
    action = "user.activate" if active else "user.deactivate"
    detail = "" if admin is not None else "(command line)"
    audit(db, admin, action, target.name, detail, org_id=target.org_id)
    db.commit()
