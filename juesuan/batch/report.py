"""``report.html``: one self-contained page summarising a batch.

Charts are drawn by matplotlib and embedded as SVG: static, a few kilobytes each, no
script and no network, which suits a page that is mailed around or opened offline (plotly
would inline megabytes of JavaScript for two bar charts). Text stays text in the SVG, so
the Chinese labels use the reader's own fonts. The sortable table needs only a few lines
of inline script.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
COLORS = {"error": "#c0392b", "warning": "#e67e22", "info": "#7f8c8d"}
STATUS_CN = {"ok": "已处理", "unusable": "无法读取", "internal_error": "内部错误"}
MAX_FINDINGS = 300  # per document on the page; the dataset keeps them all


def write_report(folder: Path) -> Path:
    """``report.html`` in ``folder``, from the tables there (one generation's)."""
    import pyarrow.parquet as pq

    docs = pq.read_table(folder / "documents.parquet").to_pylist()
    findings = pq.read_table(
        folder / "findings.parquet",
        columns=["sha256", "rule", "family", "severity", "page", "line", "message", "excerpt"],
    ).to_pylist()
    html = render(docs, findings)
    from juesuan.batch.store import write_atomic

    target = folder / "report.html"
    write_atomic(target, html.encode("utf-8"))
    return target


def render(docs: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_doc[f["sha256"]].append(f)
    for i, d in enumerate(docs):
        d["anchor"] = f"doc-{i}"
        d["name"] = Path(d["path"]).name
        d["status_cn"] = STATUS_CN.get(d["status"], d["status"])
        d["shown"] = by_doc.get(d["sha256"], [])[:MAX_FINDINGS]
        d["hidden"] = max(0, len(by_doc.get(d["sha256"], [])) - MAX_FINDINGS)
    env = Environment(
        loader=PackageLoader("juesuan.batch", "templates"), autoescape=select_autoescape()
    )
    status = Counter(d["status"] for d in docs)
    return env.get_template("report.html.j2").render(
        docs=docs,
        failed=[d for d in docs if d["status"] != "ok"],
        status={STATUS_CN.get(k, k): v for k, v in sorted(status.items())},
        n_findings=len(findings),
        severity_cn=SEVERITY_CN,
        chart_family=_family_chart(findings) if findings else "",
        chart_docs=_document_chart(docs, by_doc) if findings else "",
    )


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog: the SVG sits inside HTML


def _figure(height: float) -> Any:
    """A figure and its axes, made without pyplot (no GUI backend, no global figure list,
    and a second less to import)."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.family": _cjk_fonts(),
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    fig = Figure(figsize=(8, height))
    return fig, fig.subplots()


CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei")


def _cjk_fonts() -> list[str]:
    """The CJK fonts this machine has (asking for a missing one makes matplotlib warn on
    every glyph); the labels are text in the SVG, shown in the reader's fonts anyway."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in have] + ["sans-serif"]


def _stacked(ax: Any, labels: list[str], counts: list[Counter[str]]) -> None:
    left = [0] * len(labels)
    for sev in SEVERITIES:
        vals = [c[sev] for c in counts]
        ax.barh(labels, vals, left=left, color=COLORS[sev], label=SEVERITY_CN[sev])
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.invert_yaxis()
    ax.legend(loc="lower right", frameon=False)
    ax.set_xlabel("问题数")


def _family_chart(findings: list[dict[str, Any]]) -> str:
    fam: dict[str, Counter[str]] = defaultdict(Counter)
    for f in findings:
        fam[f["family"]][f["severity"]] += 1
    order = sorted(fam, key=lambda k: -sum(fam[k].values()))
    fig, ax = _figure(max(2.5, 0.35 * len(order) + 1))
    _stacked(ax, order, [fam[k] for k in order])
    ax.set_title("按检查类别的问题数")
    return _svg(fig)


def _document_chart(docs: list[dict[str, Any]], by_doc: dict[str, list[dict[str, Any]]]) -> str:
    top = sorted(
        (d for d in docs if by_doc.get(d["sha256"])), key=lambda d: -len(by_doc[d["sha256"]])
    )[:30]
    labels = [_short(d.get("department") or d["name"]) for d in top]
    labels = [f"{i + 1}. {s}" for i, s in enumerate(labels)]  # keep equal names apart
    counts = [Counter(f["severity"] for f in by_doc[d["sha256"]]) for d in top]
    fig, ax = _figure(max(2.5, 0.28 * len(top) + 1))
    _stacked(ax, labels, counts)
    ax.set_title(f"问题最多的 {len(top)} 份文件")
    return _svg(fig)


def _short(s: str, n: int = 24) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
