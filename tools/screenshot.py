"""`make screenshot`: render the HTML report of a sample contract and save a PNG of it (docs/informe.png)."""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import browser_unavailable, chromium  # noqa: E402


def main(sample: str = "sample_contracts/rescision_unilateral_mx_traduccion.pdf",
         out: str = "docs/informe.png") -> int:
    reason = browser_unavailable()
    if reason:
        print(f"screenshot: no se puede abrir el navegador: {reason}", file=sys.stderr)
        return 1
    exe = Path(sys.executable).with_name("contratos")
    html = subprocess.run([str(exe), "check", sample, "--format", "html"], capture_output=True, text=True,
                          cwd=ROOT).stdout
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "informe.html"
        page.write_text(html, encoding="utf-8")
        with chromium(width=1200, height=1800) as driver:
            driver.get(page.as_uri())
            target = ROOT / out
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
    print(f"screenshot: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
