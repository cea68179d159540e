"""The page of `contratos web` in a real headless Chromium against a real server: upload a sample, see
its findings, answer a checklist question and see the verdict change in place, download the letter;
many files with progress and the CSV download; a 390 px phone screen; settings kept in the browser.
Skipped, with the reason, where no browser can run."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from .browser import browser_unavailable, chromium
from .conftest import SAMPLES, run_cli
from .webserver import running_server

PDF = SAMPLES / "rescision_unilateral_mx_traduccion.pdf"  # rescision weak, mora and modificaciones missing


@pytest.fixture(scope="module")
def server():
    reason = browser_unavailable()
    if reason:
        pytest.skip(f"sin navegador: {reason}")
    with running_server("--jobs", "2") as running:
        yield running


def wait_for(condition, timeout: float = 90):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the checklist section is replaced when an answer comes back: an element may go stale mid-read
    return WebDriverWait(None, timeout, poll_frequency=0.1, ignored_exceptions=(
        NoSuchElementException, StaleElementReferenceException)).until(lambda _: condition())


def downloaded(folder: Path, name: str) -> Path:
    path = folder / name
    wait_for(lambda: path.exists() and not list(folder.glob("*.crdownload")), 30)
    return path


def assert_only_own_resources_and_quiet(driver, base: str) -> None:
    """Everything the page loaded came from the server itself; the console has no error or warning."""
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(url.startswith(base + "/") for url in urls), urls
    problems = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_upload_see_findings_answer_the_checklist_and_download_the_letter(server, tmp_path):
    from selenium.webdriver.common.by import By

    with chromium(downloads=tmp_path) as driver:
        driver.get(server.url)
        assert driver.title == "contratos: revise un contrato antes de firmarlo"
        driver.find_element(By.ID, "archivos").send_keys(str(PDF))
        verdict = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#lista p.veredicto"))[0]
        # the findings: the HTML report of the server's formatter, highlighted text included
        rows = driver.find_elements(By.CSS_SELECTOR, "#resumen tr")
        assert len(rows) == 10 and "Rescisión" in rows[3].text and "débil" in rows[3].text
        assert driver.find_element(By.ID, "ev-rescision-1").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, "#tabla tbody tr").text == f"{PDF.name} bien bien débil 3"
        assert verdict.text == "negociar antes de firmar" and "negociar" in verdict.get_attribute("class")
        # a serious red flag: the client does not pay on time
        driver.find_element(By.CSS_SELECTOR, "#lista input[name=paga_a_tiempo][value=no]").click()
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#lista p.veredicto").text == "no aceptar")
        assert "no_aceptar" in driver.find_element(By.CSS_SELECTOR, "#lista p.veredicto").get_attribute("class")
        assert driver.find_element(By.CSS_SELECTOR, "#lista input[name=paga_a_tiempo][value=no]").is_selected()
        assert "no paga a tiempo" in driver.find_element(By.ID, "lista").text
        # a reassuring answer brings it back: the verdict follows the answers
        driver.find_element(By.CSS_SELECTOR, "#lista input[name=paga_a_tiempo][value=si]").click()
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#lista p.veredicto").text == "negociar antes de firmar")
        # the letter, ready to copy or download
        driver.find_element(By.CSS_SELECTOR, "#form-carta input[name=cliente]").send_keys("Traducciones del Norte")
        driver.find_element(By.CSS_SELECTOR, "#form-carta button[type=submit]").click()
        letter = driver.find_element(By.ID, "texto-carta")
        wait_for(lambda: letter.get_attribute("value").startswith("Asunto:"))
        driver.find_element(By.ID, "copiar-carta").click()
        wait_for(lambda: driver.find_element(By.ID, "carta-estado").text == "Copiada.")
        driver.find_element(By.ID, "bajar-carta").click()
        saved = downloaded(tmp_path, f"carta-negociar-{PDF.stem}.txt").read_text(encoding="utf-8")
        cli = run_cli("carta", str(PDF), "--tipo", "negociar", "--cliente", "Traducciones del Norte")
        assert saved == letter.get_attribute("value") == cli.stdout
        assert_only_own_resources_and_quiet(driver, server.base)


def test_many_files_progress_table_and_csv(server, tmp_path):
    from selenium.webdriver.common.by import By

    folder = tmp_path / "contratos"
    folder.mkdir()
    samples = [SAMPLES / "completo_ar_diseno.docx", SAMPLES / "sin_pago_mx_marketing.docx",
               SAMPLES / "sin_rescision_cl_contabilidad.txt"]
    broken = folder / "roto.docx"
    broken.write_bytes(b"PK\x03\x04 un zip cortado")
    downloads = tmp_path / "descargas"
    downloads.mkdir()
    with chromium(downloads=downloads) as driver:
        driver.get(server.url)
        driver.find_element(By.ID, "archivos").send_keys("\n".join(str(p) for p in [*samples, broken]))
        wait_for(lambda: driver.find_element(By.ID, "progreso-texto").text == "Revisados los 4")
        rows = driver.find_elements(By.CSS_SELECTOR, "#tabla tbody tr")
        assert [r.find_element(By.TAG_NAME, "button").text for r in rows] == [p.name for p in samples] + ["roto.docx"]
        assert rows[1].find_elements(By.CSS_SELECTOR, "td")[2].text == "falta"  # sin_pago: pago missing
        assert "No se pudo leer" in rows[3].find_element(By.CSS_SELECTOR, ".error").text
        assert driver.execute_script("return document.getElementById('progreso').value") == 4
        assert driver.find_element(By.ID, "vista").get_attribute("hidden") is not None  # nothing opened by itself
        driver.find_element(By.ID, "bajar-csv").click()
        csv = downloaded(downloads, "contratos.csv").read_bytes()
        rows[1].find_element(By.TAG_NAME, "button").click()  # one of them opens its report
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#lista p.veredicto"))
        assert "sin_pago_mx_marketing.docx" in driver.find_element(By.CSS_SELECTOR, "#informe .archivo").text
    for path in samples:
        (folder / path.name).write_bytes(path.read_bytes())
    run_cli("scan", *[p.name for p in samples], "roto.docx", "--format", "csv", "--jobs", "1", "-o", "tabla.csv",
            cwd=folder)
    assert csv.startswith("\ufefffile,alcance,pago,rescision".encode()) and csv == (folder / "tabla.csv").read_bytes()


def test_a_390_px_phone_and_settings_kept_in_the_browser(server):
    from selenium.webdriver.common.by import By

    with chromium(width=390, height=844) as driver:
        # a desktop window cannot be that narrow: emulate the phone's screen
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
        driver.get(server.url)
        assert driver.execute_script("return window.innerWidth") == 390
        driver.find_element(By.ID, "archivos").send_keys(str(PDF))
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#lista p.veredicto"))
        driver.find_element(By.CSS_SELECTOR, "#ajustes summary").click()
        wide = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{wide} px de desplazamiento lateral"
        driver.find_element(By.CSS_SELECTOR, "input[name=perspectiva][value=cliente]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=preaviso_minimo_dias]").send_keys("45")
        assert not driver.find_element(By.ID, "campo-plazo").is_displayed()  # not asked of a client
        driver.refresh()
        time.sleep(0.2)
        assert driver.find_element(By.CSS_SELECTOR, "input[name=perspectiva][value=cliente]").is_selected()
        assert driver.find_element(By.CSS_SELECTOR, "input[name=preaviso_minimo_dias]").get_attribute("value") == "45"
        # the next file is reviewed as the client
        driver.find_element(By.ID, "archivos").send_keys(str(PDF))
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#lista p.veredicto"))
        assert "prestador" in driver.find_element(By.ID, "lista").text.lower()
