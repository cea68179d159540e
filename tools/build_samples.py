"""Render the sample contracts in sample_contracts/ from plain-text sources.

Usage:
    python tools/build_samples.py --src tools/sample_sources --out sample_contracts

Every ``*.txt`` file in the source directory (UTF-8) is one sample. It starts with
TOML front matter between two ``+++`` lines:

    +++
    format = "docx"          # txt, txt-cp1252, md, html, docx or pdf
    country = "AR"
    service = "diseño gráfico"
    description = "What the sample contains"
    notes = "One sentence on what makes the sample interesting"
    docx_headings = "style"  # docx only: "style" = Heading 1/2, "bold" = Normal paragraph, bold run
    header = "..."           # docx, pdf and html: running page header (optional)
    prefix = "..."           # md, txt and html: raw text written verbatim before the body (YAML front
    suffix = "..."           #   matter, a nav menu, a cookie banner); html: inside <body>, not escaped
    html_raw = true          # html: a paragraph that starts with "<" is written as raw HTML
    footer = "..."           # pdf and html: running footer; pdf always adds "Página N de M"
    [expected]
    alcance = "ok"           # ok, weak or missing
    pago = "ok"
    rescision = "ok"
    +++

The body follows, one block per line (blank lines are ignored):

* ``# Text``       document title;
* ``## Text``      clause heading;
* ``| a | b |``    table row; consecutive rows form one table, the first row is the header;
* anything else    one paragraph.

Output goes to ``<out>/<stem>.<ext>``: txt drops the ``#`` markers, md keeps them (and adds
the table separator row), txt-cp1252 is a cp1252 ``.txt`` with CRLF, html is one page with the
header and footer around the body (h1, h2, p, table). ``<out>/expected.toml``
lists every sample's metadata and expected statuses. Output is byte-for-byte reproducible.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from contratos.patterns import check_ids, core_ids

EXTENSIONS = {"txt": "txt", "txt-cp1252": "txt", "md": "md", "html": "html", "docx": "docx", "pdf": "pdf"}
CHECKS = core_ids()
SUPPORTING = tuple(c for c in check_ids() if c not in CHECKS)
STATUSES = {"ok", "weak", "missing", "not_applicable"}
DETAILS = {"who": str, "notice_days": int, "pays_work_done": bool}
MD_MARKS = {"title": "# ", "heading": "## "}
AUTHOR = "contratos (muestras)"
FIXED_DATE = dt.datetime(2024, 1, 15, 9, 0, 0)
ZIP_DATE = (2024, 1, 15, 9, 0, 0)

# PDF layout, in points
PAGE_W, PAGE_H = A4
MARGIN_X = 2.5 * cm
BODY_TOP = PAGE_H - 3.0 * cm
BODY_BOTTOM = 2.8 * cm
BODY_W = PAGE_W - 2 * MARGIN_X
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING, PARA_GAP = 11, 15.5, 6
COLUMN_GAP = 12
GREY = Color(0.35, 0.35, 0.35)

# Spanish hyphenation: a break goes before a consonant (or inseparable pair) that starts a syllable
VOWELS = set("aeiouáéíóúü")
CLUSTERS = {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "pl", "pr", "tr", "ch", "ll", "rr"}
MIN_HYPHEN_WORD, MIN_HEAD, MIN_TAIL = 10, 3, 3


@dataclass
class Block:
    kind: str  # "title", "heading", "para" or "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Sample:
    name: str
    meta: dict
    blocks: list[Block]

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "title"), self.name)


def load_sample(path: Path) -> Sample:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        raise SystemExit(f"{path}: missing +++ front matter")
    end = next((i for i, ln in enumerate(lines[1:], 1) if ln.strip() == "+++"), None)
    if end is None:
        raise SystemExit(f"{path}: front matter is not closed with +++")
    meta = tomllib.loads("\n".join(lines[1:end]))
    validate_meta(path, meta)
    return Sample(path.stem, meta, parse_blocks(lines[end + 1:]))


def validate_meta(path: Path, meta: dict) -> None:
    if meta.get("format") not in EXTENSIONS:
        raise SystemExit(f"{path}: format must be one of {', '.join(EXTENSIONS)}")
    expected = dict(meta.get("expected", {}))
    details = expected.pop("details", {})
    statuses = set(expected.values())
    if not set(CHECKS) <= set(expected) or not set(expected) <= set(CHECKS + SUPPORTING) or not statuses <= STATUSES:
        raise SystemExit(f"{path}: [expected] needs {', '.join(CHECKS)} (and may have {', '.join(SUPPORTING)})"
                         " = ok|weak|missing|not_applicable")
    for key, value in details.items():
        if key not in DETAILS or not isinstance(value, DETAILS[key]):
            raise SystemExit(f"{path}: [expected.details] allows who (str), notice_days (int), pays_work_done (bool)")
    if meta.get("docx_headings", "style") not in ("style", "bold"):
        raise SystemExit(f"{path}: docx_headings must be 'style' or 'bold'")


def parse_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif line.startswith("## "):
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(Block("title", line[2:].strip()))
        else:
            blocks.append(Block("para", line))
    return blocks


def table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_text(sample: Sample, markdown: bool) -> str:
    chunks = []
    for block in sample.blocks:
        if block.kind == "table":
            rows = [table_row(r) for r in block.rows]
            if markdown:
                rows.insert(1, table_row(["---"] * len(block.rows[0])))
            chunks.append("\n".join(rows))
        else:
            chunks.append((MD_MARKS.get(block.kind, "") if markdown else "") + block.text)
    return "\n\n".join(chunks) + "\n"


def write_text(sample: Sample, path: Path) -> None:
    fmt = sample.meta["format"]
    text = sample.meta.get("prefix", "") + render_text(sample, markdown=fmt == "md") + sample.meta.get("suffix", "")
    cp1252 = fmt == "txt-cp1252"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252") if cp1252 else text.encode("utf-8"))


def html_block(block: Block, raw: bool = False) -> str:
    if raw and block.kind == "para" and block.text.startswith("<"):
        return block.text
    if block.kind == "table":
        head, *rows = block.rows
        cells = lambda tag, row: "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row)  # noqa: E731
        body = "".join(f"<tr>{cells('td', r)}</tr>" for r in rows)
        return f"<table>\n<thead><tr>{cells('th', head)}</tr></thead>\n<tbody>{body}</tbody>\n</table>"
    tag = {"title": "h1", "heading": "h2"}.get(block.kind, "p")
    return f"<{tag}>{html.escape(block.text)}</{tag}>"


def write_html(sample: Sample, path: Path) -> None:
    meta = sample.meta
    parts = ["<!DOCTYPE html>", '<html lang="es">', "<head>", '<meta charset="utf-8">',
             f"<title>{html.escape(sample.title)}</title>",
             "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5}"
             "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em}</style>",
             "</head>", "<body>"]
    if meta.get("prefix"):
        parts.append(meta["prefix"])
    if meta.get("header"):
        parts.append(f"<header><p>{html.escape(meta['header'])}</p></header>")
    parts.append("<main>")
    parts.extend(html_block(b, meta.get("html_raw", False)) for b in sample.blocks)
    parts.append("</main>")
    if meta.get("footer"):
        parts.append(f"<footer><p>{html.escape(meta['footer'])}</p></footer>")
    if meta.get("suffix"):
        parts.append(meta["suffix"])
    parts += ["</body>", "</html>", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def write_docx(sample: Sample, path: Path) -> None:
    doc = Document()
    set_core_properties(doc, sample)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    if sample.meta.get("header"):
        section.header.paragraphs[0].text = sample.meta["header"]
    bold = sample.meta.get("docx_headings", "style") == "bold"
    for block in sample.blocks:
        add_docx_block(doc, block, bold)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(normalize_zip(buffer.getvalue()))


def set_core_properties(doc, sample: Sample) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = sample.title
    props.subject = sample.meta.get("service", "")
    props.language = "es"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1


def add_docx_block(doc, block: Block, bold_headings: bool) -> None:
    if block.kind == "table":
        add_docx_table(doc, block.rows)
    elif block.kind == "para":
        doc.add_paragraph(block.text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif not bold_headings:
        doc.add_heading(block.text, level=1 if block.kind == "title" else 2)
    else:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        run.bold = True
        if block.kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(14)


def add_docx_table(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            run = table.cell(r, c).paragraphs[0].add_run(text)
            run.bold = r == 0


def normalize_zip(data: bytes) -> bytes:
    """Rewrite the docx zip with fixed timestamps so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


@dataclass
class PdfLine:
    items: list[tuple[float, str]]  # (x, text) pairs drawn on one baseline
    font: str = FONT
    size: float = SIZE
    height: float = LEADING
    gap: float = 0  # space before the line, dropped at the top of a page
    keep: bool = False  # keep with the next lines (headings)


def break_points(word: str) -> list[int]:
    w = word.lower()
    points = []
    for i in range(MIN_HEAD, len(w) - MIN_TAIL + 1):
        if w[i] in VOWELS or w[i - 1:i + 1] in CLUSTERS:
            continue
        onset_end = i + 2 if w[i:i + 2] in CLUSTERS else i + 1
        if onset_end < len(w) and w[onset_end] in VOWELS and VOWELS & set(w[:i]):
            points.append(i)
    return points


def split_word(word: str, line: str, font: str, size: float, width: float) -> tuple[str, str] | None:
    """Split a long word so that `line` + head + '-' fits in `width`; None if it cannot."""
    start = next((i for i, ch in enumerate(word) if ch.isalpha()), len(word))
    end = len(word.rstrip(".,;:)»\"'"))
    core = word[start:end]
    if len(core) < MIN_HYPHEN_WORD or not core.isalpha():
        return None
    for point in reversed(break_points(core)):
        head = word[:start + point] + "-"
        if stringWidth(f"{line} {head}", font, size) <= width:
            return head, word[start + point:]
    return None


def wrap(text: str, font: str, size: float, width: float, hyphenate: bool) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        parts = split_word(word, current, font, size, width) if hyphenate and current else None
        if parts:
            lines.append(f"{current} {parts[0]}")
            current = parts[1]
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def layout_block(block: Block) -> list[PdfLine]:
    if block.kind == "title":
        lines = wrap(block.text, BOLD, 13, BODY_W, hyphenate=False)
        return [PdfLine([((PAGE_W - stringWidth(t, BOLD, 13)) / 2, t)], BOLD, 13, 19,
                        gap=0 if i else 4, keep=True) for i, t in enumerate(lines)]
    if block.kind == "heading":
        lines = wrap(block.text, BOLD, SIZE, BODY_W, hyphenate=False)
        return [PdfLine([(MARGIN_X, t)], BOLD, gap=0 if i else 10, keep=True) for i, t in enumerate(lines)]
    if block.kind == "table":
        return layout_table(block.rows)
    lines = wrap(block.text, FONT, SIZE, BODY_W, hyphenate=True)
    return [PdfLine([(MARGIN_X, t)], gap=0 if i else PARA_GAP) for i, t in enumerate(lines)]


def column_widths(rows: list[list[str]], size: float) -> list[float]:
    count = max(len(r) for r in rows)
    natural = [max(stringWidth(r[c], BOLD, size) if c < len(r) else 0 for r in rows) + COLUMN_GAP
               for c in range(count)]
    scale = min(1.0, BODY_W / sum(natural))
    return [w * scale for w in natural]


def layout_table(rows: list[list[str]]) -> list[PdfLine]:
    size = SIZE - 1
    widths = column_widths(rows, size)
    starts = [MARGIN_X + sum(widths[:c]) for c in range(len(widths))]
    result = []
    for r, cells in enumerate(rows):
        font = BOLD if r == 0 else FONT
        wrapped = [wrap(t, font, size, widths[c] - COLUMN_GAP, hyphenate=False) for c, t in enumerate(cells)]
        for i in range(max(len(w) for w in wrapped)):
            items = [(starts[c], w[i]) for c, w in enumerate(wrapped) if i < len(w)]
            gap = PARA_GAP + 2 if r == 0 and i == 0 else (3 if i == 0 else 0)
            result.append(PdfLine(items, font, size, LEADING - 1, gap=gap, keep=r == 0))
    return result


def paginate(lines: list[PdfLine]) -> list[list[tuple[float, PdfLine]]]:
    """Place lines on pages; returns (baseline y, line) pairs per page."""
    pages: list[list[tuple[float, PdfLine]]] = [[]]
    y = BODY_TOP
    for line in lines:
        gap = line.gap if pages[-1] else 0
        needed = gap + line.height * (3 if line.keep else 1)
        if pages[-1] and y - needed < BODY_BOTTOM:
            pages.append([])
            y, gap = BODY_TOP, 0
        y -= gap + line.height
        pages[-1].append((y + line.height - line.size, line))
    return pages


def grey_pen(c: canvas.Canvas) -> None:
    c.setFillColor(GREY)
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.setFont(FONT, 8.5)


def draw_header(c: canvas.Canvas, meta: dict) -> None:
    if meta.get("header"):
        grey_pen(c)
        c.drawString(MARGIN_X, PAGE_H - 1.8 * cm, meta["header"])
        c.line(MARGIN_X, PAGE_H - 2.0 * cm, PAGE_W - MARGIN_X, PAGE_H - 2.0 * cm)


def draw_footer(c: canvas.Canvas, meta: dict, number: int, total: int) -> None:
    grey_pen(c)
    c.line(MARGIN_X, 2.0 * cm, PAGE_W - MARGIN_X, 2.0 * cm)
    if meta.get("footer"):
        c.drawString(MARGIN_X, 1.5 * cm, meta["footer"])
    c.drawRightString(PAGE_W - MARGIN_X, 1.5 * cm, f"Página {number} de {total}")


def write_pdf(sample: Sample, path: Path) -> None:
    lines = [line for block in sample.blocks for line in layout_block(block)]
    pages = paginate(lines)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor(AUTHOR)
    c.setTitle(sample.title)
    c.setSubject(sample.meta.get("service", ""))
    for number, page in enumerate(pages, 1):
        draw_header(c, sample.meta)  # drawn in reading order: header, body, footer
        c.setFillColorRGB(0, 0, 0)
        for y, line in page:
            c.setFont(line.font, line.size)
            for x, text in line.items:
                c.drawString(x, y, text)
        draw_footer(c, sample.meta, number, len(pages))
        c.showPage()
    c.save()


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def expected_toml(samples: list[tuple[Sample, str]]) -> str:
    out = ["# Generated by tools/build_samples.py from tools/sample_sources; do not edit.", ""]
    for sample, filename in samples:
        out.append(f"[{sample.name}]")
        out.append(f"file = {toml_string(filename)}")
        for key in ("format", "country", "service", "description", "notes", "document_kind", "language"):
            if key in sample.meta or key not in ("document_kind", "language"):
                out.append(f"{key} = {toml_string(str(sample.meta.get(key, '')))}")
        expected = dict(sample.meta["expected"])
        details = expected.pop("details", {})
        out.append(f"[{sample.name}.expected]")
        out.extend(f"{check} = {toml_string(status)}" for check, status in expected.items())
        if details:
            out.append(f"[{sample.name}.expected.details]")
            out.extend(f"{key} = {json.dumps(value)}" for key, value in details.items())
        out.append("")
    return "\n".join(out)


WRITERS = {"txt": write_text, "txt-cp1252": write_text, "md": write_text, "html": write_html, "docx": write_docx,
           "pdf": write_pdf}


def build(src: Path, out: Path) -> list[tuple[Sample, str]]:
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for source in sorted(src.glob("*.txt")):
        sample = load_sample(source)
        fmt = sample.meta["format"]
        filename = f"{sample.name}.{EXTENSIONS[fmt]}"
        WRITERS[fmt](sample, out / filename)
        built.append((sample, filename))
    (out / "expected.toml").write_text(expected_toml(built), encoding="utf-8")
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description="Render the sample contracts from their sources.")
    parser.add_argument("--src", type=Path, default=Path("tools/sample_sources"))
    parser.add_argument("--out", type=Path, default=Path("sample_contracts"))
    args = parser.parse_args()
    for sample, filename in build(args.src, args.out):
        print(f"{filename:48} {sample.meta['format']:10} {sample.meta['country']}")


if __name__ == "__main__":
    main()
