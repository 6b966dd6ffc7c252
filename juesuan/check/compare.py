"""Signs of stated numbers (``text.sign``):

- a negative amount after a direction word (``增加-1,205.30万元``);
- a rate or share written without its % sign (``完成年初预算的112.5，``).
"""

from __future__ import annotations

from juesuan.check.base import Context, rule
from juesuan.extract.normalize import reading
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy

_NEGATIVE = lazy(r"(增加|增长|减少|下降|上升|降低)\s*-\s*\d")
_NO_SIGN = lazy(
    r"(?:完成[^，；。]{0,24}的|占[^，；。]{0,24}的|占比为?|增长|下降|上升|执行率为?|完成率为?)"
    r"(?P<num>\d+\.\d+|\d{1,3})(?=\s*(?:[，；。）]|$))"
)


@rule("text.sign", "增减额为负数、百分数缺少百分号")
def signs(ctx: Context) -> list[Finding]:
    from juesuan.check.spans import prose

    out: list[Finding] = []
    for para in prose(ctx):
        text = reading(para.text)
        for m in _NEGATIVE.finditer(text):
            out.append(
                Finding(
                    rule="text.sign",
                    severity="warning",
                    message=f"“{m.group(1)}”后的金额为负数，方向应由措辞表达（负的增加即减少）",
                    location=para.location(m.start(), m.end()),
                    actual=para.text[m.start() : m.end()],
                    suggestion="改用相反的方向词并去掉负号",
                )
            )
        for m in _NO_SIGN.finditer(text):
            a, b = m.start("num"), m.end("num")
            out.append(
                Finding(
                    rule="text.sign",
                    severity="warning",
                    message=f"百分数“{para.text[a:b]}”缺少百分号“%”",
                    location=para.location(a, b),
                    expected=f"{para.text[a:b]}%",
                    actual=para.text[a:b],
                    suggestion=f"{para.text[a:b]}%",
                    replacement=f"{para.text[a:b]}%",
                )
            )
    return out
