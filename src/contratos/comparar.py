"""What changed between two drafts of a contract: for each check, its status before and after and the
kind of change; for the core clauses, a word-level diff of the clause text. Both drafts are read and
checked the usual way (they may be in different formats); formatters/comparison.py renders the result."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .patterns import core_ids
from .report import SCHEMA_VERSION, Report

CHANGES = ("resolved", "improved", "unchanged", "worse", "new")
_RANK = {"missing": 0, "weak": 1, "ok": 2}  # not_applicable or absent: not evaluated


def classify(before: str | None, after: str | None) -> str:
    """resolved: a gap is now ok; improved: missing -> weak; worse: the status went down (or the check
    can no longer be evaluated); new: the check was not evaluated in the old draft and is now."""
    if before not in _RANK:
        return "new" if after in _RANK else "unchanged"
    if after not in _RANK:
        return "worse"
    if after == before:
        return "unchanged"
    if after == "ok":
        return "resolved"
    return "improved" if _RANK[after] > _RANK[before] else "worse"


@dataclass
class WordDiff:
    """The clause text before and after, as (op, words) segments: "equal", "removed", "added"."""

    before_heading: str
    after_heading: str
    segments: list[tuple[str, str]]

    @property
    def added(self) -> list[str]:
        return [text for op, text in self.segments if op == "added"]

    @property
    def removed(self) -> list[str]:
        return [text for op, text in self.segments if op == "removed"]

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.segments)

    def to_dict(self) -> dict:
        return {"before_heading": self.before_heading, "after_heading": self.after_heading,
                "added": self.added, "removed": self.removed,
                "segments": [{"op": op, "text": text} for op, text in self.segments]}


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level diff (difflib on whitespace-separated words)."""
    a, b = before.split(), after.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out


def clause_text(report: Report, check, clauses: list) -> tuple[str, str]:
    """(headings, text) of the clauses (segment.Clause, from `clauses`) that hold the check's evidence,
    in document order; ("", "") when the check found nothing (a missing clause)."""
    document = report.document
    if check is None or not check.evidence or document is None:
        return "", ""
    picked = []
    for ev in check.evidence:
        holder = next((c for c in reversed(clauses) if c.start <= ev.start <= c.end), None)
        if holder is not None and holder not in picked:
            picked.append(holder)
    picked.sort(key=lambda c: c.start)
    headings = "; ".join(c.heading for c in picked)
    return headings, " ".join(" ".join(document.text[c.start:c.end].split()) for c in picked)


@dataclass
class Change:
    id: str
    name: str
    severity: str  # in the new draft (the old one's when the check is gone)
    before: str | None  # status, None when the check did not run on that draft
    after: str | None
    change: str
    explanation_before: str = ""
    explanation_after: str = ""
    diff: WordDiff | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "severity": self.severity, "before": self.before,
                "after": self.after, "change": self.change, "explanation_before": self.explanation_before,
                "explanation_after": self.explanation_after,
                "diff": self.diff.to_dict() if self.diff is not None else None}


@dataclass
class Comparison:
    before: Report
    after: Report
    changes: list[Change] = field(default_factory=list)

    def by_change(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.change == kind]

    def change_of(self, check_id: str) -> str | None:
        return next((c.change for c in self.changes if c.id == check_id), None)

    def exit_code_for(self, fail_on: str = "alta") -> int:
        """The new draft decides, with the same rule as `check`."""
        return self.after.exit_code_for(fail_on)

    def summary(self) -> dict:
        return {kind: len(self.by_change(kind)) for kind in CHANGES} | {
            "still_gaps": [c.id for c in self.after.gaps]}

    def to_dict(self) -> dict:
        side = lambda r: {"file": r.file, "format": r.format, "parties": dict(r.parties),
                          "summary": r.summary()}
        return {"schema_version": SCHEMA_VERSION, "before": side(self.before), "after": side(self.after),
                "changes": [c.to_dict() for c in self.changes], "summary": self.summary()}


def compare(before: Report, after: Report) -> Comparison:
    """The changes, check by check, in the order of the new draft's report (then any check only the old
    draft has)."""
    from .segment import segment

    clauses = {id(r): segment(r.document) if r.document is not None else [] for r in (before, after)}
    old = {c.id: c for c in before.checks}
    new = {c.id: c for c in after.checks}
    ids = list(new) + [i for i in old if i not in new]
    changes = []
    for check_id in ids:
        was, now = old.get(check_id), new.get(check_id)
        ref = now or was
        change = Change(id=check_id, name=ref.name, severity=ref.severity,
                        before=was.status if was else None, after=now.status if now else None,
                        change=classify(was.status if was else None, now.status if now else None),
                        explanation_before=was.explanation if was else "",
                        explanation_after=now.explanation if now else "")
        if check_id in core_ids():
            head_a, text_a = clause_text(before, was, clauses[id(before)])
            head_b, text_b = clause_text(after, now, clauses[id(after)])
            if text_a or text_b:
                change.diff = WordDiff(head_a, head_b, word_diff(text_a, text_b))
        changes.append(change)
    return Comparison(before=before, after=after, changes=changes)
