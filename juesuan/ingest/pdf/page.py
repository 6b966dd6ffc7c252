"""The page model: characters and ruling segments of one page, in its reading orientation.

Built on pypdfium2's raw API (one pass over the text page, one over the page objects), in
PDF points with y growing upwards. Pages turned by ``/Rotate`` or drawn with turned text
(a landscape table on a portrait page) are turned back so text runs left to right.
Characters that cannot be decoded (no ToUnicode: private-use codes, control characters,
U+FFFD, unmapped glyph names) are counted so that such a page is reported like a scan
instead of being read as text.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, partial
from types import SimpleNamespace
from typing import Any

Seg = tuple[float, float, float]  # a ruling: position across, start and end along


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Page:
    no: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    hs: list[Seg] = field(default_factory=list)  # horizontal rulings (y, x0, x1)
    vs: list[Seg] = field(default_factory=list)  # vertical rulings (x, y0, y1)
    bad: int = 0  # characters that could not be decoded
    total: int = 0  # characters drawn (before dropping duplicates)
    images: int = 0


# a page whose text is at least this share undecodable is read like a scan
UNDECODABLE_SHARE = 0.3


@cache
def _lean() -> Any:
    """The pdfium calls made once per glyph or per page object, without declared argument
    types: ctypes then passes ``c_void_p`` handles and ``byref`` pointers through as they
    are and a Python int as a C int, with no conversion per call. These calls are most of
    the reader's own time on pages of thousands of glyphs. ``page_object`` returns the
    object as pypdfium2's own pointer type, so the handle goes straight into the next call,
    bare or declared, without a cast."""
    import pypdfium2.raw as raw

    def bare(fn: Any, res: Any) -> Any:
        return ctypes.CFUNCTYPE(res)(_addr(fn))

    return SimpleNamespace(
        box=bare(raw.FPDFText_GetLooseCharBox, ctypes.c_int),
        origin=bare(raw.FPDFText_GetCharOrigin, ctypes.c_int),
        generated=bare(raw.FPDFText_IsGenerated, ctypes.c_int),
        map_error=bare(raw.FPDFText_HasUnicodeMapError, ctypes.c_int),
        angle=bare(raw.FPDFText_GetCharAngle, ctypes.c_float),
        page_object=bare(raw.FPDFPage_GetObject, raw.FPDF_PAGEOBJECT),
        # the index is an unsigned long here: declared, so it is passed at its full width
        form_object=ctypes.CFUNCTYPE(raw.FPDF_PAGEOBJECT, ctypes.c_void_p, ctypes.c_ulong)(
            _addr(raw.FPDFFormObj_GetObject)
        ),
        object_type=bare(raw.FPDFPageObj_GetType, ctypes.c_int),
        # once per path object (tables drawn as one path per cell edge)
        draw_mode=bare(raw.FPDFPath_GetDrawMode, ctypes.c_int),
        fill_color=bare(raw.FPDFPageObj_GetFillColor, ctypes.c_int),
        bounds=bare(raw.FPDFPageObj_GetBounds, ctypes.c_int),
        # once per segment of a path that is walked
        segments=bare(raw.FPDFPath_CountSegments, ctypes.c_int),
        segment=bare(raw.FPDFPath_GetPathSegment, raw.FPDF_PATHSEGMENT),
        point=bare(raw.FPDFPathSegment_GetPoint, ctypes.c_int),
        segment_type=bare(raw.FPDFPathSegment_GetType, ctypes.c_int),
        closes=bare(raw.FPDFPathSegment_GetClose, ctypes.c_int),
    )


def _addr(p: Any) -> int:
    return ctypes.cast(p, ctypes.c_void_p).value or 0


def _bad(u: int) -> bool:
    return u < 32 or 0xE000 <= u <= 0xF8FF or u in (0xFFFD, 0x3F) or u >= 0xF0000


def load_page(page: Any, pno: int) -> Page:
    import pypdfium2.raw as raw

    w, h = page.get_size()
    tpr = raw.FPDFText_LoadPage(page.raw)
    try:
        out, quarter = _chars(tpr, w, h, page, pno)
    finally:
        raw.FPDFText_ClosePage(tpr)
    _objects(page, _turn(quarter, w, h), out)
    return out


_SKIP = frozenset((0, 10, 13, 0xFFFE, 0xFFFF))  # line ends and non-characters


def _chars(tpr: Any, w: float, h: float, page: Any, pno: int) -> tuple[Page, int]:
    """The page's characters in reading orientation, and the quarter turn applied.

    The text direction is decided first from a sample of the characters, so that each
    character is built once, in one pass (the hot loop of the reader: keep it lean)."""
    import pypdfium2.raw as raw

    n = raw.FPDFText_CountChars(tpr)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fast = _lean()
    get_box, get_origin = fast.box, fast.origin
    tpa = ctypes.c_void_p(_addr(tpr))
    is_gen = partial(fast.generated, tpa)
    rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    get_size = raw.FPDFText_GetFontSize
    map_err, get_angle = partial(fast.map_error, tpa), partial(fast.angle, tpa)
    buf = (ctypes.c_ushort * (n + 1))()
    raw.FPDFText_GetText(tpr, 0, n, buf)  # all code units at once (one per character)
    codes = list(buf[:n])
    # a sample of the characters (every 8th) tells the font-map errors and the direction
    angles: Counter[int] = Counter()
    mis: set[int] = set()
    for i in range(0, n, 8):
        u = codes[i]
        if u in _SKIP or 0xD800 <= u <= 0xDFFF or (u == 32 and is_gen(i)):
            continue
        if (u < 32 or u >= 0xE000 or u == 0x3F) and _bad(u):
            continue  # counted below
        if map_err(i) == 1:
            mis.add(i)
            continue
        a = get_angle(i)
        angles[-round(math.degrees(a) / 90) % 4 if a >= 0 else 0] += 1  # clockwise
    # the turn that makes the most text run left to right; /Rotate when there is no text
    quarter = angles.most_common(1)[0][0] if angles else (page.get_rotation() // 90) % 4
    turn = _turn(quarter, w, h)
    pw, ph = (h, w) if quarter % 2 else (w, h)
    chars: list[Char] = []
    add = chars.append
    bad = total = 0
    # per loose-box shape (same font, same size) the glyph's reach below and above its
    # baseline: one font-size call per shape, not per glyph
    reach: dict[tuple[float, float], tuple[float, float]] = {}
    upright = quarter == 0
    for i, u in enumerate(codes):
        if 32 < u < 0xD800 and u != 0x3F:
            total += 1  # the common case: a plain character, none of the tests below
        elif u in _SKIP:
            continue
        elif u == 32:
            if is_gen(i):
                continue  # generated spaces (gaps are seen from the boxes)
        elif 0xD800 <= u <= 0xDFFF:
            continue  # outside the BMP: no amount or title word lives there
        else:
            total += 1
            if _bad(u):
                bad += 1
                continue
        if mis and i in mis:
            bad += 8
            continue
        ch = chr(u)
        if 0x2E80 <= u <= 0x2FDF:  # Kangxi/CJK radicals some fonts map to: the plain hanzi
            ch = unicodedata.normalize("NFKC", ch)
        get_box(tpa, i, rect_p)
        get_origin(tpa, i, ox_p, oy_p)
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        key = (top - bottom, right - left)
        r = reach.get(key)
        if r is None:
            fs = get_size(tpr, i)
            big = max(key)
            if big > 0.3 and not big / 3 <= fs <= 3 * big:
                fs = big  # a size scaled by the text matrix (1 × 18, or 360 × 0.05)
            fs = fs or 10.0
            reach[key] = r = (0.2 * fs, 0.8 * fs)
        # y from the baseline, so that commas and thin strokes (一) sit on their line
        if upright:
            y = oy.value
            add(Char(ch, left, y - r[0], right, y + r[1]))
        else:
            ax, _ = turn(left, bottom)
            bx, _ = turn(right, top)
            _, base = turn(ox.value, oy.value)
            add(Char(ch, min(ax, bx), base - r[0], max(ax, bx), base + r[1]))
    out = Page(pno, pw, ph, bad=bad, total=total)
    out.chars = chars  # glyphs drawn twice are dropped when lines are built
    return out, quarter


def _turn(quarter: int, w: float, h: float) -> Any:
    """Map user space to the reading orientation for text turned ``quarter`` × 90° CCW."""
    if quarter == 1:
        return lambda x, y: (y, w - x)
    if quarter == 2:
        return lambda x, y: (w - x, h - y)
    if quarter == 3:
        return lambda x, y: (h - y, x)
    return lambda x, y: (x, y)


# path segment and object kinds of pdfium (public/fpdf_edit.h)
_LINETO, _BEZIER, _MOVETO = 0, 1, 2
_RULE = 2.5  # a drawn shape thinner than this is a ruling line


def _objects(page: Any, turn: Any, out: Page) -> None:
    """Ruling segments from every path (in forms too), as stroked lines, stroked
    rectangles or thin filled rectangles; images are counted."""
    import pypdfium2.raw as raw

    hs: list[Seg] = []
    vs: list[Seg] = []
    area = out.width * out.height
    fx, fy = ctypes.c_float(), ctypes.c_float()
    fx_p, fy_p = ctypes.byref(fx), ctypes.byref(fy)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    fill_p, stroke_p = ctypes.byref(fill), ctypes.byref(stroke)
    rgba = [ctypes.c_uint() for _ in range(4)]
    rgba_p = [ctypes.byref(v) for v in rgba]
    mat = raw.FS_MATRIX()
    le, bo, ri, to = (ctypes.c_float() for _ in range(4))
    bounds = (ctypes.byref(le), ctypes.byref(bo), ctypes.byref(ri), ctypes.byref(to))

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        ax, ay = turn(x0, y0)
        bx, by = turn(x1, y1)
        if abs(ay - by) < _RULE and abs(ax - bx) >= _RULE:
            hs.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) < _RULE and abs(ay - by) >= _RULE:
            vs.append(((ax + bx) / 2, min(ay, by), max(ay, by)))

    fast = _lean()
    get_type = fast.object_type
    draw_mode, fill_color, get_bounds = fast.draw_mode, fast.fill_color, fast.bounds
    text_t, path_t = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH
    image_t, form_t = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM

    def walk(n: int, parent: Any, get: Any, m: tuple[float, ...]) -> None:
        # one object at a time: some producers (WPS spreadsheets) draw every character as
        # an object of its own, so this loop must stay lean for text objects
        for j in range(n):
            obj = get(parent, j)
            t = get_type(obj)
            if t == text_t:
                continue
            if t == image_t:
                out.images += 1
            elif t == form_t:
                raw.FPDFPageObj_GetMatrix(obj, mat)
                sub = _mul((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), m)
                walk(raw.FPDFFormObj_CountObjects(obj), obj, fast.form_object, sub)
            elif t == path_t:
                draw_mode(obj, fill_p, stroke_p)
                if not fill.value and not stroke.value:
                    continue  # a clip or an invisible path
                if not stroke.value:
                    fill_color(obj, *rgba_p)
                    if rgba[0].value > 240 and rgba[1].value > 240 and rgba[2].value > 240:
                        continue  # a white fill paints a background, not a rule
                get_bounds(obj, *bounds)
                x0, y0 = _apply(m, le.value, bo.value)
                x1, y1 = _apply(m, ri.value, to.value)
                if abs(x1 - x0) < _RULE or abs(y1 - y0) < _RULE:  # one line: no need to walk
                    _thin(add, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                    continue
                raw.FPDFPageObj_GetMatrix(obj, mat)
                pm = _mul((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), m)
                _path(obj, pm, add, area, bool(stroke.value))

    def _path(obj: Any, pm: tuple[float, ...], add: Any, area: float, stroked: bool) -> None:
        sub: list[tuple[float, float]] = []
        subs: list[list[tuple[float, float]]] = []
        for j in range(fast.segments(obj)):
            seg = fast.segment(obj, j)
            fast.point(seg, fx_p, fy_p)
            x, y = fx.value, fy.value
            p = (pm[0] * x + pm[2] * y + pm[4], pm[1] * x + pm[3] * y + pm[5])
            kind = fast.segment_type(seg)
            if kind == _MOVETO and sub:
                subs.append(sub)
                sub = []
            if kind == _BEZIER:
                sub = []  # curves draw no rules; drop the subpath
                continue
            sub.append(p)
            if fast.closes(seg) and sub:
                sub.append(sub[0])
        if sub:
            subs.append(sub)
        for pts in subs:
            if len(pts) < 2:
                continue
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            if (x1 - x0) < _RULE or (y1 - y0) < _RULE:  # a line, or a thin filled bar
                _thin(add, x0, y0, x1, y1)
                continue
            if (x1 - x0) * (y1 - y0) > 0.8 * area:
                continue  # a page frame or background
            if not stroked and len(pts) > 6:
                continue  # a filled shape (a seal, a logo): no rules
            for a, b in itertools.pairwise(pts):
                add(a[0], a[1], b[0], b[1])

    n = raw.FPDFPage_CountObjects(page.raw)
    walk(n, ctypes.c_void_p(_addr(page.raw)), fast.page_object, (1, 0, 0, 1, 0, 0))
    out.hs, out.vs = merge(hs), merge(vs)


def _thin(add: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    """A thin box as the rule along its long side."""
    if x1 - x0 >= y1 - y0:
        add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)
    else:
        add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _mul(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``a`` then ``b`` (PDF order: a point is transformed by a first)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def merge(segs: list[Seg]) -> list[Seg]:
    """Collinear touching pieces as one segment (tables draw each cell edge separately)."""
    out: list[Seg] = []
    for pos, a, b in sorted((round(p, 0), a, b) for p, a, b in segs):
        if out and out[-1][0] == pos and a <= out[-1][2] + 1.5:
            out[-1] = (pos, out[-1][1], max(out[-1][2], b))
        else:
            out.append((pos, a, b))
    return out
