"""The one report model behind every output format (schema_version 1, a public interface)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .checkschema import SEVERITIES  # most severe first

SCHEMA_VERSION = 1
STATUSES = ("ok", "weak", "missing", "not_applicable")
GAP_STATUSES = ("weak", "missing")


@dataclass
class Evidence:
    """Where a check found what it reports: a quote and its place in the file."""

    heading: str
    text: str
    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    id: str
    name: str
    status: str
    severity: str
    message: str
    explanation: str = ""  # one sentence for a freelancer: what was found
    why: str = ""
    recommendation: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # what the playbook added to `explanation` (config.Playbook.apply): {"clave", "texto", values...};
    # not part of the JSON (the text is already in `explanation`)
    playbook_notes: list[dict] = field(default_factory=list, repr=False, compare=False)
    # for a gap, the clause to propose (patterns/<id>.toml `ejemplo`, the playbook's thresholds filled in,
    # the parties as the contract names them) or, for a check with no clause, what to do instead; set
    # when the report is made (plantillas.propose) so that the renderers only read them; not in the JSON
    clause: str = field(default="", repr=False, compare=False)
    advice: str = field(default="", repr=False, compare=False)

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_STATUSES

    @property
    def contract_explanation(self) -> str:
        """The explanation without the playbook's notes: only what the contract says (for the letter)."""
        text = self.explanation
        for note in self.playbook_notes:
            text = text.replace(note["texto"], "")
        return " ".join(text.split())

    def to_dict(self) -> dict:
        data = asdict(self)
        for derived in ("playbook_notes", "clause", "advice"):
            data.pop(derived)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "CheckResult":
        """A check of a JSON report (schema_version 1) back as a CheckResult."""
        fields = {key: data[key] for key in ("id", "name", "status", "severity", "message")}
        optional = {key: data[key] for key in ("explanation", "why", "recommendation", "details") if key in data}
        return cls(**fields, **optional, evidence=[Evidence(**e) for e in data.get("evidence", [])])


@dataclass
class Report:
    file: str
    readable: bool = True
    error: dict | None = None  # {"code": "...", "message": "..."} when not readable
    language: str | None = "es"
    document_kind: str | None = "servicios"
    format: str | None = None
    pages: int | None = None
    checks: list[CheckResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)  # PDF pages not checked: no text, no OCR
    ocr_pages: list[int] = field(default_factory=list)  # PDF pages whose text Tesseract read (--ocr)
    # the extracted text that evidence offsets index (for the HTML report); not part of the JSON
    text: str | None = field(default=None, repr=False, compare=False)
    # which rules the checks applied (config.Playbook.to_dict: source, origin, description), stored when
    # the report is made; None: the defaults (see `playbook`)
    rules: dict | None = None
    # whose side the report takes, "prestador" or "cliente" (the playbook's perspectiva); not in the JSON
    perspective: str = field(default="prestador", compare=False)
    # the folder of the user's own check files the report ran with (--reglas), or None; not in the JSON
    rules_folder: str | None = field(default=None, compare=False)
    # the Document the checks read (its blocks know where they came from in the file, for `anotar` and
    # `comparar`); not part of the JSON
    document: Any = field(default=None, repr=False, compare=False)
    # how the contract names its parties, as written: {"provider": "LA DISEÑADORA", "client": "EL COMITENTE"}
    # (None for a party it does not name); empty when the checks did not run
    parties: dict = field(default_factory=dict)
    # why the checks were not applied (not Spanish, not a service contract); None when they were
    not_applicable_reason: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # a file name with bytes that are not UTF-8 (an old zip, a Windows share) reaches Python with
        # surrogate escapes, which no UTF-8 output can hold: show those bytes as U+FFFD
        self.file = self.file.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    @property
    def gaps(self) -> list[CheckResult]:
        return [c for c in self.checks if c.is_gap]

    def failing(self, fail_on: str = "alta") -> list[CheckResult]:
        """Gaps of severity `fail_on` or higher: the ones that decide the exit code."""
        allowed = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return [c for c in self.gaps if c.severity in allowed]

    def exit_code_for(self, fail_on: str = "alta") -> int:
        """0 no gap of that severity or higher, 1 at least one, 2 the file could not be read."""
        if not self.readable:
            return 2
        return 1 if self.failing(fail_on) else 0

    @property
    def exit_code(self) -> int:
        return self.exit_code_for("alta")

    @property
    def all_not_applicable(self) -> bool:
        """The checks were not applied (not a Spanish service contract): every one is not_applicable."""
        return bool(self.checks) and all(c.status == "not_applicable" for c in self.checks)

    def core_states(self) -> dict[str, list[str]]:
        """The core checks by state ("resolved", "gap", "not_applicable", "not_reviewed"), whatever their
        priority: a core check that the playbook disabled is not in the report, so it was not reviewed."""
        from .patterns import core_ids

        statuses = {c.id: c.status for c in self.checks}
        out = {"resolved": [], "gap": [], "not_applicable": [], "not_reviewed": []}
        for check_id in core_ids():
            status = statuses.get(check_id)
            key = ("not_reviewed" if status is None else "resolved" if status == "ok"
                   else "not_applicable" if status == "not_applicable" else "gap")
            out[key].append(check_id)
        return out

    def summary(self) -> dict:
        counts = {status: sum(c.status == status for c in self.checks) for status in STATUSES}
        return {"checks": len(self.checks), "gaps": len(self.gaps), **counts,
                "gap_ids": [c.id for c in self.gaps],
                "gaps_by_severity": {sev: sum(c.severity == sev for c in self.gaps) for sev in SEVERITIES}}

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "file": self.file,
            "format": self.format,
            "pages": self.pages,
            "language": self.language,
            "document_kind": self.document_kind,
            "readable": self.readable,
            "error": self.error,
            "warnings": list(self.warnings),
            "ocr": bool(self.ocr_pages),
            "ocr_pages": list(self.ocr_pages),
            "pages_without_text": list(self.pages_without_text),
            "parties": dict(self.parties),
            "playbook": self.playbook(),
            "checks": [c.to_dict() for c in self.checks],
            "summary": self.summary(),
        }

    def playbook(self) -> dict | None:
        """Which rules the checks applied and where they came from (config.Playbook.to_dict); the
        defaults when no playbook was given; None for a file that could not be read."""
        if not self.readable:
            return None
        if self.rules is None:
            from .config import Playbook

            return Playbook().to_dict()
        return dict(self.rules)

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        """A JSON report (schema_version 1, as `to_dict` writes it) back as a Report, without the text
        and the document; its summary is derived again from its checks."""
        return cls(file=data["file"], readable=data["readable"], error=data.get("error"),
                   language=data.get("language"), document_kind=data.get("document_kind"),
                   format=data.get("format"), pages=data.get("pages"),
                   checks=[CheckResult.from_dict(c) for c in data.get("checks", [])],
                   warnings=list(data.get("warnings", [])), pages_without_text=list(data.get("pages_without_text", [])),
                   ocr_pages=list(data.get("ocr_pages", [])), parties=dict(data.get("parties") or {}),
                   rules=data.get("playbook"))

    @classmethod
    def unreadable(cls, file: str, error) -> "Report":
        """A report for a file that could not be read: no checks, never a list of missing clauses."""
        return cls(file=file, readable=False, error=error.to_dict(), language=None, document_kind=None)
