"""Template markup in contracts kept as web or text templates (Blade, Jinja/Django, Handlebars/Mustache,
ERB, PHP): each variable becomes a visible blank ("{{ $monto }}" -> "[monto]") that the campos_vacios
check already recognises; comments, control directives and code are dropped, the text they guard stays."""
from __future__ import annotations

import re

# comments and code blocks: dropped with their content (bounded, so an unclosed one costs little)
_COMMENTS = re.compile(
    r"\{\{--.{0,20000}?--\}\}"                # Blade
    r"|\{\{!--.{0,20000}?--\}\}|\{\{![^}]{0,2000}\}\}"  # Handlebars
    r"|\{#.{0,20000}?#\}"                     # Jinja / Django
    r"|<%#.{0,20000}?%>"                      # ERB
    r"|\{%-?\s*comment\s*-?%\}.{0,20000}?\{%-?\s*endcomment\s*-?%\}"  # Django / Liquid block
    r"|(?<![\w.@])@php\b(?!\s*\().{0,20000}?@endphp\b",  # Blade PHP block
    re.DOTALL | re.IGNORECASE)
# Handlebars / Mustache sections, partials and else: dropped, what they guard is kept
_SECTIONS = re.compile(r"\{\{~?\s*(?:[#/^>][^}]{0,300}|else\b[^}]{0,300})\}\}")
# output tags: become a blank named after the variable
_OUTPUT = re.compile(
    r"\{\{\{(?P<a>.{0,300}?)\}\}\}"           # Handlebars unescaped
    r"|\{!!(?P<b>.{0,300}?)!!\}"              # Blade unescaped
    r"|\{\{(?P<c>.{0,300}?)\}\}"              # Blade, Jinja, Handlebars, Mustache
    r"|<%[=-](?P<d>.{0,300}?)-?%>"            # ERB
    r"|<\?=(?P<e>.{0,300}?)\?>"               # PHP short echo
    r"|<\?php\s+(?:echo|print)\b(?P<f>.{0,300}?)\?>"  # PHP echo
    r"|\$\{(?P<g>[^{}\n]{1,80})\}",            # ${x}: JSP EL, FreeMarker, JavaScript template literals
    re.DOTALL | re.IGNORECASE)
# control tags and code: dropped, what they guard is kept
_CONTROL = re.compile(r"\{%.{0,1000}?%\}|<%.{0,5000}?%>|<\?(?!xml).{0,5000}?\?>", re.DOTALL | re.IGNORECASE)
_BLADE = re.compile(
    r"(?<![\w.@])@(?:if|elseif|else|endif|unless|endunless|isset|endisset|empty|endempty|foreach|endforeach|for|"
    r"endfor|forelse|endforelse|while|endwhile|switch|case|break|default|endswitch|include|includeif|extends|"
    r"section|endsection|show|stop|yield|parent|stack|push|endpush|prepend|endprepend|component|endcomponent|"
    r"slot|endslot|props|auth|endauth|guest|endguest|can|endcan|cannot|endcannot|env|endenv|production|"
    r"endproduction|error|enderror|once|endonce|csrf|method|lang|json|verbatim|endverbatim|continue)\b")
_ELSE = re.compile(r"^(?:\{%-?|\{\{~?|@)\s*(?:else|elif|elseif|empty)\b", re.IGNORECASE)
_SIGNS = re.compile(r"\{\{|\{!!|\{%|\{#|<%|<\?|\$\{|(?<![\w.@])@(?:if|foreach|endif|extends|section|yield|php)\b")

_CALL = re.compile(r"[^\W\d][\w.:>-]*\s*\(([^()]*)")  # number_format($monto, 2): its arguments
_WORDS = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"(?<=[a-záéíóúñ])(?=[A-ZÁÉÍÓÚÑ])")
_QUOTED = re.compile(r"""^\s*(["'])([^"']*)\1\s*$""")
# roots that say where a value comes from, not what it is
_ROOTS = frozenset({"this", "data", "model", "item", "record", "request", "input", "row", "obj", "context", "ctx",
                    "vars", "fields", "field", "page", "params", "props", "locals", "self", "e"})


def blank_name(expression: str) -> str:
    """A readable name for what an output tag prints, distinct for distinct fields: "$contrato->monto_total"
    -> "contrato monto total", "$datos[18]" -> "datos 18", "number_format($monto, 2)" -> "monto"."""
    expression = re.split(r"\?\?|\?:|\|\||\|", expression)[0]  # filters and defaults
    call = _CALL.search(expression)
    if call and call.group(1).strip():  # the first argument that is not a literal ("d/m/Y", 2)
        args = [a for a in call.group(1).split(",") if a.strip()]
        expression = next((a for a in args if not _QUOTED.match(a) and _WORDS.search(a)
                           and not a.strip().isdigit()), args[0])
    words = _WORDS.findall(_CAMEL.sub(" ", expression))
    meaningful = [w for w in words if w.lower() not in _ROOTS] or words
    return " ".join(meaningful[-5:]).lower() or "dato"


def _output(m: re.Match) -> str:
    expression = next(g for g in m.groups() if g is not None)
    literal = _QUOTED.match(expression)
    if literal:  # {{ 'texto' }} prints the text itself
        return literal.group(2)
    return f"[{blank_name(expression)}]"


def _control(m: re.Match) -> str:
    """A control tag disappears; an "else" keeps the two branches apart ("[plazo] quince días")."""
    return " " if _ELSE.match(m.group()) else ""


def _directive_end(text: str, m: re.Match) -> int:
    """Where the Blade directive at `m` ends, its parenthesised arguments included."""
    at = m.end()
    while at < len(text) and text[at] in " \t":
        at += 1
    if at >= len(text) or text[at] != "(":
        return m.end()
    depth = 0
    for i in range(at, min(len(text), at + 2000)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return m.end()


def _drop_blade_directives(text: str) -> str:
    out, at = [], 0
    for m in _BLADE.finditer(text):
        if m.start() < at:
            continue
        out.append(text[at:m.start()] + _control(m))
        at = _directive_end(text, m)
    out.append(text[at:])
    return "".join(out)


def blank_template_fields(text: str) -> str:
    """`text` with each template variable as a "[name]" blank and template comments, directives and code
    removed. Text without template markup is returned unchanged."""
    if not _SIGNS.search(text):
        return text
    text = _COMMENTS.sub("", text)
    text = _SECTIONS.sub(_control, text)
    text = _OUTPUT.sub(_output, text)
    text = _CONTROL.sub(_control, text)
    return _drop_blade_directives(text)


_DOUBLE_ANGLE = re.compile(r"<<([^<>\n]{1,60})>>")
_CAPS_ANGLE = re.compile(r"<([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9 _./-]{1,60})>")


def protect_angle_blanks(markup: str) -> str:
    """HTML source with its angle-bracket blanks ("<<plazo>>", "<NOMBRE DEL CLIENTE>") escaped, so that the
    HTML parser reads them as text instead of dropping them as unknown tags."""
    from lxml.html import defs

    def caps(m: re.Match) -> str:
        if m.group(1).split()[0].lower().rstrip("/") in defs.tags:
            return m.group()  # "<B>", "<TD NOWRAP>", "<HR/>": a real tag written in capitals
        return f"&lt;{m.group(1)}&gt;"

    markup = _DOUBLE_ANGLE.sub(lambda m: f"&lt;&lt;{m.group(1)}&gt;&gt;", markup)
    return _CAPS_ANGLE.sub(caps, markup)
