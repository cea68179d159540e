// The page of `contratos web`: uploads files to the API, shows the scan table, the report with its
// checklist (answers update the verdict in place) and the letter. Served by the app itself (CSP
// script-src 'self'); the reports are rendered by the server's HTML formatter, never here.
"use strict";

(() => {
  const $ = (selector) => document.querySelector(selector);
  const LABEL = {ok: "bien", weak: "débil", missing: "falta", not_applicable: "no aplica"};
  const CORE = ["alcance", "pago", "rescision"];
  const SETTINGS_KEY = "contratos-web-ajustes";
  const PARALLEL = 2;
  const maxBytes = Number(document.body.dataset.maxBytes);
  const maxMb = document.body.dataset.maxMb;
  const state = {items: [], queue: [], running: 0, current: null, autoOpen: null, sequence: 0};

  // Opened with ?token=...: the server has set a cookie, so the token leaves the address bar.
  if (new URLSearchParams(location.search).has("token")) {
    history.replaceState(null, "", location.pathname);
  }

  // ---- settings, kept in localStorage --------------------------------------------------------
  const settingsForm = $("#form-ajustes");

  function readSettings() {
    const out = {};
    for (const field of settingsForm.elements) {
      if (!field.name) continue;
      if (field.type === "radio") {
        if (field.checked) out[field.name] = field.value;
      } else if (field.type === "checkbox") {
        out[field.name] = field.checked ? "true" : "false";
      } else {
        out[field.name] = field.value.trim();
      }
    }
    if (out.perspectiva === "cliente") out.plazo_pago_maximo_dias = "";  // favours the client: not asked
    return out;
  }

  function showSettings() {
    const client = settingsForm.querySelector("input[name=perspectiva][value=cliente]").checked;
    $("#campo-plazo").hidden = client;
  }

  function loadSettings() {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}") || {};
    } catch (error) {
      saved = {};
    }
    for (const field of settingsForm.elements) {
      if (!field.name || !(field.name in saved)) continue;
      if (field.type === "radio") field.checked = saved[field.name] === field.value;
      else if (field.type === "checkbox") field.checked = saved[field.name] === "true";
      else field.value = saved[field.name];
    }
    showSettings();
  }

  function saveSettings() {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(readSettings()));
    } catch (error) {
      // private mode without storage: the settings still apply to this visit
    }
    showSettings();
  }

  settingsForm.addEventListener("change", saveSettings);
  settingsForm.addEventListener("input", saveSettings);
  loadSettings();

  // ---- talking to the server -----------------------------------------------------------------
  function formFor(item, extra = {}) {
    const data = new FormData();
    data.append("archivo", item.file, item.file.name);
    for (const [key, value] of Object.entries({...item.settings, ...extra})) data.append(key, value);
    return data;
  }

  async function post(url, body, headers = {}) {
    return fetch(url, {method: "POST", body, headers, credentials: "same-origin"});
  }

  async function messageOf(response) {
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (error) {
      // not JSON
    }
    return `el servidor respondió con el código ${response.status}`;
  }

  const OFFLINE = "no se pudo contactar con contratos web; compruebe que sigue en marcha en la terminal";

  function saveAs(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- the scan table --------------------------------------------------------------------------
  function addFiles(files) {
    const added = [];
    for (const file of files) {
      const item = {file, settings: readSettings(), report: null, error: null, answers: {}, row: null};
      item.row = document.createElement("tr");
      $("#tabla tbody").append(item.row);
      state.items.push(item);
      added.push(item);
      fillRow(item);
    }
    if (!added.length) return;
    state.autoOpen = state.items.length === 1 ? added[0] : null;
    $("#lote").hidden = false;
    state.queue.push(...added);
    pump();
  }

  function pump() {
    while (state.running < PARALLEL && state.queue.length) {
      const item = state.queue.shift();
      state.running += 1;
      check(item).finally(() => {
        state.running -= 1;
        progress();
        pump();
      });
    }
    progress();
  }

  async function check(item) {
    item.report = null;
    item.error = null;
    try {
      const response = await post("/api/check", formFor(item));
      if (response.ok || response.status === 422) {
        const body = await response.json();
        if (body.schema_version) {
          item.report = body;
          if (!body.readable) item.error = body.error.message;
        } else {
          item.error = body.error ? body.error.message : `código ${response.status}`;
        }
      } else {
        item.error = await messageOf(response);
      }
    } catch (error) {
      item.error = OFFLINE;
    }
    item.done = true;
    fillRow(item);
    if (item === state.autoOpen || item === state.current) openItem(item);
  }

  function cell(text, status) {
    const td = document.createElement("td");
    if (status) {
      const span = document.createElement("span");
      span.className = `estado ${status}`;
      span.textContent = LABEL[status];
      td.append(span);
    } else {
      td.textContent = text;
    }
    return td;
  }

  function fillRow(item) {
    const name = document.createElement("td");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "enlace";
    button.textContent = item.file.name;
    button.addEventListener("click", () => openItem(item, true));
    name.append(button);
    const cells = [name];
    if (!item.done) {
      cells.push(cell("revisando…"), cell(""), cell(""), cell(""));
    } else if (item.report && item.report.readable) {
      const statuses = Object.fromEntries(item.report.checks.map((c) => [c.id, c.status]));
      for (const id of CORE) cells.push(statuses[id] ? cell("", statuses[id]) : cell("—"));
      cells.push(cell(String(item.report.summary.gaps)));
    } else {
      const error = document.createElement("div");
      error.className = "error";
      error.textContent = `No se pudo leer: ${item.error}`;
      name.append(error);
      cells.push(cell("—"), cell("—"), cell("—"), cell("—"));
    }
    item.row.replaceChildren(...cells);
  }

  function progress() {
    const total = state.items.length;
    const done = state.items.filter((item) => item.done).length;
    $("#progreso").max = Math.max(total, 1);
    $("#progreso").value = done;
    $("#progreso-texto").textContent = done < total ? `Revisados ${done} de ${total}` : `Revisados los ${total}`;
    const finished = total > 1 && done === total;
    $("#descargas").hidden = !finished;
    if (finished) {
      const missing = state.items.filter((item) => !item.report).map((item) => item.file.name);
      $("#descargas-nota").hidden = !missing.length;
      $("#descargas-nota").textContent = missing.length
        ? `No se incluyen (no llegaron a revisarse): ${missing.join(", ")}.` : "";
    }
  }

  async function download(format) {
    const informes = state.items.filter((item) => item.report).map((item) => item.report);
    try {
      const response = await post("/api/exportar", JSON.stringify({formato: format, informes}),
                                  {"content-type": "application/json"});
      if (!response.ok) {
        $("#descargas-nota").hidden = false;
        $("#descargas-nota").textContent = await messageOf(response);
        return;
      }
      saveAs(await response.blob(), `contratos.${format}`);
    } catch (error) {
      $("#descargas-nota").hidden = false;
      $("#descargas-nota").textContent = OFFLINE;
    }
  }

  $("#bajar-csv").addEventListener("click", () => download("csv"));
  $("#bajar-json").addEventListener("click", () => download("json"));
  $("#revisar-de-nuevo").addEventListener("click", () => {
    const settings = readSettings();
    for (const item of state.items) {
      item.settings = settings;
      item.done = false;
      fillRow(item);
    }
    state.queue.push(...state.items.filter((item) => !state.queue.includes(item)));
    pump();
  });

  // ---- choosing and dropping files -----------------------------------------------------------
  const input = $("#archivos");
  input.addEventListener("change", () => {
    addFiles(Array.from(input.files));
    input.value = "";
  });
  const zone = $("#zona");
  for (const kind of ["dragenter", "dragover"]) {
    zone.addEventListener(kind, (event) => {
      event.preventDefault();
      zone.classList.add("encima");
    });
  }
  zone.addEventListener("dragleave", () => zone.classList.remove("encima"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("encima");
    addFiles(Array.from(event.dataTransfer.files));
  });
  // a file dropped beside the zone must not replace the page
  for (const kind of ["dragover", "drop"]) document.addEventListener(kind, (event) => event.preventDefault());

  // ---- one file: report, checklist and letter ------------------------------------------------
  function notice(text) {
    $("#vista-aviso").hidden = !text;
    $("#vista-aviso").textContent = text || "";
  }

  // A report page from the server, parsed without its <style> (the same rules are in app.css; an inline
  // style would break the page's Content-Security-Policy).
  function parseReport(html) {
    return new DOMParser().parseFromString(html.replace(/<style>[\s\S]*?<\/style>/, ""), "text/html");
  }

  function showReport(html) {
    const page = parseReport(html);
    $("#informe").replaceChildren(...Array.from(page.body.childNodes, (node) => document.importNode(node, true)));
  }

  function checklistForm(item) {
    return formFor(item, {respuestas: JSON.stringify(item.answers)});
  }

  async function openItem(item, scroll = false) {
    state.current = item;
    const sequence = ++state.sequence;
    $("#vista").hidden = false;
    $("#carta").hidden = true;
    $("#carta-lista").hidden = true;
    notice("");
    if (!item.done) {
      $("#informe").textContent = `Revisando ${item.file.name}…`;
      return;
    }
    if (!item.report || !item.report.readable) {
      $("#informe").replaceChildren();
      notice(`No se pudo leer ${item.file.name}: ${item.error}`);
      return;
    }
    $("#informe").textContent = "Preparando el informe…";
    try {
      const response = await post("/api/checklist?formato=html", checklistForm(item));
      if (sequence !== state.sequence) return;
      if (response.ok) {
        showReport(await response.text());
        $("#carta").hidden = false;
      } else {
        notice(await messageOf(response));
        const plain = await post("/api/check?formato=html", formFor(item));
        if (sequence !== state.sequence) return;
        showReport(await plain.text());
      }
    } catch (error) {
      notice(OFFLINE);
    }
    if (scroll) $("#vista").scrollIntoView();
  }

  // an answer to a checklist question: the verdict and the list are rendered again, in place
  $("#informe").addEventListener("change", async (event) => {
    const answer = event.target;
    const item = state.current;
    if (answer.type !== "radio" || !item || !answer.closest("#lista")) return;
    item.answers[answer.name] = answer.value;
    const sequence = ++state.sequence;
    try {
      const response = await post("/api/checklist?formato=html", checklistForm(item));
      if (sequence !== state.sequence) return;
      if (!response.ok) {
        notice(await messageOf(response));
        return;
      }
      const page = parseReport(await response.text());
      const fresh = page.getElementById("lista");
      const old = document.getElementById("lista");
      if (fresh && old) old.replaceWith(document.importNode(fresh, true));
    } catch (error) {
      notice(OFFLINE);
    }
  });

  const letterForm = $("#form-carta");
  letterForm.elements.tipo.addEventListener("change", () => {
    for (const label of letterForm.querySelectorAll(".solo-declinar")) {
      label.hidden = letterForm.elements.tipo.value !== "declinar";
    }
  });

  letterForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const item = state.current;
    if (!item) return;
    $("#carta-estado").textContent = "Escribiendo…";
    try {
      const response = await post("/api/carta", formFor(item, Object.fromEntries(new FormData(letterForm))));
      if (!response.ok) {
        $("#carta-estado").textContent = await messageOf(response);
        return;
      }
      const body = await response.json();
      $("#texto-carta").value = body.carta;
      $("#carta-avisos").replaceChildren(...body.avisos.map((text) => {
        const li = document.createElement("li");
        li.textContent = `Aviso: ${text}.`;
        return li;
      }));
      $("#carta-lista").hidden = false;
      $("#carta-estado").textContent = "Carta lista: revísela antes de enviarla.";
    } catch (error) {
      $("#carta-estado").textContent = OFFLINE;
    }
  });

  $("#copiar-carta").addEventListener("click", async () => {
    const text = $("#texto-carta").value;
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {  // no clipboard API (plain http on another host): select and copy
      $("#texto-carta").select();
      document.execCommand("copy");
    }
    $("#carta-estado").textContent = "Copiada.";
  });

  $("#bajar-carta").addEventListener("click", () => {
    const item = state.current;
    const base = item ? item.file.name.replace(/\.[^.]+$/, "") : "contrato";
    const kind = letterForm.elements.tipo.value;
    saveAs(new Blob([$("#texto-carta").value], {type: "text/plain;charset=utf-8"}), `carta-${kind}-${base}.txt`);
  });
})();
