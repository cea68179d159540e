"""Text on a PDF page that a person cannot see: drawn invisible (render mode 3 or 7), in the colour of
what lies beneath it (white on the white page, yellow on a yellow box, fully transparent), smaller
than 1 pt, or outside the page box. pdfium extracts it like any other text; a client can hide a
clause there that the analysis would count. Such text is left out and quoted in a warning.

One pass over the page objects (a few per line of text), then, only on a page that has hidden
objects, one over its characters to drop theirs."""
from __future__ import annotations

import ctypes
import math

INVISIBLE, SAME_COLOUR, TINY, OUTSIDE = "invisible", "colour", "tiny", "outside"
REASONS = {INVISIBLE: "texto invisible", SAME_COLOUR: "texto del mismo color que el fondo",
           TINY: "texto de menos de 1 punto", OUTSIDE: "texto fuera de la página"}
_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5
_NO_PAINT_MODES = (3, 7)  # invisible; clip only
_STROKE_MODES = (1, 5)  # stroke (and clip): the outline colour is what shows
_MIN_SIZE = 1.0  # points
_SAME = 16  # largest difference of one RGB channel (0-255) between text and background that hides it
_WHITE = (255, 255, 255)


class _Probe:
    """ctypes out-parameters reused for every object of a page."""

    def __init__(self) -> None:
        self.box = [ctypes.c_float() for _ in range(4)]
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.size = ctypes.c_float()
        self.matrix = None
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()

    def bounds(self, raw, obj) -> tuple[float, float, float, float] | None:
        if not raw.FPDFPageObj_GetBounds(obj, *self.box):
            return None
        return tuple(v.value for v in self.box)

    def colour(self, getter, obj) -> tuple[tuple[int, int, int], int] | None:
        if not getter(obj, *self.rgba):
            return None  # a pattern or a colour space pdfium does not convert: count it as visible
        r, g, b, a = (v.value for v in self.rgba)
        return (r, g, b), a


def _addr(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def hidden_objects(page) -> dict[int, str]:
    """{address of a text object: why nobody sees it} for the text objects of `page` hidden in one of
    the four ways; empty for a normal page. About four pdfium calls per text object (each costs 1-2 µs
    through ctypes): the render mode also tells text from other objects, the size is only asked for
    text whose box is under 2 pt on one side, and where the text lies is only looked up when its
    colour is one of the background colours of the page."""
    import pypdfium2.raw as raw

    get_object, render_mode, get_bounds, fill_colour = (raw.FPDFPage_GetObject, raw.FPDFTextObj_GetTextRenderMode,
                                                        raw.FPDFPageObj_GetBounds, raw.FPDFPageObj_GetFillColor)
    probe = _Probe()
    probe.matrix = raw.FS_MATRIX()
    box_out, rgba = probe.box, probe.rgba
    left, bottom, right, top = page.get_bbox()
    left, bottom, right, top = left - 1, bottom - 1, right + 1, top + 1
    backgrounds: list[tuple[tuple, tuple | None]] = []  # (bounds, colour or None when unknown), in order
    colours = {_WHITE}  # every background colour of the page
    hidden: dict[int, str] = {}
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = get_object(page.raw, i)
        mode = render_mode(obj)  # -1 for anything but text
        if mode >= 0:
            if not get_bounds(obj, *box_out):
                continue
            box = (box_out[0].value, box_out[1].value, box_out[2].value, box_out[3].value)
            reason = None
            if mode in _NO_PAINT_MODES:
                reason = INVISIBLE
            elif min(box[2] - box[0], box[3] - box[1]) < 2 * _MIN_SIZE and _tiny(raw, probe, obj):
                reason = TINY
            elif box[2] < left or box[0] > right or box[3] < bottom or box[1] > top:
                reason = OUTSIDE
            elif (raw.FPDFPageObj_GetStrokeColor if mode in _STROKE_MODES else fill_colour)(obj, *rgba):
                rgb = (rgba[0].value, rgba[1].value, rgba[2].value)
                if rgba[3].value == 0:
                    reason = INVISIBLE
                elif any(_same(rgb, colour) for colour in colours):
                    below = _background(box, backgrounds)
                    if below is not None and _same(rgb, below):
                        reason = SAME_COLOUR
            if reason:
                hidden[_addr(obj)] = reason
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            if raw.FPDFPath_GetDrawMode(obj, probe.fill_mode, probe.stroke) and probe.fill_mode.value:
                fill = probe.colour(fill_colour, obj)
                box = probe.bounds(raw, obj)
                if box is not None and (fill is None or fill[1] > 0):
                    opaque = fill[0] if fill and fill[1] == 255 else None
                    backgrounds.append((box, opaque))
                    if opaque:
                        colours.add(opaque)
        elif kind in (_IMAGE, _SHADING, _FORM):
            box = probe.bounds(raw, obj)
            if box is not None:
                backgrounds.append((box, None))  # what an image or a form shows is unknown: text on it counts
            if kind == _FORM:
                _form_text(raw, probe, obj, hidden)
    return hidden


def _same(rgb: tuple, other: tuple) -> bool:
    return abs(rgb[0] - other[0]) <= _SAME and abs(rgb[1] - other[1]) <= _SAME and abs(rgb[2] - other[2]) <= _SAME


def _tiny(raw, probe: _Probe, obj) -> bool:
    if not (raw.FPDFTextObj_GetFontSize(obj, probe.size) and raw.FPDFPageObj_GetMatrix(obj, probe.matrix)):
        return False
    m = probe.matrix
    return probe.size.value * math.sqrt(abs(m.a * m.d - m.b * m.c)) < _MIN_SIZE


def _background(box, backgrounds) -> tuple | None:
    """The colour under the middle of `box`: the last filled shape drawn there, else the white page;
    None when it is an image or a form (unknown)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for (left, bottom, right, top), colour in reversed(backgrounds):
        if left <= x <= right and bottom <= y <= top:
            return colour
    return _WHITE


def _form_text(raw, probe: _Probe, form, hidden: dict[int, str], depth: int = 0) -> None:
    """Text inside a form XObject: its coordinates are the form's, so only the render mode, the size
    and full transparency tell."""
    if depth > 8:
        return
    for i in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _TEXT:
            colour = probe.colour(raw.FPDFPageObj_GetFillColor, obj)
            if raw.FPDFTextObj_GetTextRenderMode(obj) in _NO_PAINT_MODES or (colour is not None and colour[1] == 0):
                hidden[_addr(obj)] = INVISIBLE
            elif _tiny(raw, probe, obj):
                hidden[_addr(obj)] = TINY
        elif kind == _FORM:
            _form_text(raw, probe, obj, hidden, depth + 1)


def visible_text(textpage, hidden: dict[int, str]) -> tuple[str, list[tuple[str, str]]]:
    """The page's text without the characters of the hidden objects (a line left with nothing visible
    goes entirely), and the hidden text as (reason, text) runs."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage.raw)
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: one at a time, as pdfium counts them
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    owners = [hidden.get(_addr(raw.FPDFText_GetTextObject(textpage.raw, i))) for i in range(count)]
    lines: list[str] = []
    line: list[str] = []
    seen_hidden = seen_visible = False
    runs: list[list] = []  # [reason, chars]
    run_open = False
    for ch, reason in zip(text, owners):
        if reason is not None:
            seen_hidden = True
            if run_open and runs[-1][0] == reason:
                runs[-1][1].append(ch)
            else:
                runs.append([reason, [ch]])
            run_open = True
            continue
        if ch.isspace():
            if run_open:
                runs[-1][1].append(" ")
        else:
            run_open = False
            seen_visible = True
        if ch == "\n":
            if seen_visible or not seen_hidden:
                lines.append("".join(line) + "\n")
            line, seen_hidden, seen_visible = [], False, False
            continue
        line.append(ch)
    if seen_visible or not seen_hidden:
        lines.append("".join(line))
    quotes = [(reason, " ".join("".join(chars).split())) for reason, chars in runs]
    return "".join(lines), [(reason, quote) for reason, quote in quotes if quote]
