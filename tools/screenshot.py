"""`make screenshot`: PNGs rendered by the system Chromium: the HTML report of a sample contract
(docs/informe.png) and the page of `contratos web` with that sample dropped on it, on a computer
(docs/web.png) and on a 390 px phone (docs/web-movil.png)."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import browser_unavailable, chromium  # noqa: E402
from tests.webserver import running_server  # noqa: E402

SAMPLE = "sample_contracts/rescision_unilateral_mx_traduccion.pdf"


def report(sample: str, out: str) -> None:
    exe = Path(sys.executable).with_name("contratos")
    html = subprocess.run([str(exe), "check", sample, "--format", "html"], capture_output=True, text=True,
                          cwd=ROOT).stdout
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "informe.html"
        page.write_text(html, encoding="utf-8")
        with chromium(width=1200, height=1800) as driver:
            driver.get(page.as_uri())
            save(driver, out)


def web_page(sample: str, out: str, phone: bool = False) -> None:
    """The page with the sample uploaded, its report shown and the checklist's first answer given."""
    from selenium.webdriver.common.by import By

    with running_server("--jobs", "1") as server, chromium(width=1200, height=1500) as driver:
        if phone:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 390, "height": 1500, "deviceScaleFactor": 1, "mobile": True})
        driver.get(server.url)
        driver.find_element(By.ID, "archivos").send_keys(str(ROOT / sample))
        deadline = time.monotonic() + 120
        while not driver.find_elements(By.CSS_SELECTOR, "#lista p.veredicto") and time.monotonic() < deadline:
            time.sleep(0.2)
        driver.find_element(By.CSS_SELECTOR, "#ajustes").click() if not phone else None
        driver.execute_script("window.scrollTo(0, 0)")
        save(driver, out)


def save(driver, out: str) -> None:
    target = ROOT / out
    target.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(target))
    print(f"screenshot: {out}")


def main(sample: str = SAMPLE) -> int:
    reason = browser_unavailable()
    if reason:
        print(f"screenshot: no se puede abrir el navegador: {reason}", file=sys.stderr)
        return 1
    report(sample, "docs/informe.png")
    web_page(sample, "docs/web.png")
    web_page(sample, "docs/web-movil.png", phone=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
