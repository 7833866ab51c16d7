"""The settings list names print fonts by family, in the screen's language, not by file name."""

from __future__ import annotations

import pytest

from app.reports.fonts import font_label


@pytest.mark.parametrize(
    ("path", "zh", "en"),
    [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "思源黑体", "Noto Sans CJK"),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "思源宋体（粗体）", "Noto Serif CJK Bold"),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "文泉驿微米黑", "WenQuanYi Micro Hei"),
        ("C:/Windows/Fonts/msyhbd.ttc", "微软雅黑（粗体）", "Microsoft YaHei Bold"),
        ("C:/Windows/Fonts/simsun.ttc", "宋体", "SimSun"),
        ("/home/me/fonts/MyOwn.ttf", "MyOwn.ttf", "MyOwn.ttf"),  # a family not known: its file
    ],
)
def test_font_labels(path: str, zh: str, en: str) -> None:
    assert (font_label(path, "zh_CN"), font_label(path, "en")) == (zh, en)
