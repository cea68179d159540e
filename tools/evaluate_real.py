"""Accuracy of `contratos` on real public contracts (eval/real/, rebuilt from ../shared/realcorpus-dev).

Usage:
    python tools/evaluate_real.py [--verbose] [--dir eval/real] [--labels PATH]

The documents are third-party material: they are rebuilt into the git-ignored eval/real/ and never
committed. The labels (labels.json beside rebuild.sh) read each document from the provider's side:
for alcance, pago and rescision whether it is a gap, and for rescision who may exit without cause
(ambas, cliente, prestador, ninguna), the notice days and whether work done is paid.

Prints, over the documents labelled as service contracts: gap precision and recall per core check
and the accuracy of who / notice_days / pays_work_done; over every document: whether the tool told
service contracts from the rest (the controls). It is not part of `make test` or CI.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from evaluate import print_tail, ratio  # noqa: E402  (the same figures, printed the same way)

from contratos.patterns import core_ids  # noqa: E402
CORPUS = ROOT.parent / "shared" / "realcorpus-dev"
CORE = core_ids()
GAPS = ("weak", "missing")
WHO = {"ambas": "both", "cliente": "client", "prestador": "provider", "ninguna": "none", None: None}
HOW_TO = f"""No hay documentos en {{folder}}.
Para obtenerlos (no se versionan: son de terceros):
  1. con la herramienta `fetch`, traiga cada repositorio de {CORPUS / 'repos.txt'}
     (github:OWNER/NAME); cada uno queda en .../OWNER+NAME/;
  2. {CORPUS / 'rebuild.sh'} CARPETA_CON_LOS_OWNER+NAME {{folder}}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement with the label's reason")
    parser.add_argument("--dir", type=Path, default=ROOT / "eval" / "real")
    parser.add_argument("--labels", type=Path, default=CORPUS / "labels.json")
    args = parser.parse_args()
    if not args.labels.exists():
        print(f"No se encontraron las etiquetas: {args.labels}", file=sys.stderr)
        return 2
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    present = [e for e in labels if (args.dir / e["file"]).exists()]
    if not present:
        print(HOW_TO.format(folder=args.dir), file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    import contratos

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for entry in present:
        path = args.dir / entry["file"]
        report = contratos.check_file(path)
        is_service = entry["kind"] == "servicios"
        said_service = report.readable and report.document_kind == "servicios" and report.language in ("es", None)
        hits["tipo de documento"][0] += is_service == said_service
        hits["tipo de documento"][1] += 1
        if is_service != said_service:
            misses.append(f"{path.name}: tipo esperado {entry['kind']}, obtenido {report.document_kind}"
                          f" ({report.language}, legible={report.readable})")
        if not is_service:
            continue
        got = {c.id: c for c in report.checks}
        for check_id in CORE:
            want_gap = bool(entry[check_id]["gap"])
            check = got.get(check_id)
            have = check.status if check else "absent"
            have_gap = have in GAPS
            c = counts[check_id]
            c["n"] += 1
            c["tp"] += want_gap and have_gap
            c["fp"] += have_gap and not want_gap
            c["fn"] += want_gap and not have_gap
            if want_gap != have_gap:
                misses.append(f"{path.name}: {check_id} {'hueco' if want_gap else 'sin hueco'} esperado, "
                              f"obtenido {have} ({check.explanation if check else ''})\n"
                              f"      etiqueta: {entry[check_id]['why']}")
        label = entry["rescision"]
        found = got["rescision"].details if "rescision" in got else {}
        for key, want in (("who", WHO[label.get("who")]), ("notice_days", label.get("notice_days")),
                          ("pays_work_done", label.get("pays_work_done"))):
            have = found.get(key)
            hits[key][0] += have == want
            hits[key][1] += 1
            if have != want:
                misses.append(f"{path.name}: rescision.{key} esperado {want}, obtenido {have}")

    n_service = sum(e["kind"] == "servicios" for e in present)
    print(f"eval/real: {len(present)} de {len(labels)} documentos reales ({n_service} contratos de servicios, "
          f"{len(present) - n_service} de control)")
    print(f"{'comprobación':14} {'n':>3} {'precisión':>9} {'exhaustividad':>13}   (de los huecos: débil o falta)")
    for check_id in CORE:
        c = counts[check_id]
        print(f"{check_id:14} {c['n']:>3} {ratio(c['tp'], c['tp'] + c['fp']):>9} {ratio(c['tp'], c['tp'] + c['fn']):>13}"
              f"   tp={c['tp']} fp={c['fp']} fn={c['fn']}")
    print_tail("detalles de rescisión y tipo de documento:", hits, misses if args.verbose else [])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
