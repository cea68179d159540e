"""What `contratos scan` keeps of one file's report: a small typed record, built in the worker from the
Report's own methods and sent back to the parent (across a process pool or a Dask cluster), where the
writers and the totals read it without deciding anything again."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .report import SEVERITIES, Report


@dataclass(frozen=True, slots=True)
class ScanRecord:
    file: str
    readable: bool
    pages: int = 0
    error_code: str = ""
    error_message: str = ""
    statuses: dict[str, str] = field(default_factory=dict)  # check id -> status, in the report's order
    gap_ids: tuple[str, ...] = ()
    # the --fail-on levels at which this file fails (Report.failing): ("media", "baja") for a "media" gap
    failing: tuple[str, ...] = ()
    # the core clauses: "not_contract" (checks not applied), "gap" (one is weak or missing), "resolved"
    # (every reviewed one is ok) or "" (none reviewed); and those the playbook disabled
    core: str = ""
    core_not_reviewed: tuple[str, ...] = ()
    report_json: str = ""  # the whole report (schema_version 1) as one line of JSON, for jsonl and json

    @classmethod
    def of(cls, report: Report, report_json: str | None = None) -> "ScanRecord":
        """The record of a report; `report_json` is its JSON when it is already written (the web's
        export receives the reports as JSON), else it is written here."""
        if report_json is None:
            report_json = json.dumps(report.to_dict(), ensure_ascii=False)
        if not report.readable:
            return cls(file=report.file, readable=False, pages=report.pages or 0,
                       error_code=report.error["code"], error_message=report.error["message"], report_json=report_json)
        states = report.core_states()
        core = ("not_contract" if report.all_not_applicable else "gap" if states["gap"]
                else "resolved" if states["resolved"] else "")
        return cls(file=report.file, readable=True, pages=report.pages or 0,
                   statuses={c.id: c.status for c in report.checks}, gap_ids=tuple(c.id for c in report.gaps),
                   failing=tuple(level for level in SEVERITIES if report.failing(level)), core=core,
                   core_not_reviewed=tuple(states["not_reviewed"]), report_json=report_json)

    def fails(self, fail_on: str = "alta") -> bool:
        """A gap of severity `fail_on` or higher (what decides scan's exit code)."""
        return fail_on in self.failing
