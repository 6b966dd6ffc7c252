"""What the recogniser's punctuation marks in one box mean: the separators of a number it
reads as full-width signs, and the specks of a scan it reads as marks.

A speck (or a fleck of noise) is as large as a decimal point, so it cannot be told from
one on the bitmap; the recogniser reads it as ``.``, ``：`` or ``·`` with a low probability
(on the OCR bench: 0.45-0.75 for every mark that was a speck, while real stops, colons and
quotes read at 0.9 and above; commas, ``、`` and brackets do read low and are never taken
for specks). Where it stands decides: at the end of a box (``.650.68``, ``213.``,
``本年收入合计：``) it is dropped, and inside a number only where the number is malformed
with it and well formed without it (``5,87.6.67``).
"""

from __future__ import annotations

import re
from typing import Any

# marks a speck is read as; one at the start or the end of a box read with a probability
# below SPECK_CONF is dropped
SPECKS = frozenset(".．。:：·'\"`‘’“”")
SPECK_CONF = 0.8

# a number as tables print it: grouped by threes with commas, or not grouped; one point
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_RUN = re.compile(r"[\d.,]*\d[\d.,]*")

# marks the recogniser gives now and then inside a number (``866，296``, ``57,074;300``)
_FULL = {"，": ",", "．": ".", "。": "."}
_GROUP = ";；"  # a semicolon before a group of three digits is a thousands separator


def clean(glyphs: list[Any]) -> list[Any]:
    """A box's glyphs (``engine.Glyph``) with specks dropped and separators set right."""
    return points(separators(specks(glyphs)))


def specks(glyphs: list[Any]) -> list[Any]:
    """The glyphs without the marks at either end of the box that are specks."""
    out = list(glyphs)
    while out and out[0].ch in SPECKS and out[0].conf < SPECK_CONF:
        out.pop(0)
    while out and out[-1].ch in SPECKS and out[-1].conf < SPECK_CONF:
        out.pop()
    return out


def separators(glyphs: list[Any]) -> list[Any]:
    """A full-width comma or full stop between two digits of one box is the number's
    separator (a Chinese sentence never puts one between digits); so is a semicolon
    between a digit and a group of exactly three."""
    out = list(glyphs)
    text = "".join(g.ch for g in out) + " "
    for i in range(1, len(out) - 1):
        c = out[i].ch
        if not (text[i - 1].isdigit() and text[i + 1].isdigit()):
            continue
        if c in _FULL:
            out[i] = out[i]._replace(ch=_FULL[c])
        elif c in _GROUP and text[i + 1 : i + 4].isdigit() and not text[i + 4].isdigit():
            out[i] = out[i]._replace(ch=",")
    return out


def points(glyphs: list[Any]) -> list[Any]:
    """Each malformed number of the box (two points, or a point inside a group of three)
    without the one low-probability point whose removal makes it well formed, when exactly
    one does. Its digits then carry that point's probability: the reading was repaired, so
    a finding that rests on it is not certain (``check/misread.py``)."""
    text = "".join(g.ch for g in glyphs)
    drop: set[int] = set()
    cap: dict[int, float] = {}
    for m in _RUN.finditer(text):
        run = m.group()
        if _NUMBER.fullmatch(run) or "." not in run:
            continue
        fits = [
            i
            for i, c in enumerate(run)
            if c == "."
            and glyphs[m.start() + i].conf < SPECK_CONF
            and _NUMBER.fullmatch(run[:i] + run[i + 1 :])
        ]
        if len(fits) != 1:
            continue
        gone = m.start() + fits[0]
        drop.add(gone)
        for j in range(m.start(), m.end()):
            cap[j] = glyphs[gone].conf
    if not drop:
        return glyphs
    return [
        g._replace(conf=min(g.conf, cap[j])) if j in cap else g
        for j, g in enumerate(glyphs)
        if j not in drop
    ]
