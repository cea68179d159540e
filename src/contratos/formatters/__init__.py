"""Render a Report: text (terminal), json, markdown, html. All read the same report model."""
from __future__ import annotations

from .html import render_html
from .json import render_json
from .markdown import render_markdown
from .text import render_text

FORMATS = {"text": render_text, "json": render_json, "markdown": render_markdown, "html": render_html}


def render(report, fmt: str, color: bool = False) -> str:
    if fmt == "text":
        return render_text(report, color=color)
    return FORMATS[fmt](report)
