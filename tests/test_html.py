"""The HTML report: self-contained, evidence highlighted and linked, suggested clauses; and the same
page rendered in a real headless Chromium (skipped, with the reason, when it is not installed)."""
from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser

import pytest

from contratos.patterns import load_specs

from .browser import browser_unavailable, chromium
from .conftest import SAMPLES, run_cli

SAMPLE = SAMPLES / "rescision_unilateral_mx_traduccion.pdf"  # rescision weak, mora and modificaciones missing


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.marks, self.external = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "mark":
            self.marks.append(attrs.get("id"))
        if attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):
                self.external.append(attrs[key])


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    result = run_cli("check", str(SAMPLE), "--format", "html")
    assert result.returncode == 1  # the exit code does not depend on the format
    path = tmp_path_factory.mktemp("html") / "informe.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_self_contained_with_linked_highlights(page):
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="es">' in html
    assert "<script" not in html and "@import" not in html and "url(" not in html and "http" not in html
    parsed = _Anchors()
    parsed.feed(html)
    assert parsed.external == []
    assert "ev-rescision-1" in parsed.marks and "ev-pago-1" in parsed.marks
    assert all(link in parsed.ids for link in parsed.links)  # every summary / back link resolves
    assert {"check-rescision", "check-mora", "ev-rescision-1"} <= set(parsed.links)
    text = re.sub(r"\s+", " ", html)
    assert "podrá dar por terminado anticipadamente" in text


def test_each_gap_gets_a_suggested_clause(page):
    html = page.read_text(encoding="utf-8")
    specs = load_specs()
    for check_id in ("rescision", "mora", "modificaciones"):
        section = html.split(f'id="check-{check_id}"')[1].split("</article>")[0]
        assert 'class="clausula"' in section and specs[check_id].example[:60] in section
    assert 'class="clausula"' not in html.split('id="check-pago"')[1].split("</article>")[0]


def test_clauses_have_marked_blanks_and_campos_vacios_gets_advice_not_a_clause(tmp_path):
    (tmp_path / "c.toml").write_text("[umbrales]\npreaviso_minimo_dias = 45\n")
    html = run_cli("check", str(SAMPLES / "pago_en_blanco_co_software.pdf"), "--format", "html", "--config",
                   str(tmp_path / "c.toml")).stdout
    blanks = html.split('id="check-campos_vacios"')[1].split("</article>")[0]
    assert 'class="clausula"' not in blanks and "<strong>Qué hacer.</strong> No hace falta una cláusula nueva" in blanks
    pago = html.split('id="check-pago"')[1].split("</article>")[0]
    assert '<span class="hueco">[importe]</span> <span class="hueco">[moneda]</span>' in pago


def test_back_links_use_the_spanish_label(page):
    html = page.read_text(encoding="utf-8")
    backs = re.findall(r'<a class="volver"[^>]*>([^<]*)</a>', html)
    assert backs and "↑Rescisión" in backs and not any(b[1:] in ("rescision", "pago", "mora") for b in backs)


@contextlib.contextmanager
def opened(path):
    """The page in headless Chromium; the test skips, saying why, where no browser can run."""
    reason = browser_unavailable()
    if reason:
        pytest.skip(f"sin navegador: {reason}")
    with chromium() as driver:
        driver.get(path.as_uri())
        yield driver


def assert_links_resolve(driver) -> None:
    """Every in-page link points at an element that exists."""
    unresolved = driver.execute_script(
        "return [...document.querySelectorAll('a[href^=\"#\"]')]"
        ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))")
    assert unresolved == []


def assert_offline_and_quiet(driver) -> None:
    """The page loaded nothing from outside and logged no error or warning."""
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []


def test_renders_in_headless_chromium(page):
    from selenium.webdriver.common.by import By

    with opened(page) as driver:
        assert driver.title == "Revisión de contrato"
        marks = driver.find_elements(By.CSS_SELECTOR, "mark[id^='ev-']")
        assert len(marks) >= 5 and all(m.is_displayed() for m in marks)
        colour = driver.execute_script(
            "return getComputedStyle(document.getElementById('ev-rescision-1')).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the highlight is really painted
        assert_links_resolve(driver)
        driver.find_element(By.CSS_SELECTOR, "#resumen a[href='#ev-rescision-1']").click()
        assert driver.execute_script("return location.hash") == "#ev-rescision-1"
        assert driver.execute_script("return document.querySelector('mark:target').id") == "ev-rescision-1"
        assert_offline_and_quiet(driver)


@pytest.fixture(scope="module")
def checklist_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lista")
    (folder / "respuestas.toml").write_text("paga_a_tiempo = true\ncambia_tarifas = true\n")
    result = run_cli("checklist", str(SAMPLE), "--format", "html", "--respuestas", str(folder / "respuestas.toml"))
    assert result.returncode == 1
    path = folder / "lista.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_checklist_html_is_self_contained_and_complete(checklist_page):
    html = checklist_page.read_text(encoding="utf-8")
    parsed = _Anchors()
    parsed.feed(html)
    assert parsed.external == [] and "<script" not in html and all(link in parsed.ids for link in parsed.links)
    assert '<p class="veredicto negociar">negociar antes de firmar</p>' in html
    assert "Sin responder: ¿Respeta su experiencia" in html  # pending questions are listed, not reasons
    assert "solo EL CLIENTE puede terminar sin causa" in html  # the finding, not only the generic message


def test_checklist_renders_in_headless_chromium(checklist_page):
    from selenium.webdriver.common.by import By

    with opened(checklist_page) as driver:
        assert driver.title == "Lista de verificación antes de firmar"
        verdict = driver.find_element(By.CSS_SELECTOR, "p.veredicto")
        assert verdict.is_displayed() and verdict.text == "negociar antes de firmar"
        colour = driver.execute_script("return getComputedStyle(document.querySelector('p.veredicto')).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        radios = driver.find_elements(By.CSS_SELECTOR, "input[type=radio][name=paga_a_tiempo]")
        assert len(radios) == 3 and [r.is_selected() for r in radios] == [True, False, False]
        boxes = driver.find_elements(By.CSS_SELECTOR, "#lista input[type=checkbox]")
        assert len(boxes) == 9 and all(b.is_displayed() for b in boxes)
        assert driver.find_elements(By.CSS_SELECTOR, "mark[id^='ev-']")  # the contract text is still highlighted
        assert_links_resolve(driver)
        driver.find_element(By.CSS_SELECTOR, "#lista a[href='#check-rescision']").click()
        assert driver.execute_script("return location.hash") == "#check-rescision"
        assert_offline_and_quiet(driver)
