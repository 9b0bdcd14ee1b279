"""Short conflict reports written from templates, as many as a test needs (deterministic for a seed).

Every few reports another outlet tells an earlier happening again in its own words, so fusion has
something to merge; the rest are distinct happenings across Mali, Burkina Faso and Niger.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = [  # (town, region, country)
    ("Boni", "Mopti", "Mali"), ("Bankass", "Mopti", "Mali"), ("Djenne", "Mopti", "Mali"),
    ("Niono", "Segou", "Mali"), ("Menaka", "Menaka", "Mali"), ("Ansongo", "Gao", "Mali"),
    ("Gao", "Gao", "Mali"), ("Kidal", "Kidal", "Mali"), ("Timbuktu", "Timbuktu", "Mali"),
    ("Djibo", "Sahel", "Burkina Faso"), ("Dori", "Sahel", "Burkina Faso"), ("Arbinda", "Sahel", "Burkina Faso"),
    ("Kaya", "Centre-Nord", "Burkina Faso"), ("Fada N'Gourma", "Est", "Burkina Faso"),
    ("Ouahigouya", "Nord", "Burkina Faso"), ("Tillaberi", "Tillaberi", "Niger"), ("Ayorou", "Tillaberi", "Niger"),
    ("Tahoua", "Tahoua", "Niger"), ("Diffa", "Diffa", "Niger"), ("Agadez", "Agadez", "Niger"),
]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen"]
OUTLETS = ["sahelwatch.example", "westafricawire.example", "bamakopost.example", "radiodjibo.example",
           "nigerdaily.example", "fasonews.example"]


def _happening(rng: random.Random, i: int) -> dict:
    town, region, country = rng.choice(PLACES)
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    return {"town": town, "region": region, "country": country, "day": day, "n": rng.choice(NUMBERS),
            "kind": rng.randrange(5), "i": i}


def _tell(h: dict, voice: int) -> str:
    when = f"{h['day'].day} {h['day']:%B %Y}"
    where = f"{h['town']} ({h['region']}, {h['country']})"
    n = h["n"]
    kind = h["kind"]
    if kind == 0:
        lines = [f"On {when}, unidentified gunmen attacked the village of {where}, killing {n} civilians, "
                 f"residents said.",
                 f"Armed men on motorbikes raided {h['town']} in the {h['region']} region of {h['country']} on "
                 f"{when}. Local sources said {n} villagers were killed."]
    elif kind == 1:
        lines = [f"On {when}, soldiers clashed with militants near {where}; {n} soldiers were killed, the army "
                 f"said.",
                 f"The army said {n} of its soldiers died in fighting with jihadists near {h['town']}, "
                 f"{h['country']}, on {when}."]
    elif kind == 2:
        lines = [f"Hundreds of people demonstrated peacefully in {where} on {when} to demand better security.",
                 f"On {when}, residents of {h['town']} ({h['country']}) marched to protest against insecurity."]
    elif kind == 3:
        lines = [f"An improvised explosive device struck a military vehicle near {where} on {when}, killing "
                 f"{n} soldiers.",
                 f"On {when}, a roadside bomb hit an army patrol outside {h['town']}, {h['country']}; {n} soldiers "
                 f"died, security sources said."]
    else:
        lines = [f"Gunmen abducted {n} traders on the road to {where} on {when}, relatives said.",
                 f"On {when}, {n} traders were kidnapped near {h['town']} in {h['country']}, local officials said."]
    return lines[voice % len(lines)]


def reports(n: int, seed: int = 12) -> list[dict]:
    """`n` JSON-ready reports {id, text, published, source, url}."""
    rng = random.Random(seed)
    told: list[dict] = []
    out = []
    for i in range(n):
        if told and i % 5 == 4:  # another outlet's account of an earlier happening
            h, voice = rng.choice(told), 1
        else:
            h, voice = _happening(rng, i), 0
            told.append(h)
        outlet = OUTLETS[(i + voice) % len(OUTLETS)]
        published = h["day"] + timedelta(days=1 + voice)
        out.append({"id": f"gen-{seed}-{i:05d}", "text": _tell(h, voice) + f" (Report {i} of {outlet}.)",
                    "published": published.isoformat(), "source": outlet,
                    "url": f"https://{outlet}/{published:%Y/%m/%d}/{i}"})
    return out


def write_reports(path: Path, n: int, seed: int = 12) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports(n, seed)), encoding="utf-8")
    return path
