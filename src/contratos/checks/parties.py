"""Who is who: the aliases a contract defines ("en adelante, EL LOCADOR") and which one provides the services."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..patterns import load_parties
from ..textnorm import fold

_ARTICLES = re.compile(r"^(el|la|los|las)\s+")
_NOT_SUBJECT = re.compile(r"\b(de|del|a|al|para|por|con|sobre|ante|entre)\s+(el\s+|la\s+|los\s+|las\s+)?$")
_NOT_A_NAME = re.compile(r"^(por|de|del|al|a|con|para|en|sobre|valor|monto|suma)\b")
_MARKUP = re.compile(r"[*_`]+")
_CAPS_ROLE = re.compile(r"\b(?:EL|LA|LOS|LAS)\s+([A-ZÁÉÍÓÚÑ]{4,}(?:\s+[A-ZÁÉÍÓÚÑ]{4,})?)\b")
_DUTIES_OF = re.compile(r"\bobligaciones\s+(de|del)\s+(el\s+|la\s+)?$")




@lru_cache(maxsize=1)
def _duties() -> tuple[str, str]:
    """What follows an alias that names no role, as two regexes: rendering the services (provider) and
    paying (client); the verbs are in patterns/partes.toml."""
    data = load_parties()
    duty = "|".join(_plural(re.escape(v)).replace("\\ ", r"\s+") + r"\s+" for v in data["verbos_obligacion"])
    return tuple(rf"\s+(?:{duty})?(?:{'|'.join(map(_plural, data[key]))})\b" for key in ("verbos_prestador", "verbos_cliente"))


def _plural(verbs: str) -> str:
    """A verb form as a regex that also takes its plural: "LOS RESPONSABLES abonarán", "se obligan a",
    "deberán" (a word of three letters or more ending in "a")."""
    return re.sub(r"(?<=\w\w)a\b", "an?", verbs)


def _role_from_duties(alias: str, folded_text: str) -> str | None:
    """An alias with no telling name ("la Cooperativa"): the one who pays is the client, the one
    who renders the services is the provider."""
    name = re.escape(alias)
    # "\bname" written with the word boundary checked after the name: a regex that starts with
    # letters is searched for those letters first, several times faster over a whole contract
    at_word_start = rf"{name}(?<=\b{name})"
    provides_rx, pays_rx = _duties()
    provides = len(re.findall(rf"{at_word_start}{provides_rx}", folded_text))
    pays = len(re.findall(rf"{at_word_start}{pays_rx}", folded_text))
    if provides == pays:
        return None
    return "provider" if provides > pays else "client"


def _settle_same_role(aliases: dict[str, str], folded_text: str) -> None:
    """Two parties whose names both read as one role ("ÁGORA" renders the services, "LA CLÍNICA" is a
    provider's word; "el Hotel" hires "el Proveedor"): what each one does decides, and the one with no
    duty of that role takes the other."""
    if len(aliases) < 2 or len(set(aliases.values())) != 1:
        return
    shared = next(iter(aliases.values()))
    other = "client" if shared == "provider" else "provider"
    evidence = {}
    for alias in aliases:
        name = re.escape(alias)
        served = re.search(rf"\b(?:prestara|prestaran|brindara|ofrecera)\s+(?:a|al|para)\s+"
                           rf"(?:el\s+|la\s+|los\s+|las\s+)?{name}\b", folded_text)
        evidence[alias] = "client" if served else _role_from_duties(alias, folded_text)
    flipped = [a for a, role in evidence.items() if role == other]
    if not flipped and any(role == shared for role in evidence.values()):
        flipped = [a for a, role in evidence.items() if role is None]
    if 0 < len(flipped) < len(aliases):
        for alias in flipped:
            aliases[alias] = other


_FIRST_PERSON = frozenset({"nosotros", "nosotras"})
_SECOND_PERSON = frozenset({"usted", "ustedes", "vosotros", "vosotras"})
# who pays in the first person ("te pago", "os pagamos") writes as the client; who is paid in it ("me
# pagas", "nos abonará") writes as the provider
_CLIENT_WRITES = re.compile(r"\b(te|os|le|les) (pago|pagamos|pagare|pagaremos|abono|abonamos|abonare|abonaremos|"
                            r"transfiero|transferimos|transferire|transferiremos)\b")
_PROVIDER_WRITES = re.compile(r"\b(me|nos) (pagas|pagais|pagaras|pagareis|pagues|pagueis|pague|paguen|pagan|pagara|"
                              r"pagaran|abonas|abonais|abonara|abonaran|transfieres|transferis|transferira)\b")


def _writer(folded: str) -> str:
    """Who writes in the first person: the client when only the client's paying is said that way."""
    return "client" if _CLIENT_WRITES.search(folded) and not _PROVIDER_WRITES.search(folded) else "provider"


@lru_cache(maxsize=64)
def _alternatives_regex(names: tuple[str, ...]) -> re.Pattern:
    """One regex for these names, in this order. Compiling it takes about 2 ms (the role words are
    many) and most contracts of a folder name their parties alike, so it is compiled once per set;
    re's own cache is too small to keep it between files."""
    return re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in names)})\b")


def _singular(words: str) -> str:
    """ "educandos" -> "educando", "padres de familia" stays (its first word is the head): plural role words."""
    head, _, rest = words.partition(" ")
    if head.endswith("es") and head[:-2] and head[-3] in "rlnd":  # "prestadores", "locadores"
        head = head[:-2]
    elif head.endswith("s") and head != "partes":
        head = head[:-1]
    return f"{head} {rest}".strip()


# a defined term that names no party ("en adelante, el Contrato"), never shown as a party's name
_NOT_A_PARTY = frozenset({"contrato", "acuerdo", "convenio", "servicio", "servicios", "proyecto", "obra",
                          "anexo", "documento", "presente", "trabajo", "trabajos", "informacion", "plataforma"})


def _as_written(captured: str) -> str:
    """The name as the contract writes it, from what the definition pattern captured ("LA DISEÑADORA,",
    "EL CLIENTE y por la otra", "la Cooperativa"): the optional article and the words up to the first
    word in lower case, or the first word when the name is all in lower case."""
    words = captured.strip(" ,.;:\"'”»)").split()
    article = words[:1] if words and _ARTICLES.match(fold(words[0]) + " ") else []
    rest = words[len(article):]
    kept = []
    for word in rest:
        if kept and not word[:1].isupper():
            break
        kept.append(word.strip(" ,.;:\"'”»)"))
        if not word[:1].isupper():
            break
    return " ".join(article + kept)


@dataclass
class Parties:
    """Alias (folded, without article) -> "provider" | "client"."""

    aliases: dict[str, str] = field(default_factory=dict)
    # alias -> the name as the contract writes it, article included ("LA DISEÑADORA")
    written: dict[str, str] = field(default_factory=dict)
    # role -> the first role word written in capitals after an article ("EL COMITENTE"), for a party
    # the contract names without defining it
    capitals: dict[str, str] = field(default_factory=dict)
    # who speaks in the first person: the provider in most contracts and terms ("nosotros" is the company),
    # the client in a client's letter or email ("te pago lo que lleves hecho")
    writer: str = "provider"

    def names(self) -> dict[str, str | None]:
        """{"provider": ..., "client": ...}: the first name the contract defines for each party, as
        written ("LA DISEÑADORA", "EL COMITENTE"), else the role word it writes in capitals, or None."""
        out: dict[str, str | None] = {"provider": None, "client": None}
        for alias, role in self.aliases.items():
            if out[role] is None and alias.split()[0] not in _NOT_A_PARTY and self.written.get(alias):
                out[role] = self.written[alias]
        for role, name in self.capitals.items():
            out[role] = out[role] or name
        return out

    @classmethod
    def from_text(cls, text: str, folded: str | None = None) -> "Parties":
        """The aliases defined in `text` (`folded` is its fold(), when the caller has it)."""
        data = load_parties()
        definition = re.compile(data["definicion"], re.IGNORECASE)
        parties = cls()
        folded = fold(text) if folded is None else folded
        unknown: list[str] = []
        # Markdown emphasis around a defined name (**"EL CONTRATANTE"**, *“EL CLIENTE”*) is not part of it
        head = _MARKUP.sub("", text[:20000])
        bracketed = re.compile(data["definicion_parentesis"])
        found = [(m, False) for m in definition.finditer(head)] + [(m, True) for m in bracketed.finditer(head)]
        for m, in_brackets in sorted(found, key=lambda pair: pair[0].start(1)):
            # "en adelante EL REPRESENTANTE y EL ALUMNO respectivamente": the first name is this party's
            raw = re.split(r"\s+(?:y|e|o)\s+", m.group(1))[0].strip(" ,.;:\"'”»")
            quoted = head[max(0, m.start(1) - 2): m.start(1)].strip()[-1:] in ("\"", "“", "«", "'", "(")
            name = re.sub(r"^(el|la|los|las)\s+", "", raw, flags=re.IGNORECASE)  # "la FUNDACIÓN": the name is capitalised
            if not name or (name[0].islower() and not quoted and not parties.role_word(fold(name))) \
                    or _NOT_A_NAME.match(fold(raw)):
                continue  # "llamadas telefónicas", "identificado por el nombre": not a party's name
                # ("(en adelante, el cliente)" is one: a role word, even in lower case)
            alias = _ARTICLES.sub("", fold(raw))
            if len(alias.replace(".", "")) < 3:  # "LA E.S.E." folds to "e"
                continue
            if not alias or alias in parties.aliases or alias in unknown or alias in ("partes", "parte"):
                continue
            role = parties.role_word(alias) or _role_from_duties(alias, folded)
            if in_brackets and not role:
                continue  # ("Información Confidencial"): a defined term, not a party
            parties.written[alias] = _as_written(m.group(1))
            if role:
                parties.aliases[alias] = role
            else:
                unknown.append(alias)
        for m in _CAPS_ROLE.finditer(head):
            role = parties.role_word(fold(m.group(1)))
            if role:
                parties.capitals.setdefault(role, " ".join(m.group(0).split()))
        known = set(parties.aliases.values())
        if len(unknown) == 1 and not known:
            # "(en adelante CENTROS VIRTUALES); y de otra parte EL COMITENTE": the other party is named
            # only by a role word written as a name (capitals after an article)
            known = {parties.role_word(fold(w)) for w in _CAPS_ROLE.findall(head)} - {None}
        if len(unknown) == 1 and len(known) == 1:  # two parties: the other one has the other role
            parties.aliases[unknown[0]] = "client" if known == {"provider"} else "provider"
        _settle_same_role(parties.aliases, folded)
        parties.writer = _writer(folded)
        return parties

    def pronoun_role(self, word: str) -> str | None:
        """The role of a personal pronoun (folded): "nosotros" is the writer, "usted" the reader."""
        if word in _FIRST_PERSON:
            return self.writer
        if word in _SECOND_PERSON:
            return "client" if self.writer == "provider" else "provider"
        return None

    @staticmethod
    def role_word(alias: str) -> str | None:
        data = load_parties()
        words = alias.split()
        for role, key in (("provider", "prestador"), ("client", "cliente")):
            names = data[key]
            for i, w in enumerate(words):
                pair = " ".join(words[i:i + 2])
                if w in names or pair in names or _singular(w) in names or _singular(pair) in names:
                    return role
        return None

    def last_role(self, text: str, subjects_only: bool = True) -> str | None:
        """The role of the last party named in `text` as a subject ("EL CLIENTE se obliga a" -> "client");
        a party after "de", "a", "para" ("la información de EL CLIENTE") is not the actor, unless the
        phrase is "obligaciones de EL CLIENTE"."""
        folded = fold(text)
        best, role = -1, None
        for phrase_ in load_parties()["ambas"]:
            at = folded.rfind(phrase_)
            if at > best:
                best, role = at, "both"
        names, names_rx = self._names
        for m in names_rx.finditer(folded):
            before = folded[max(0, m.start() - 30): m.start()]
            if subjects_only and _NOT_SUBJECT.search(before) and not _DUTIES_OF.search(before):
                continue
            if m.start() > best:
                best, role = m.start(), names[m.group()]
        return role

    def first_role(self, text: str) -> str | None:
        """The role of the first party named in `text` ("por decisión unilateral de EL CONTRATANTE, con
        aviso a LA AGENCIA" -> "client"), "both" when "cualquiera de las partes" comes first."""
        folded = fold(text)
        best, role = len(folded) + 1, None
        for phrase_ in load_parties()["ambas"]:
            at = folded.find(phrase_)
            if 0 <= at < best:
                best, role = at, "both"
        names, names_rx = self._names
        m = names_rx.search(folded)
        if m and m.start() < best:
            role = names[m.group()]
        return role

    @cached_property
    def _names(self) -> tuple[dict[str, str], re.Pattern]:
        """Every name of a party (the aliases, then the role words) -> role, and one regex for all
        of them, longest first so that "agencia digital" wins over "agencia"."""
        data = load_parties()
        names = dict(self.aliases)
        names.update({w: self.pronoun_role(w) for w in _FIRST_PERSON | _SECOND_PERSON if w not in names})
        names.update({w: "provider" for w in data["prestador"] if w not in names})
        names.update({w: "client" for w in data["cliente"] if w not in names})
        return names, _alternatives_regex(tuple(sorted(names, key=len, reverse=True)))

    def role_of(self, text: str) -> str | None:
        """"both", "provider", "client" or None for a noun phrase such as "Cualquiera de las partes"."""
        folded = fold(text)
        # a phrase for both parties that this contract made the name of one ("en adelante, LOS CONTRATANTES"
        # for a couple who hire a photographer) names that party
        named = {f"{article} {alias}" for alias in self.aliases for article in ("el", "la", "los", "las")}
        if any(p in folded and p.strip() not in named for p in load_parties()["ambas"]):
            return "both"
        roles = set()
        for alias, role in self.aliases.items():
            if re.search(rf"\b{re.escape(alias)}\b", folded):
                roles.add(role)
        if not roles:
            for word in re.findall(r"[a-zñ]+", folded):
                role = self.pronoun_role(word) or self.role_word(word)
                if role:
                    roles.add(role)
        if len(roles) == 1:
            return roles.pop()
        return "both" if roles else None
