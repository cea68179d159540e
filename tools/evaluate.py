"""Accuracy of `contratos` on the labelled documents (sample_contracts/ and eval/documents/).

Usage:
    python tools/evaluate.py [--verbose] [--holdout | --set DIR]

Prints, per check, precision and recall of gaps (a gap is a `weak` or `missing` status), the exact
status accuracy, and the accuracy of the rescision details (who, notice_days, pays_work_done) and
of the document kind and language. Labels are defined in eval/LABELS.md. `--set DIR` measures one
labelled folder (DIR/expected.toml) on its own, without floors: a new blind set is measured this way
before anyone tunes a rule to it.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = [ROOT / "sample_contracts", ROOT / "eval" / "documents"]
HOLDOUT = [ROOT / "eval" / "holdout", ROOT / "eval" / "holdout2", ROOT / "eval" / "holdout3"]  # written after the rules
GAPS = ("weak", "missing")
DETAILS = ("who", "notice_days", "pays_work_done")


def load_labels(sets: list[Path]) -> list[tuple[Path, dict]]:
    out = []
    for folder in sets:
        expected = folder / "expected.toml"
        if expected.exists():
            for entry in tomllib.loads(expected.read_text(encoding="utf-8")).values():
                out.append((folder / entry["file"], entry))
    return out


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def print_tail(title: str, hits: dict, misses: list[str]) -> None:
    """The accuracy of the details (hits, total) and the list of disagreements."""
    print(title)
    for key, (hit, total) in hits.items():
        print(f"  {key:20} {ratio(hit, total)} ({hit}/{total})")
    if misses:
        print("\nDesacuerdos:")
        print("\n".join(f"  {m}" for m in misses))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    parser.add_argument("--holdout", action="store_true",
                        help="measure on eval/holdout, documents written after the rules (report, do not tune)")
    parser.add_argument("--set", type=Path, dest="set_dir", metavar="DIR",
                        help="measure only this labelled folder (DIR/expected.toml); no floors apply")
    parser.add_argument("--floors", type=Path, default=ROOT / "eval" / "floors.toml",
                        help="exit 1 when a figure falls below the floor recorded there")
    args = parser.parse_args()
    if args.set_dir is not None:
        if args.holdout:
            print("evaluate.py: --set y --holdout no se pueden usar juntos; elija uno de los dos", file=sys.stderr)
            return 2
        if not (args.set_dir / "expected.toml").is_file():
            print(f"{args.set_dir}: no es una carpeta etiquetada (falta expected.toml); "
                  "indique una carpeta como eval/holdout3", file=sys.stderr)
            return 2
    sys.path.insert(0, str(ROOT / "src"))
    import contratos

    labels = load_labels([args.set_dir] if args.set_dir else HOLDOUT if args.holdout else SETS)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    detail_hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    with_gap = 0
    for path, entry in labels:
        report = contratos.check_file(path)
        got = {c.id: c for c in report.checks}
        expected = dict(entry["expected"])
        details = expected.pop("details", {})
        with_gap += any(v in GAPS for v in expected.values())
        for check_id, want in expected.items():
            have = got[check_id].status if check_id in got else "absent"
            c = counts[check_id]
            c["n"] += 1
            c["exact"] += have == want
            c["tp"] += want in GAPS and have in GAPS
            c["fp"] += want not in GAPS and have in GAPS
            c["fn"] += want in GAPS and have not in GAPS
            if have != want:
                misses.append(f"{path.name}: {check_id} esperado {want}, obtenido {have}"
                              + (f" ({got[check_id].explanation})" if check_id in got else ""))
        if details and "rescision" in got:
            found = got["rescision"].details
            for key in DETAILS:
                want = details.get(key, False if key == "pays_work_done" else None)
                have = found.get(key)
                if key == "pays_work_done":
                    have = bool(have)
                detail_hits[key][0] += have == want
                detail_hits[key][1] += 1
                if have != want:
                    misses.append(f"{path.name}: rescision.{key} esperado {want}, obtenido {have}")
        for key, attr in (("document_kind", "document_kind"), ("language", "language")):
            if key in entry:
                have = getattr(report, attr, None)
                detail_hits[key][0] += have == entry[key]
                detail_hits[key][1] += 1
                if have != entry[key]:
                    misses.append(f"{path.name}: {key} esperado {entry[key]}, obtenido {have}")

    name = (str(args.set_dir) if args.set_dir else
            "reservado (eval/holdout)" if args.holdout else "muestras + eval/documents")
    print(f"Conjunto {name}: {len(labels)} documentos etiquetados ({with_gap} con al menos un punto débil)")
    print(f"{'comprobación':22} {'n':>3} {'precisión':>9} {'exhaustividad':>13} {'estado exacto':>13}")
    for check_id, c in counts.items():
        print(f"{check_id:22} {c['n']:>3} {ratio(c['tp'], c['tp'] + c['fp']):>9} "
              f"{ratio(c['tp'], c['tp'] + c['fn']):>13} {ratio(c['exact'], c['n']):>13}")
    print_tail("detalles y tipo de documento:", detail_hits, misses if args.verbose else [])
    if args.set_dir:
        return 0
    return _below_floors(args.floors, "holdout" if args.holdout else "principal", counts, detail_hits)


def _below_floors(path: Path, name: str, counts, detail_hits) -> int:
    """1 when a figure of this set is below its floor in eval/floors.toml (so that CI notices), else 0."""
    if not path.exists():
        return 0
    floors = tomllib.loads(path.read_text(encoding="utf-8")).get(name, {})
    figures = {}
    for check_id, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        figures[f"{check_id}.precision"] = tp / (tp + fp) if tp + fp else 1.0
        figures[f"{check_id}.recall"] = tp / (tp + fn) if tp + fn else 1.0
        figures[f"{check_id}.exacto"] = c["exact"] / c["n"] if c["n"] else 1.0
    figures.update({key: hits / total for key, (hits, total) in detail_hits.items() if total})
    below = [f"{key} {figures[key]:.2f} < {floor:.2f}" for key, floor in floors.items()
             if key in figures and round(figures[key], 2) < floor]  # the floors are the printed figures
    if below:
        print(f"\nPor debajo del mínimo registrado en {path.name} ({name}): " + "; ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
