"""Writers for `contratos scan`: table, jsonl, csv and json, fed one file's record (scanrecord.ScanRecord)
at a time; they and the totals only read what the record says.

Only a small summary row per file is kept (for the table and the totals); full reports are
written as they arrive, so memory stays flat however large the folder."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from ..patterns import core_ids
from ..safe import csv_cell, display_name
from ..scanrecord import ScanRecord
from .labels import PRIORITY_RANGE, STATUS_LABEL, agreeing, core_words, ending, plural


@dataclass
class Totals:
    files: int = 0
    unreadable: int = 0
    with_gaps: int = 0
    pages: int = 0
    gaps_by_check: dict = field(default_factory=dict)
    fail_on: str = "alta"  # gaps of this severity or higher count in with_gaps and the exit code
    # by the three core checks (whatever their priority): all reviewed ones ok, at least one gap, or
    # the document is not a service contract (its checks were not applied)
    core_resolved: int = 0
    core_gaps: int = 0
    not_contracts: int = 0
    core_not_reviewed: tuple = ()  # core checks the playbook disabled (the same for every file)
    planned: int | None = 0  # files the scan set out to check (None: a streamed list, not counted first)
    interrupted: bool = False  # stopped before the end (Ctrl-C, SIGTERM, SIGHUP): the output says so
    playbook: dict | None = None  # config.Playbook.to_dict() of the rules every file was checked with

    @property
    def interruption(self) -> str | None:
        """ "revisión interrumpida: 3 de 10 archivos", or None for a scan that went to the end."""
        if not self.interrupted:
            return None
        if self.planned is None:  # a streamed list (scan --files-from, --scheduler) is not counted first
            return f"revisión interrumpida: {plural(self.files, 'archivo', 'archivos')}"
        return f"revisión interrumpida: {self.files} de {plural(self.planned, 'archivo', 'archivos')}"

    def add(self, record: ScanRecord) -> None:
        self.files += 1
        self.pages += record.pages
        if not record.readable:
            self.unreadable += 1
            return
        self.with_gaps += record.fails(self.fail_on)
        for check_id in record.gap_ids:
            self.gaps_by_check[check_id] = self.gaps_by_check.get(check_id, 0) + 1
        if record.core == "not_contract":
            self.not_contracts += 1
            return
        self.core_not_reviewed = record.core_not_reviewed
        if record.core == "gap":
            self.core_gaps += 1
        elif record.core == "resolved":
            self.core_resolved += 1

    @property
    def exit_code(self) -> int:
        """0 no high-severity gap anywhere, 1 some, 2 at least one unreadable file."""
        return 2 if self.unreadable else (1 if self.with_gaps else 0)

    def to_dict(self) -> dict:
        data = {"files": self.files, "unreadable": self.unreadable, "with_gaps": self.with_gaps,
                "without_gaps": self.files - self.unreadable - self.with_gaps, "pages": self.pages,
                "gaps_by_check": dict(sorted(self.gaps_by_check.items()))}
        if self.playbook is not None:
            data["playbook"] = self.playbook
        if self.interrupted:
            data.update(interrupted=True, planned=self.planned, note=self.interruption)
        return data

    def sentence(self) -> str:
        """The totals in one or a few sentences: the core clauses by check id and status (a clause the
        playbook disabled is "no revisada", never "resuelta"), then the gaps that decide the exit code."""
        off = list(self.core_not_reviewed)
        parts = []
        core = core_ids()
        if len(off) < len(core):
            reviewed = [c for c in core if c not in off]
            parts += [f"{self.core_resolved} con {agreeing(reviewed, 'resuelt')}",
                      f"{self.core_gaps} con alguno débil o ausente"]
        if self.not_contracts:
            parts.append(plural(self.not_contracts, "que no parece un contrato de servicios",
                                "que no parecen contratos de servicios"))
        parts.append(plural(self.unreadable, "ilegible", "ilegibles"))
        text = plural(self.files, "archivo", "archivos") + ": " + ", ".join(parts) + "."
        if off:
            words = agreeing(off, "no revisad")
            text += f" {words[:1].upper() + words[1:]} (desactivad{ending(off)} en la configuración)."
        if self.fail_on != "alta" or len(off) == len(core) or self.with_gaps != self.core_gaps:
            text += f" Con puntos débiles {PRIORITY_RANGE[self.fail_on]}: {self.with_gaps}."
        return text


def summary_row(record: ScanRecord) -> dict:
    return {
        "file": record.file,
        **{check_id: record.statuses.get(check_id, "") for check_id in core_ids()},
        "gaps": len(record.gap_ids) if record.readable else "",
        "gap_ids": " ".join(record.gap_ids) if record.readable else "",
        "error_code": record.error_code,
        "error": record.error_message,
    }


class JsonlWriter:
    def __init__(self, out):
        self.out = out

    def write(self, record: ScanRecord) -> None:
        self.out.write(record.report_json + "\n")
        self.out.flush()

    def close(self, totals: Totals) -> None:
        if totals.interrupted:  # the last line says the list is incomplete
            self.out.write(json.dumps({"interrupted": True, "message": totals.interruption}, ensure_ascii=False) + "\n")


class CsvWriter:
    """One row per file; UTF-8 with BOM so that Excel shows the accents."""

    def __init__(self, out):
        self.out = out
        out.write("\ufeff")
        fields = ["file", *core_ids(), "gaps", "gap_ids", "error_code", "error"]
        self.writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
        self.writer.writeheader()

    def write(self, record: ScanRecord) -> None:
        row = summary_row(record)
        row["file"] = display_name(row["file"])  # a newline or ESC in a name would act when the CSV is shown
        self.writer.writerow({key: csv_cell(value) for key, value in row.items()})

    def close(self, totals: Totals) -> None:
        if totals.interrupted:  # a last row that says the list is incomplete
            self.writer.writerow({"file": totals.interruption})


class JsonWriter:
    """{"schema_version": 1, "reports": [...], "summary": {...}}, streamed."""

    def __init__(self, out):
        self.out = out
        self.first = True
        out.write('{"schema_version": 1, "reports": [\n')

    def write(self, record: ScanRecord) -> None:
        self.out.write(("" if self.first else ",\n") + record.report_json)
        self.first = False

    def close(self, totals: Totals) -> None:
        self.out.write('\n], "summary": ' + json.dumps(totals.to_dict(), ensure_ascii=False) + "}\n")


class TableWriter:
    """The terminal summary: one row per file, sorted by name, then the totals."""

    def __init__(self, out):
        self.out = out
        self.rows: list[dict] = []

    def write(self, record: ScanRecord) -> None:
        self.rows.append(summary_row(record))

    def close(self, totals: Totals) -> None:
        self.out.write(render_table(self.rows, totals))


def render_table(rows: list[dict], totals: Totals) -> str:
    rows = sorted(rows, key=lambda r: r["file"])
    words = core_words()
    headers = ["Archivo", *(word[:1].upper() + word[1:] for word, _ in words.values()), "Débiles", "Error"]
    body = [[display_name(r["file"]), *(STATUS_LABEL.get(r[c], "") if r[c] else "—" for c in words), str(r["gaps"]),
             r["error"]] for r in rows]
    widths = [min(60, max(len(h), *(len(row[i]) for row in body))) if body else len(h)
              for i, h in enumerate(headers[:-1])]
    buf = io.StringIO()

    def line(cells):
        fixed = [(c if len(c) <= w else "…" + c[-(w - 1):]).ljust(w) for c, w in zip(cells, widths)]
        buf.write("  ".join(fixed + [cells[-1]]).rstrip() + "\n")

    line(headers)
    line(["-" * w for w in widths] + ["-----"])
    for row in body:
        line(row)
    buf.write("\n" + totals.sentence() + "\n")
    if totals.playbook is not None:
        buf.write(f"Reglas: {totals.playbook['description']}\n")
    if totals.gaps_by_check:
        buf.write("Puntos débiles por comprobación: " + ", ".join(
            f"{k} {v}" for k, v in sorted(totals.gaps_by_check.items())) + "\n")
    if totals.interrupted:  # the last line: this is not the whole folder
        buf.write(totals.interruption[:1].upper() + totals.interruption[1:] + ".\n")
    return buf.getvalue()

