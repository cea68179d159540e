"""The formatter registry: every output format by name, for what it renders (a report, a scan's rows, a
checklist, a comparison). The CLI's --format choices are its names; a renderer's module is imported
only when it is used, so listing the formats imports none of them."""
from __future__ import annotations

from importlib import import_module


def _lazy(where: str):
    """The renderer (or writer class) "module:name" of this package, imported at its first call."""
    module, name = where.split(":")

    def call(*args, **kwargs):
        return getattr(import_module(f"{__name__}.{module}"), name)(*args, **kwargs)

    return call


def _checklist_html(checklist) -> str:
    from .html import render_html

    return render_html(checklist.report, checklist)


# the order of each mapping is the order of the choices in --help and in the usage errors
FORMATS = {
    "report": {"text": _lazy("text:render_text"), "json": _lazy("json:render_json"),
               "markdown": _lazy("markdown:render_markdown"), "html": _lazy("html:render_html")},
    "scan": {"table": _lazy("batch:TableWriter"), "jsonl": _lazy("batch:JsonlWriter"),
             "csv": _lazy("batch:CsvWriter"), "json": _lazy("batch:JsonWriter")},  # writer(handle)
    "checklist": {"markdown": _lazy("checklist:render_checklist_markdown"), "html": _checklist_html},
    "comparison": {"text": _lazy("comparison:render_text"), "markdown": _lazy("comparison:render_markdown"),
                   "html": _lazy("comparison:render_html"), "json": _lazy("comparison:render_json")},
}


def render(report, fmt: str, color: bool = False) -> str:
    if fmt == "text":
        return FORMATS["report"]["text"](report, color=color)
    return FORMATS["report"][fmt](report)
