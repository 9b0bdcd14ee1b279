"""Score `sitrep classify` on whole articles of an expectations file (../shared/acceptance/FORMAT.md).

There is no labelled snippet set in French, but the article sets' expectations say which event types each
article reports. A label is right for an article when it fits one of the expected events: it is one of the
event's acceptable sub-event types, or (when the event lists none) its ACLED type is one of the event's types.
Each article is read twice: whole (what `sitrep classify` sees for the file) and its lede (the opening
paragraphs up to ``LEDE_CHARS``, closer to the short reports the classifier was trained on).

    python -m sitrep.eval.classify_articles EXPECTATIONS.json [--skip ID,ID] [--only ID,ID]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.events.acled_type import SUB_EVENT_TYPES

LEDE_CHARS = 400


def lede(text: str, limit: int = LEDE_CHARS) -> str:
    """Whole paragraphs from the top until ``limit`` characters are reached (at least one paragraph)."""
    out: list[str] = []
    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        out.append(para)
        if sum(len(p) for p in out) >= limit:
            break
    return "\n".join(out)


def fits(label: str, events: list[dict]) -> bool:
    """True when ``label`` fits one expected event (sub-type when listed, else the ACLED type)."""
    for event in events:
        subs = event.get("sub_event_type")
        if subs:
            if label in subs:
                return True
        elif SUB_EVENT_TYPES.get(label) in (event.get("event_type") or []):
            return True
    return False


def fits_type(label: str, events: list[dict]) -> bool:
    """True when the label's ACLED event type is acceptable for one expected event."""
    return any(SUB_EVENT_TYPES.get(label) in (event.get("event_type") or []) for event in events)


def evaluate(expectations: str | Path, only: set[str] | None = None, skip: set[str] | None = None,
             classifier=None) -> dict:
    """Per-article labels (whole text and lede) and the share that fit, by sub-type and by type."""
    if classifier is None:
        from sitrep.classifier import get_classifier

        classifier = get_classifier()
    path = Path(expectations)
    docs = json.loads(path.read_text(encoding="utf-8"))["documents"]
    docs = [d for d in docs if (only is None or d["id"] in only) and not (skip and d["id"] in skip)]
    texts = [(path.parent / d["file"]).read_text(encoding="utf-8") for d in docs]
    whole = classifier.predict(texts)
    ledes = classifier.predict([lede(t) for t in texts])
    rows = []
    for doc, w, lp in zip(docs, whole, ledes, strict=True):
        events = doc.get("events") or []
        rows.append({"id": doc["id"], "whole": w.label, "whole_score": round(w.score, 3), "lede": lp.label,
                     "lede_score": round(lp.score, 3), "whole_fits": fits(w.label, events),
                     "lede_fits": fits(lp.label, events), "whole_type": fits_type(w.label, events),
                     "lede_type": fits_type(lp.label, events)})
    n = max(len(rows), 1)
    summary = {key: sum(r[key] for r in rows) / n for key in ("whole_fits", "lede_fits", "whole_type", "lede_type")}
    return {"n": len(rows), "summary": summary, "rows": rows}


def format_report(result: dict) -> str:
    s = result["summary"]
    lines = [f"{result['n']} articles: whole text fits {s['whole_fits']:.3f} (type {s['whole_type']:.3f}); "
             f"lede fits {s['lede_fits']:.3f} (type {s['lede_type']:.3f})"]
    for r in result["rows"]:
        lines.append(f"  {r['id']:8} whole {'+' if r['whole_fits'] else '-'} {r['whole']} ({r['whole_score']})"
                     f" | lede {'+' if r['lede_fits'] else '-'} {r['lede']} ({r['lede_score']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Score sitrep classify on the articles of an expectations file.")
    ap.add_argument("expectations")
    ap.add_argument("--only", default=None, help="comma-separated article ids to score")
    ap.add_argument("--skip", default=None, help="comma-separated article ids to leave out")
    args = ap.parse_args(argv)

    def ids(value: str | None) -> set[str] | None:
        return {x.strip() for x in value.split(",") if x.strip()} if value else None

    print(format_report(evaluate(args.expectations, only=ids(args.only), skip=ids(args.skip))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
