"""Score the event-text classifier on a labelled snippet TSV (CASE 2021 shared-task style).

The TSV has a header with at least the columns ``EventSnippet`` (the text) and ``SubType`` (a label code
such as ``ARMED_CLASH``); an ``id`` column is used when present. Codes are mapped to sitrep's label names
with ``CODE_TO_LABEL`` (the mapping is the one given in the shared task's documentation). A cell that is
already a label name is accepted as is.

The data itself is read at run time from wherever the user keeps it; nothing from it is stored here.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

CODE_TO_LABEL: dict[str, str] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "PEACE_PROTEST": "Peaceful protest",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "ATTRIB": "Claim of responsibility",
    "DIPLO": "Diplomatic action",
    "ORG_CRIME": "Organized crime",
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
}
LABEL_TO_CODE: dict[str, str] = {v: k for k, v in CODE_TO_LABEL.items()}


def _to_label(cell: str) -> str:
    cell = cell.strip()
    if cell in CODE_TO_LABEL:
        return CODE_TO_LABEL[cell]
    if cell in LABEL_TO_CODE:
        return cell
    raise ValueError(f"unknown label code {cell!r} (expected one of {sorted(CODE_TO_LABEL)})")


def read_snippets(tsv_path: str | Path) -> list[tuple[str, str, str]]:
    """Rows of (id, text, gold label name)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows: list[tuple[str, str, str]] = []
    with open(tsv_path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if (
            not reader.fieldnames
            or "EventSnippet" not in reader.fieldnames
            or "SubType" not in reader.fieldnames
        ):
            raise ValueError(
                f"{tsv_path}: expected columns EventSnippet and SubType, got {reader.fieldnames}"
            )
        for i, row in enumerate(reader):
            text = (row.get("EventSnippet") or "").strip()
            code = row.get("SubType") or ""
            if not text or not code.strip():
                continue
            rows.append((str(row.get("id") or i), text, _to_label(code)))
    return rows


def scores_from_pairs(gold: list[str], pred: list[str]) -> dict:
    """Per-label precision/recall/F1/support, weighted and macro F1 (over the gold labels), accuracy.

    Weighted F1 averages the per-label F1 weighted by gold support, as in scikit-learn's
    ``f1_score(average="weighted")``; macro F1 is the plain mean over the labels present in gold.
    A label predicted but never in gold counts in neither average (it only lowers other labels' recall).
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    n = len(gold)
    tp: Counter = Counter()
    n_pred: Counter = Counter(pred)
    n_gold: Counter = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
    per_label: dict[str, dict] = {}
    for label in sorted(set(gold) | set(pred)):
        p_ = tp[label] / n_pred[label] if n_pred[label] else 0.0
        r_ = tp[label] / n_gold[label] if n_gold[label] else 0.0
        f_ = 2 * p_ * r_ / (p_ + r_) if (p_ + r_) else 0.0
        per_label[label] = {
            "precision": p_,
            "recall": r_,
            "f1": f_,
            "support": n_gold[label],
            "predicted": n_pred[label],
        }
    gold_labels = [lab for lab in per_label if n_gold[lab]]
    weighted = sum(per_label[lab]["f1"] * n_gold[lab] for lab in gold_labels) / n if n else 0.0
    macro = sum(per_label[lab]["f1"] for lab in gold_labels) / len(gold_labels) if gold_labels else 0.0
    accuracy = sum(tp.values()) / n if n else 0.0
    confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "n": n,
        "weighted_f1": weighted,
        "macro_f1": macro,
        "accuracy": accuracy,
        "per_label": per_label,
        "confusions": [{"gold": g, "pred": p, "count": c} for (g, p), c in confusions.most_common()],
    }


def evaluate_snippets(tsv_path: str | Path, classifier=None) -> dict:
    """Classify every snippet in ``tsv_path`` and score the predictions against the gold labels.

    Returns a dict with ``weighted_f1``, ``macro_f1``, ``accuracy``, ``per_label`` (label → precision,
    recall, f1, support, predicted), ``confusions`` (gold/pred/count, most frequent first), ``n``,
    ``errors`` (id, gold, pred, score: the misclassified rows, without their text), ``speed``
    (snippets per second for the classification step, after a one-text warm-up) and ``warmup_seconds``.
    """
    import time

    if classifier is None:
        from sitrep.classifier import get_classifier

        classifier = get_classifier()
    rows = read_snippets(tsv_path)
    texts = [r[1] for r in rows]
    gold = [r[2] for r in rows]
    t0 = time.perf_counter()
    if texts:
        classifier.predict(texts[:1])  # warm-up: lazy model/session loading is not classification time
    warmup = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = classifier.predict(texts)
    elapsed = time.perf_counter() - t0
    pred = [p.label for p in preds]
    result = scores_from_pairs(gold, pred)
    result["errors"] = [
        {"id": r[0], "gold": g, "pred": p.label, "score": round(p.score, 3)}
        for r, g, p in zip(rows, gold, preds, strict=True)
        if g != p.label
    ]
    result["speed"] = len(texts) / elapsed if elapsed > 0 else float("inf")
    result["warmup_seconds"] = warmup
    result["source"] = str(tsv_path)
    return result


def format_report(result: dict, top_confusions: int = 15) -> str:
    """A plain-text report: headline figures, per-label table, top confusions."""
    lines = [
        f"snippets: {result['n']}",
        f"weighted F1: {result['weighted_f1']:.4f}   macro F1: {result['macro_f1']:.4f}   accuracy: {result['accuracy']:.4f}",
    ]
    if "speed" in result:
        lines.append(f"speed: {result['speed']:.1f} snippets/s")
    lines.append("")
    width = max([len(lab) for lab in result["per_label"]] + [5])
    lines.append(f"{'label':<{width}}  {'prec':>6}  {'rec':>6}  {'f1':>6}  {'support':>7}  {'pred':>5}")
    for label, row in sorted(result["per_label"].items(), key=lambda kv: (-kv[1]["support"], kv[0])):
        lines.append(
            f"{label:<{width}}  {row['precision']:6.3f}  {row['recall']:6.3f}  {row['f1']:6.3f}  "
            f"{row['support']:7d}  {row['predicted']:5d}"
        )
    if result["confusions"]:
        lines.append("")
        lines.append("top confusions (gold -> predicted: count)")
        for c in result["confusions"][:top_confusions]:
            lines.append(f"  {c['gold']} -> {c['pred']}: {c['count']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Score sitrep's event classifier on a labelled snippet TSV.")
    ap.add_argument("tsv")
    ap.add_argument("--errors", action="store_true", help="list misclassified ids")
    args = ap.parse_args(argv)
    result = evaluate_snippets(args.tsv)
    print(format_report(result))
    if args.errors:
        print("\nerrors (id gold -> pred score)")
        for e in result["errors"]:
            print(f"  {e['id']}\t{e['gold']} -> {e['pred']}\t{e['score']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
