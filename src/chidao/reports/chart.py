"""The key-task chart of a report, drawn with Pillow (it comes with fpdf2): no matplotlib.

One horizontal bar per task, numbered as in the table, its length the progress (0–100 %),
its colour the status group (hoàn thành, đạt tiến độ, chậm tiến độ, chưa thực hiện), and
a legend with how many tasks each group has. Text uses Liberation Serif 2.x (Debian's
fonts-liberation2), else DejaVu (fonts-dejavu-core), else Pillow's own font.
"""

from __future__ import annotations

import io
from pathlib import Path

from chidao.tasks.status import BEHIND, COMPLETED, ON_TRACK, TaskStatus

# Fonts with every Vietnamese letter, best first (Liberation 1.x of fonts-liberation lacks them).
FONT_FILES = [
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
]

# (label, colour) by status group, in the order of the legend
GROUPS = [
    ("Hoàn thành", (46, 125, 50)),
    ("Đạt tiến độ", (21, 101, 192)),
    ("Chậm tiến độ", (198, 40, 40)),
    ("Chưa thực hiện", (158, 158, 158)),
]


def status_group(status: str) -> int:
    value = TaskStatus(status)
    if value in COMPLETED:
        return 0
    if value in ON_TRACK:
        return 1
    if value in BEHIND:
        return 2
    return 3


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_FILES:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def task_chart_png(rows, *, title: str = "") -> bytes:
    """A PNG of the tasks' progress; ``rows`` have ``number``, ``progress`` and ``status``."""
    from PIL import Image, ImageDraw

    scale = 2  # drawn at twice the size for print
    bar_h, gap = 30 * scale, 12 * scale
    left, right, top = 110 * scale, 80 * scale, 40 * scale
    plot_w = 760 * scale
    legend_h = 70 * scale
    if title:
        top += 30 * scale
    height = top + max(len(rows), 1) * (bar_h + gap) + 40 * scale + legend_h
    width = left + plot_w + right
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(26 * scale)
    small = _font(24 * scale)
    if title:
        draw.text((left, 4 * scale), title, fill="black", font=font)
    bottom = top + len(rows) * (bar_h + gap)
    for pct in range(0, 101, 20):
        x = left + plot_w * pct // 100
        draw.line([(x, top - 8 * scale), (x, bottom)], fill=(210, 210, 210), width=scale)
        draw.text((x - 18 * scale, bottom + 6 * scale), f"{pct}%", fill="black", font=small)
    draw.line([(left, top - 8 * scale), (left, bottom)], fill="black", width=scale)
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        label = f"NV {row.number}"
        draw.text((10 * scale, y + 2 * scale), label, fill="black", font=small)
        colour = GROUPS[status_group(row.status)][1]
        length = plot_w * max(0, min(100, int(row.progress))) // 100
        if length:
            draw.rectangle([(left, y), (left + length, y + bar_h)], fill=colour)
        draw.text(
            (left + length + 6 * scale, y + 2 * scale), f"{row.progress}%", fill="black", font=small
        )
    counts = [0, 0, 0, 0]
    for row in rows:
        counts[status_group(row.status)] += 1
    x = 10 * scale
    y = bottom + 45 * scale
    for (label, colour), count in zip(GROUPS, counts, strict=True):
        draw.rectangle([(x, y + 2 * scale), (x + 24 * scale, y + 26 * scale)], fill=colour)
        text = f"{label}: {count}"
        draw.text((x + 30 * scale, y), text, fill="black", font=small)
        x += 30 * scale + int(draw.textlength(text, font=small)) + 24 * scale
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
