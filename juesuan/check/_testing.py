"""Test helpers: a Context over a literal text, as the checks see a real file."""

from __future__ import annotations

from pathlib import Path

from juesuan.check.base import Context, Rule
from juesuan.model.document import Document
from juesuan.model.finding import Finding


def ctx_of(text: str, year: int | None = 2023, profile: str = "beijing") -> Context:
    from juesuan import profiles
    from juesuan.ingest.text import lines_from_text

    doc = Document(path=Path("t.txt"), kind="txt", lines=lines_from_text(text))
    return Context(doc=doc, profile=profiles.load(profile), year=year)


def run(r: Rule, text: str, **kw: object) -> list[Finding]:
    return r(ctx_of(text, **kw))  # type: ignore[arg-type]
