"""Is there a font that can draw Chinese? Asked before a PDF is composed.

Without one, WeasyPrint still writes a PDF, every character an empty box, and exits happily;
so ``compose -f pdf`` asks fontconfig first (``fc-list :lang=zh``) and stops with a clear
message. Where ``fc-list`` itself is missing, the usual font folders are searched by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

INSTALL_HINT = "apt-get install fonts-noto-cjk"
# File names of common Chinese-capable fonts (Noto/Source Han, WenQuanYi, Droid, Windows').
_NAMES = ("cjk", "sourcehan", "wqy", "droidsansfallback", "simsun", "simhei", "msyh", "fangsong")
_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def cjk_families() -> list[str]:
    """Installed font families that cover Chinese (empty when there are none)."""
    fc = shutil.which("fc-list")
    if fc is not None:
        try:
            p = subprocess.run(
                [fc, ":lang=zh", "family"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            p = None
        if p is not None and p.returncode == 0:
            return sorted({ln.split(",")[0].strip() for ln in p.stdout.splitlines() if ln.strip()})
    return _by_file_name()


def _by_file_name() -> list[str]:
    found: set[str] = set()
    for d in _DIRS:
        root = Path(os.path.expanduser(d))
        if not root.is_dir():
            continue
        for f in root.rglob("*"):
            low = f.name.lower().replace("-", "").replace("_", "")
            if f.suffix.lower() in (".ttf", ".ttc", ".otf") and any(n in low for n in _NAMES):
                found.add(f.stem)
    return sorted(found)


def require_cjk_font() -> None:
    """Raise RuntimeError (a Chinese message for the user) when no Chinese font is installed."""
    if not cjk_families():
        raise RuntimeError(
            "未找到可显示中文的字体，生成的 PDF 将全是空白方框，已停止。"
            f"请先安装中文字体（Debian/Ubuntu：{INSTALL_HINT}），"
            "或改用 -f docx / -f html / -f md 输出"
        )
