"""The JSON report (schema_version 1): a public interface for scripts."""
from __future__ import annotations

import json


def render_json(report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
