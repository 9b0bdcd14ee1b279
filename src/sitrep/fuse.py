"""Fusion across documents: many reports of one happening become one canonical event.

Two steps, both incremental (run for each document as it is stored) and both explainable:

1. **Reports.** A document whose text nearly repeats a stored one (a syndicated copy, the same wire story
   on ten sites: word 5-gram shingles, MinHash with LSH to find candidates, then the exact Jaccard /
   containment of the shingles) joins that document's *report*: one report with many URLs, counted as
   one source, never as ten sources corroborating each other.
2. **Canonical events.** Each event is compared with the stored canonical events near its date. It joins
   the best one when every hard rule holds (dates within a day, or within the week / month the reports'
   time precision allows; same country and within a few km, or the same region for region-level places;
   compatible ACLED types; no two different armed groups named) and the weighted score clears the bar;
   otherwise it starts a canonical event of its own. The reasons are stored with the membership.

The canonical event keeps every source and each source's claims. Its fatalities follow ACLED's rule, the
lowest credible reported figure (figures only a party to the conflict gives are not credible when anyone
else gives one), with low / best / high across all sources beside it. Each key fact (that it happened, the
toll, who did it) is *confirmed* when at least two independent outlets support it in a voice other than a
party's, otherwise it is *claimed* — by a party, by officials, by local sources or by an outlet alone.

An analyst can split a wrong merge (`split`) or join two canonical events (`merge`); both are kept as
cannot-link / must-link pairs of events in `fusion_links`, which every later fusion and `rebuild` obey.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlparse

from sitrep.lexicon import DEFAULT_LANGUAGE, get_lexicon, languages
from sitrep.places.gazetteer import haversine_km
from sitrep.store.backend import fts_index

# ---------------------------------------------------------------------------------------------------------
# Near-duplicate documents (one report, many URLs)

SHINGLE_WORDS = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
NEAR_DUP_JACCARD = 0.6
NEAR_DUP_CONTAINMENT = 0.85
MIN_SHINGLES = 8
_MERSENNE = (1 << 61) - 1
_MASK63 = (1 << 63) - 1


def _seeded(i: int) -> tuple[int, int]:
    h = hashlib.blake2b(f"sitrep-minhash-{i}".encode(), digest_size=16).digest()
    return int.from_bytes(h[:8], "big") % _MERSENNE or 1, int.from_bytes(h[8:], "big") % _MERSENNE


_PERMS = [_seeded(i) for i in range(NUM_PERM)]
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[int]:
    """Hashes of the word 5-grams of a text (case and punctuation ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words)) if words else []
    out: set[int] = set()
    for i in range(max(0, len(words) - SHINGLE_WORDS + 1)):
        gram = " ".join(words[i:i + SHINGLE_WORDS])
        out.add(int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big") & _MASK63)
    return out


def minhash(sh: set[int]) -> list[int]:
    if not sh:
        return []
    return [min((a * x + b) % _MERSENNE for x in sh) for a, b in _PERMS]


def lsh_keys(signature: list[int]) -> list[tuple[int, int]]:
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in signature[band * ROWS:(band + 1) * ROWS])
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk.encode(), digest_size=8).digest(), "big") & _MASK63))
    return keys


def resemblance(a: set[int], b: set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def outlet_of(url: str | None, source: str | None) -> str:
    """The outlet a document comes from: the URL's host without www., else the source name, else ''."""
    if url:
        host = urlparse(url if "//" in url else "//" + url).netloc.lower()
        host = host.split("@")[-1].split(":")[0]
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    return (source or "").strip().lower()


def assign_report(conn, doc_id: str) -> tuple[str, float, str]:
    """File a stored document under a report: its own, or that of a near-duplicate already stored.

    Returns (report_id, similarity, near-duplicate doc id or '')."""
    row = conn.execute("SELECT clean_text, raw_text, url, source FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return doc_id, 0.0, ""
    existing = conn.execute("SELECT report_id, similarity FROM document_reports WHERE doc_id = ?", (doc_id,)).fetchone()
    if existing is not None:
        return existing[0], existing[1] or 0.0, ""
    text = row[0] or row[1] or ""
    sh = shingles(text)
    outlet = outlet_of(row[2], row[3])
    best: tuple[float, str, str] = (0.0, "", "")
    keys = lsh_keys(minhash(sh)) if len(sh) >= MIN_SHINGLES else []
    if keys:
        candidates: set[str] = set()
        for band, h in keys:
            candidates.update(r[0] for r in conn.execute(
                "SELECT doc_id FROM document_lsh WHERE band = ? AND hash = ?", (band, h)))
        candidates.discard(doc_id)
        for other in sorted(candidates):
            orow = conn.execute("SELECT d.clean_text, d.raw_text, r.report_id FROM documents d JOIN document_reports r "
                                "ON r.doc_id = d.id WHERE d.id = ?", (other,)).fetchone()
            if orow is None:
                continue
            jac, cont = resemblance(sh, shingles(orow[0] or orow[1] or ""))
            if (jac >= NEAR_DUP_JACCARD or cont >= NEAR_DUP_CONTAINMENT) and max(jac, cont) > best[0]:
                best = (max(jac, cont), orow[2], other)
    report_id = best[1] or doc_id
    conn.execute("INSERT INTO document_reports VALUES (?,?,?,?,?)", (doc_id, report_id, round(best[0], 4), outlet,
                                                                    len(sh)))
    conn.executemany("INSERT INTO document_lsh VALUES (?,?,?)", [(b, h, doc_id) for b, h in keys])
    return report_id, best[0], best[2]


# ---------------------------------------------------------------------------------------------------------
# Actors: names to comparable keys and families


def actor_key(name: str) -> str:
    """'JNIM: Group for Support ...' -> 'jnim'; 'Military Forces of Mali (2021-)' -> 'military forces of mali'."""
    name = (name or "").strip()
    if ":" in name:
        name = name.split(":", 1)[0]
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name)
    return re.sub(r"\s+", " ", name).strip().lower()


def is_unidentified(name: str) -> bool:
    return (name or "").lower().startswith(("unidentified", "unknown"))


_STATE = re.compile(r"^(military|police|gendarmerie|government|national guard|armed forces)\b", re.I)
_NOT_ARMED = re.compile(r"^(civilians|protesters|rioters|journalists|students|health workers|aid workers|"
                        r"refugees|prisoners|labou?r group)", re.I)


def is_armed_non_state(name: str) -> bool:
    key = actor_key(name)
    return bool(key) and not is_unidentified(name) and not _STATE.match(key) and not _NOT_ARMED.match(key)


@lru_cache(maxsize=1)
def _dictionary_ids() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(actor key -> dictionary id, dictionary id -> its ancestors' ids) from the project's actor dictionary."""
    try:
        from sitrep.actors.dictionary import get_dictionary

        d = get_dictionary()
    except Exception:  # no dictionary: every actor stands alone
        return {}, {}
    ids: dict[str, str] = {}
    ancestors: dict[str, tuple[str, ...]] = {}
    for actor_id, entry in d.actors.items():
        for n in (entry.name, entry.short, *[p.name for p in entry.periods]):
            if n:
                ids.setdefault(actor_key(n), actor_id)
        ancestors[actor_id] = tuple(d.ancestors(actor_id))
    return ids, ancestors


def actor_identity(name: str) -> str:
    """The dictionary id of an actor name (its key when the dictionary does not know it)."""
    key = actor_key(name)
    return _dictionary_ids()[0].get(key, key)


def lineage(name: str) -> set[str]:
    """The actor and its parents (Katiba Macina -> {katiba_macina, jnim})."""
    ident = actor_identity(name)
    return {ident, *_dictionary_ids()[1].get(ident, ())}


def related(a: str, b: str) -> bool:
    """Same actor, or one a unit of the other (Katiba Macina and JNIM); siblings under al Qaeda are not."""
    ia, ib = actor_identity(a), actor_identity(b)
    return ia == ib or ia in lineage(b) or ib in lineage(a)


def family(name: str) -> str:
    """The top of an actor's lineage as far as the actor dictionary knows it."""
    ident = actor_identity(name)
    chain = _dictionary_ids()[1].get(ident, ())
    return chain[-1] if chain else ident


def _split_names(value: str | None) -> list[str]:
    return [n.strip() for n in (value or "").split(";") if n.strip()]


# ---------------------------------------------------------------------------------------------------------
# Matching one event with another

MERGE_THRESHOLD = 0.6
PLACE_KM = {1: 10.0, 2: 30.0}
DATE_TOLERANCE = {1: 1, 2: 7, 3: 31}
_VIOLENCE = {"Battles", "Violence against civilians", "Explosions/Remote violence"}
_DEMONSTRATIONS = {"Protests", "Riots"}


@dataclass
class Candidate:
    """An event as fusion sees it: the stored row plus where it came from."""

    event_id: str
    doc_id: str
    report_id: str
    outlet: str
    row: dict
    order: tuple = ()
    claims: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The language of the document the event comes from (its claimants are read in it)."""
        return self.row.get("doc_language") or DEFAULT_LANGUAGE

    @property
    def day(self) -> date | None:
        v = self.row.get("event_date")
        return date.fromisoformat(v) if v else None

    def actors(self) -> list[str]:
        r = self.row
        return [n for n in [r.get("actor1") or "", r.get("actor2") or "", *_split_names(r.get("assoc_actor_1")),
                            *_split_names(r.get("assoc_actor_2"))] if n]


@dataclass
class Match:
    score: float
    reasons: list[str]
    blocked: str = ""


def _type_score(a: dict, b: dict) -> tuple[float, str]:
    ta, tb = a.get("event_type") or "", b.get("event_type") or ""
    sa, sb = a.get("sub_event_type") or "", b.get("sub_event_type") or ""
    if not ta or not tb:
        return 0.5, "type unknown in one report"
    if sa and sa == sb:
        return 1.0, f"same sub-event type ({sa})"
    if ta == tb:
        return 0.8, f"same event type ({ta}: {sa or '?'} / {sb or '?'})"
    if ta in _VIOLENCE and tb in _VIOLENCE:
        return 0.5, f"compatible types ({sa or ta} / {sb or tb})"
    if ta in _DEMONSTRATIONS and tb in _DEMONSTRATIONS:
        return 0.6, f"compatible types ({sa or ta} / {sb or tb})"
    if "Strategic developments" in (ta, tb) and (ta in _VIOLENCE or tb in _VIOLENCE):
        return 0.3, f"compatible types ({sa or ta} / {sb or tb})"
    return -1.0, f"incompatible types ({ta} / {tb})"


def _actor_score(a: Candidate, b: Candidate) -> tuple[float, str]:
    named_a = [n for n in a.actors() if not is_unidentified(n)]
    named_b = [n for n in b.actors() if not is_unidentified(n)]
    armed_a = [n for n in named_a if is_armed_non_state(n)]
    armed_b = [n for n in named_b if is_armed_non_state(n)]
    if armed_a and armed_b:
        pairs = [(x, y) for x in armed_a for y in armed_b if related(x, y)]
        if not pairs:
            return -1.0, f"different armed groups ({', '.join(armed_a)} / {', '.join(armed_b)})"
        return 1.0, "both name " + ", ".join(dict.fromkeys(actor_key(x) == actor_key(y) and x or f"{x} ~ {y}"
                                                           for x, y in pairs))
    shared = list(dict.fromkeys(x for x in named_a for y in named_b if related(x, y)))
    if shared:
        return 0.7, f"both name {', '.join(shared)}"
    if not named_a or not named_b:
        return 0.5, "actors compatible (a report names no one)"
    return 0.4, "actors compatible (no armed group named by both)"


def match(e: Candidate, m: Candidate) -> Match:
    """Whether event `e` and event `m` describe the same happening: a score in [0, 1] and why."""
    reasons: list[str] = []
    same_report = e.report_id == m.report_id
    if e.doc_id == m.doc_id:
        return Match(0.0, [], "same document")
    # date
    da, db = e.day, m.day
    if da and db:
        precision = max(e.row.get("time_precision") or 1, m.row.get("time_precision") or 1)
        tol = DATE_TOLERANCE.get(min(precision, 3), 1)
        delta = abs((da - db).days)
        if delta > tol:
            return Match(0.0, [], f"dates {delta} days apart ({da} / {db})")
        date_score = 1.0 if delta == 0 else 0.8 if delta == 1 else max(0.2, 1 - 0.6 * delta / (tol + 1))
        reasons.append("same day" if delta == 0 else "adjacent days" if delta == 1 else f"{delta} days apart "
                       f"(time precision {precision})")
    elif same_report:
        date_score = 0.5
        reasons.append("no date in one copy")
    else:
        return Match(0.0, [], "no date")
    # place
    ra, rb = e.row, m.row
    if ra.get("country") and rb.get("country") and ra["country"] != rb["country"]:
        return Match(0.0, [], f"different countries ({ra['country']} / {rb['country']})")
    gp = max(ra.get("geo_precision") or 1, rb.get("geo_precision") or 1)
    have_coords = None not in (ra.get("latitude"), ra.get("longitude"), rb.get("latitude"), rb.get("longitude"))
    same_name = bool(ra.get("location")) and (ra.get("location") or "").lower() == (rb.get("location") or "").lower()
    if have_coords and gp < 3:
        km = haversine_km(ra["latitude"], ra["longitude"], rb["latitude"], rb["longitude"])
        limit = PLACE_KM.get(gp, 10.0)
        if km > limit:
            return Match(0.0, [], f"{km:.0f} km apart ({ra.get('location')} / {rb.get('location')})")
        place_score = 1.0 if km <= 2 or same_name else 1 - 0.5 * km / limit
        reasons.append(f"same place ({ra.get('location')})" if same_name else
                       f"{km:.1f} km apart ({ra.get('location')} / {rb.get('location')})")
    elif ra.get("admin1") and ra.get("admin1") == rb.get("admin1"):
        place_score = 0.4
        reasons.append(f"same region ({ra['admin1']}); one place is known only to the region")
    elif same_report and not (ra.get("admin1") or rb.get("admin1")):
        place_score = 0.4
        reasons.append("no place in one copy")
    else:
        return Match(0.0, [], f"places not comparable ({ra.get('location') or '?'} / {rb.get('location') or '?'})")
    # type
    type_score, why = _type_score(ra, rb)
    if type_score < 0:
        return Match(0.0, [], why)
    reasons.append(why)
    if (ra.get("event_type") or "") != (rb.get("event_type") or ""):
        # different types only merge when they do not name different perpetrators (an ambush and the
        # soldiers' reprisal on civilians the same day are two events)
        pa, pb = ra.get("actor1") or "", rb.get("actor1") or ""
        if pa and pb and not is_unidentified(pa) and not is_unidentified(pb) and not related(pa, pb):
            return Match(0.0, [], f"different types by different perpetrators ({pa} / {pb})")
    actor_score, why = _actor_score(e, m)
    if actor_score < 0:
        return Match(0.0, [], why)
    reasons.append(why)
    score = 0.3 * date_score + 0.3 * place_score + 0.2 * type_score + 0.2 * actor_score
    if same_report:
        score = min(1.0, score + 0.15)
        reasons.append(f"the same report ({e.report_id}) syndicated")
    return Match(round(score, 3), reasons)


# ---------------------------------------------------------------------------------------------------------
# Who claims what: categories of claimants

CATEGORIES = ("party", "officials", "local", "outlet")


@lru_cache(maxsize=8)
def _claimant_words(language: str) -> dict[str, re.Pattern]:
    """The words of a language that tell who a claimant is (`claims.yaml`: claimant_official, ...), each list
    as one pattern of whole words; a language without them (or unknown) is read with the default's."""
    lex = get_lexicon(DEFAULT_LANGUAGE)
    if language in languages() and get_lexicon(language).has("claims", "claimant_party"):
        lex = get_lexicon(language)
    return {kind: re.compile(r"\b(?:" + lex.fragment("claims", f"claimant_{kind}") + r")\b", re.I)
            for kind in ("official", "military", "local", "party")}


@lru_cache(maxsize=4096)
def _actors_named(text: str, language: str) -> tuple[str, ...]:
    """Dictionary ids of the actors a claimant's words name in its language ('Le GSIM' -> jnim)."""
    try:
        from sitrep.actors.dictionary import get_dictionary

        index = get_dictionary(language if language in languages() else DEFAULT_LANGUAGE).index
    except Exception:  # no dictionary: only the names themselves are compared
        return ()
    return tuple(dict.fromkeys(m.value.ref for m in index.find(text) if m.value.kind == "actor"))


def claimant_category(claimant: str, actor_names: list[str], outlet: str = "",
                      language: str = DEFAULT_LANGUAGE) -> str:
    """party (a side in the event), officials, local (residents, witnesses, medics, NGOs) or outlet.

    `language` is the claimant's document's: the same words mean other things in another language (French
    "un" is an article, English "UN" the United Nations)."""
    c = (claimant or "").strip()
    low = c.lower()
    if not c or low in ("the report", outlet.lower()):
        return "outlet"
    keys = {actor_key(n) for n in actor_names if n and not is_unidentified(n)}
    named = [n for n in actor_names if n and not is_unidentified(n)]
    if actor_key(c) in keys or any(related(c, n) for n in named) or any(len(k) > 3 and k in low for k in keys):
        return "party"
    # a claimant named by an alias of the event's actor or of a unit of it ("le GSIM" for JNIM)
    ancestors = _dictionary_ids()[1]
    for ident in _actors_named(c, language):
        if any(ident == actor_identity(n) or ident in lineage(n) or actor_identity(n) in ancestors.get(ident, ())
               for n in named):
            return "party"
    words = _claimant_words(language)
    has_state = any(_STATE.match(actor_key(n)) for n in actor_names)
    if words["military"].search(c) and has_state:
        return "party"
    if words["party"].search(c) and not words["local"].search(c):
        return "party"
    if words["local"].search(c):
        return "local"
    if words["official"].search(c) or words["military"].search(c):
        return "officials"
    return "outlet"


# ---------------------------------------------------------------------------------------------------------
# The store side: candidates, membership, the canonical row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def canonical_id_for(anchor_event_id: str) -> str:
    return "ev_" + hashlib.sha1(anchor_event_id.encode()).hexdigest()[:12]


_CANDIDATE_SQL = ("SELECT e.*, d.rowid AS doc_order, d.url AS doc_url, d.source AS doc_source, d.title AS doc_title, "
                  "d.published AS doc_published, d.language AS doc_language, r.report_id AS report_id, "
                  "r.outlet AS outlet "
                  "FROM events e JOIN documents d ON d.id = e.doc_id "
                  "LEFT JOIN document_reports r ON r.doc_id = e.doc_id ")


def _candidate(row) -> Candidate:
    d = dict(row)
    outlet = d.get("outlet") or outlet_of(d.get("doc_url"), d.get("doc_source"))
    return Candidate(event_id=d["id"], doc_id=d["doc_id"], report_id=d.get("report_id") or d["doc_id"],
                     outlet=outlet, row=d, order=(d.get("doc_order") or 0, d.get("rank") or 0))


def load_event(conn, event_id: str) -> Candidate | None:
    row = conn.execute(_CANDIDATE_SQL + "WHERE e.id = ?", (event_id,)).fetchone()
    return _candidate(row) if row else None


def load_members(conn, canonical_id: str) -> list[Candidate]:
    rows = conn.execute(_CANDIDATE_SQL + "JOIN canonical_members m ON m.event_id = e.id WHERE m.canonical_id = ? "
                        "ORDER BY d.rowid, e.rank", (canonical_id,)).fetchall()
    return [_candidate(r) for r in rows]


def _links(conn, event_ids: list[str], kind: str) -> set[str]:
    out: set[str] = set()
    for eid in event_ids:
        for a, b in conn.execute("SELECT event_a, event_b FROM fusion_links WHERE kind = ? AND (event_a = ? OR "
                                 "event_b = ?)", (kind, eid, eid)):
            out.add(b if a == eid else a)
    return out


def _candidate_canonicals(conn, e: Candidate) -> list[str]:
    ids: list[str] = []
    day = e.day
    if day is not None:
        lo, hi = (day - timedelta(days=31)).isoformat(), (day + timedelta(days=31)).isoformat()
        sql = "SELECT id FROM canonical_events WHERE event_date BETWEEN ? AND ?"
        params: list = [lo, hi]
        if e.row.get("country"):
            sql += " AND (country = ? OR country IS NULL OR country = '')"
            params.append(e.row["country"])
        lat, lon, gp = e.row.get("latitude"), e.row.get("longitude"), e.row.get("geo_precision") or 1
        if lat is not None and lon is not None and gp < 3:
            # only what lies near (or is known only to its region): a big store is not read whole per event
            sql += (" AND (latitude IS NULL OR geo_precision >= 3 OR rowid IN (SELECT rid FROM canonical_rtree "
                    "WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?))")
            params += [lat - 0.5, lat + 0.5, lon - 0.5, lon + 0.5]
        elif e.row.get("admin1"):
            sql += " AND (admin1 = ? OR latitude IS NULL)"
            params.append(e.row["admin1"])
        # in one order on every engine: the first of equally good candidates wins
        ids += [r[0] for r in conn.execute(sql + " ORDER BY event_date, rowid", params)]
    ids += [r[0] for r in conn.execute(
        "SELECT DISTINCT m.canonical_id FROM canonical_members m WHERE m.report_id = ? ORDER BY m.canonical_id",
        (e.report_id,))]
    return list(dict.fromkeys(ids))


def fuse_event(conn, event_id: str) -> tuple[str, Match]:
    """Put one stored event into a canonical event (an existing one it matches, or a new one)."""
    e = load_event(conn, event_id)
    if e is None:
        raise KeyError(event_id)
    current = conn.execute("SELECT canonical_id FROM canonical_members WHERE event_id = ?", (event_id,)).fetchone()
    if current is not None:
        return current[0], Match(1.0, ["already fused"])
    cannot = _links(conn, [event_id], "cannot")
    must = _links(conn, [event_id], "must")
    best: tuple[float, str, Match, str] | None = None
    for cid in _candidate_canonicals(conn, e):
        members = load_members(conn, cid)
        member_ids = {m.event_id for m in members}
        if member_ids & must:
            best = (2.0, cid, Match(1.0, ["merged by an analyst"]), "")
            break
        if member_ids & cannot:
            continue
        if any(m.doc_id == e.doc_id for m in members):
            continue
        for m in members:
            result = match(e, m)
            if result.blocked:
                continue
            rank = result.score + (0.001 if m.report_id == e.report_id else 0.0)  # a copy joins its original
            if result.score >= MERGE_THRESHOLD and (best is None or rank > best[0]):
                best = (rank, cid, result, m.event_id)
    if best is None:
        cid = _new_canonical(conn, e.event_id)
        m = Match(1.0, ["first report of this happening"])
        _add_member(conn, cid, e, m, "")
    else:
        _, cid, m, with_event = best
        _add_member(conn, cid, e, m, with_event)
    recompute(conn, cid)
    return cid, m


def _new_canonical(conn, anchor: str) -> str:
    cid = canonical_id_for(anchor)
    suffix = 1
    while conn.execute("SELECT 1 FROM canonical_events WHERE id = ?", (cid,)).fetchone():
        suffix += 1
        cid = canonical_id_for(f"{anchor}#{suffix}")
    rid = conn.execute("SELECT COALESCE(MAX(rid), 0) + 1 FROM canonical_events").fetchone()[0]
    conn.execute("INSERT INTO canonical_events (rowid, id, rid, anchor_event_id, updated_at) VALUES (?,?,?,?,?)",
                 (rid, cid, rid, anchor, _now()))
    return cid


def _add_member(conn, cid: str, e: Candidate, m: Match, with_event: str) -> None:
    reasons = {"score": m.score, "reasons": m.reasons, "matched": with_event}
    conn.execute("INSERT INTO canonical_members VALUES (?,?,?,?,?,?,?) ON CONFLICT (event_id) DO UPDATE SET "
                 "canonical_id = excluded.canonical_id, doc_id = excluded.doc_id, report_id = excluded.report_id, "
                 "score = excluded.score, reasons = excluded.reasons, added_at = excluded.added_at",
                 (e.event_id, cid, e.doc_id, e.report_id, m.score, json.dumps(reasons), _now()))


def fuse_document(conn, doc_id: str) -> list[tuple[str, str]]:
    """File the document under a report and fuse each of its events. Returns (event_id, canonical_id) pairs."""
    assign_report(conn, doc_id)
    out = []
    for (event_id,) in conn.execute("SELECT id FROM events WHERE doc_id = ? ORDER BY rank", (doc_id,)).fetchall():
        cid, _ = fuse_event(conn, event_id)
        out.append((event_id, cid))
    return out


def pending_documents(conn) -> list[str]:
    """The documents with events in no canonical event yet, in the order they were stored (each document
    without a report is filed under one on the way)."""
    docs = [r[0] for r in conn.execute(
        "SELECT DISTINCT d.id, d.rowid FROM documents d JOIN events e ON e.doc_id = d.id WHERE NOT EXISTS "
        "(SELECT 1 FROM canonical_members m WHERE m.event_id = e.id) ORDER BY d.rowid")]
    docs_without_report = [r[0] for r in conn.execute(
        "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_reports r WHERE r.doc_id = d.id) "
        "ORDER BY d.rowid")]
    for doc_id in docs_without_report:
        if doc_id not in docs:
            assign_report(conn, doc_id)
    return docs


def fuse_pending(conn) -> int:
    """Fuse every stored event that is in no canonical event yet (an old store, a rebuilt one), in the
    caller's transaction (Store.fuse_pending commits in chunks)."""
    return sum(len(fuse_document(conn, doc_id)) for doc_id in pending_documents(conn))


def clear_canonical(conn) -> None:
    """Forget every canonical event (the analyst's links in fusion_links stay)."""
    for table in ("canonical_events", "canonical_members", "canonical_actors", "canonical_claims", "canonical_rtree",
                  "canonical_fts"):
        conn.execute(f"DELETE FROM {table}")


def rebuild(conn) -> int:
    """Forget every canonical event and fuse the whole store again (the analyst's splits and merges hold), in
    the caller's transaction (Store.rebuild_fusion does the same in chunks)."""
    clear_canonical(conn)
    return fuse_pending(conn)


# ---------------------------------------------------------------------------------------------------------
# The canonical row from its members


def _claims_of(conn, members: list[Candidate]) -> None:
    """Attach each member's claims (and, for a one-event report, the report's unattached claims) and evidence."""
    for m in members:
        rows = [dict(r) for r in conn.execute("SELECT * FROM claims WHERE event_id = ? ORDER BY id", (m.event_id,))]
        n_events = conn.execute("SELECT COUNT(*) FROM events WHERE doc_id = ? AND background = 0",
                                (m.doc_id,)).fetchone()[0]
        if n_events <= 1 and not m.row.get("background"):
            rows += [dict(r) for r in conn.execute("SELECT * FROM claims WHERE doc_id = ? AND event_id IS NULL "
                                                   "ORDER BY id", (m.doc_id,))]
        m.claims = rows
        m.evidence = [dict(r) for r in conn.execute("SELECT * FROM evidence WHERE event_id = ? ORDER BY field, start",
                                                    (m.event_id,))]


def _support(m: Candidate, fact: str, actor_names: list[str]) -> tuple[str, str]:
    """(category, claimant) of the voice in which a member's report supports a fact."""
    if fact == "actor1":
        for c in m.claims:
            if c.get("kind") == "responsibility":
                who = c.get("claimant") or ""
                return claimant_category(who, actor_names, m.outlet, m.language), who
    spans = {ev["start"] for ev in m.evidence if ev["field"] in ("event_type", "actors")}
    covering = [c for c in m.claims if c.get("ev_start") in spans
                and c.get("status") in ("claimed", "alleged", "reported", "unverified")]
    if spans and covering and all(any(c.get("ev_start") == s for c in covering) for s in spans):
        c = covering[0]
        who = c.get("claimant") or ""
        return claimant_category(who, actor_names, m.outlet, m.language), who
    return "outlet", m.outlet or m.report_id


def _fact_status(supports: list[tuple[str, str, str]]) -> dict:
    """supports: (independent source key, category, claimant). Confirmed: two independent non-party voices."""
    by_source: dict[str, set[str]] = {}
    claimants: dict[str, set[str]] = {}
    for source, category, claimant in supports:
        by_source.setdefault(source, set()).add(category)
        if claimant:
            claimants.setdefault(category, set()).add(claimant)
    independent_non_party = sum(1 for cats in by_source.values() if cats - {"party"})
    categories = sorted({c for cats in by_source.values() for c in cats}, key=CATEGORIES.index)
    status = "confirmed" if independent_non_party >= 2 else ("claimed" if by_source else "unknown")
    return {"status": status, "sources": len(by_source), "independent": independent_non_party, "by": categories,
            "claimants": {k: sorted(v) for k, v in claimants.items()}}


def _per_report(members: list[Candidate]) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = {}
    for m in members:
        out.setdefault(m.report_id, []).append(m)
    return out


def _source_key(report_members: list[Candidate]) -> str:
    first = report_members[0]
    return first.outlet or first.report_id


def _week(d: date) -> str:
    return (d - timedelta(days=d.weekday())).isoformat()


def _report_figures(ms: list[Candidate], actor_names: list[str]) -> list[tuple[str, str, int, int, int]]:
    """The fatality figures one report gives, each with its voice: (category, claimant, low, best, high).

    A figure inside an attributed sentence ("..., the army said") is that claimant's; a figure in the outlet's
    own sentences is the outlet's (the event's figure from extraction)."""
    out: list[tuple[str, str, int, int, int]] = []
    for m in sorted(ms, key=lambda x: x.order):
        if m.row.get("fatalities_low") is None:
            continue
        spans = [ev["start"] for ev in m.evidence if ev["field"] == "fatalities"]
        covered: set[int] = set()
        for c in m.claims:
            value = json.loads(c.get("value") or "{}")
            if value.get("low") is None or c.get("ev_start") is None:
                continue
            inside = [s for s in spans if c["ev_start"] <= s < (c.get("ev_end") or c["ev_start"] + 1)]
            if not inside or c.get("status") not in ("claimed", "alleged", "reported", "unverified"):
                continue
            covered.update(inside)
            who = c.get("claimant") or ""
            out.append((claimant_category(who, actor_names, m.outlet, m.language), who,
                        int(value["low"]), int(value.get("best") or value["low"]),
                        int(value.get("high") or value["low"])))
        if not spans or set(spans) - covered:
            r = m.row
            out.append(("outlet", m.outlet, int(r["fatalities_low"]), int(r.get("fatalities_best") or
                                                                          r["fatalities_low"]),
                        int(r.get("fatalities_high") or r["fatalities_low"])))
        if out:
            break  # one member (the first with a figure) speaks for a report: its copies say the same
    return out


def compose(members: list[Candidate]) -> tuple[dict, list[tuple[str, str]], list[tuple[str, str, str]], dict]:
    """The canonical row, its actors (name, role), its claims (fact, category, claimant) and the explanation."""
    anchor = members[0]
    reports = _per_report(members)
    # independent sources: outlets of distinct reports
    source_of_report = {rid: _source_key(ms) for rid, ms in reports.items()}

    def best_by(key):
        return sorted(members, key=key)[0]

    # date: the most common day among the most precise members, earliest on a tie
    precise = min((m.row.get("time_precision") or 3) for m in members)
    days = Counter(m.row["event_date"] for m in members if m.row.get("event_date")
                   and (m.row.get("time_precision") or 3) == precise)
    event_date = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if days else None
    date_end = max((m.row.get("date_end") or "" for m in members), default="") or None
    # type: one vote per report (its most confident member), weighted by confidence
    votes: Counter = Counter()
    for ms in reports.values():
        top = max(ms, key=lambda m: m.row.get("confidence") or 0)
        votes[(top.row.get("event_type") or "", top.row.get("sub_event_type") or "")] += top.row.get("confidence") or 0.1
    (event_type, sub_event_type), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0] == (
        anchor.row.get("event_type") or "", anchor.row.get("sub_event_type") or "")))
    # actors: the member that names the most, most confident first
    actor_rep = best_by(lambda m: (-sum(1 for n in m.actors() if not is_unidentified(n)),
                                   -(m.row.get("confidence") or 0), m.order))
    # place: the most precise member
    place_rep = best_by(lambda m: ((m.row.get("geo_precision") or 9) if m.row.get("latitude") is not None else 10,
                                   -(m.row.get("confidence") or 0), m.order))
    actor_names = actor_rep.actors()
    # fatalities: every figure with the voice that gives it; one ACLED figure per report
    figures = []  # (source, category, low, best, high, claimant)
    report_figure: dict[str, int] = {}
    for rid, ms in reports.items():
        found = _report_figures(ms, actor_names)
        for category, claimant, lo, be, hi in found:
            figures.append((source_of_report[rid], category, lo, be, hi, claimant))
        credible_here = [f for f in found if f[0] != "party"]
        if credible_here:
            report_figure[rid] = min(f[2] for f in credible_here)
    party_only = {rid for rid, ms in reports.items() if rid not in report_figure and any(
        f[0] == source_of_report[rid] for f in figures)}
    if figures:
        credible = list(report_figure.values()) or [min(f[2] for f in figures if f[0] == source_of_report[rid])
                                                    for rid in party_only]
        fatalities = min(credible)
        low = min(f[2] for f in figures)
        high = max(f[4] for f in figures)
        best = int(statistics.median_low(credible))
    else:
        fatalities, low, best, high = 0, None, None, None
    # facts
    supports_occ, supports_fat, supports_act = [], [], []
    claims_out: list[tuple[str, str, str]] = []
    for rid, ms in reports.items():
        src = source_of_report[rid]
        m = max(ms, key=lambda x: x.row.get("confidence") or 0)
        cat, who = _support(m, "occurrence", actor_names)
        supports_occ.append((src, cat, who))
        for mm in ms:
            for c in mm.claims:
                category = claimant_category(c.get("claimant") or "", actor_names, mm.outlet, mm.language)
                if c.get("status") in ("claimed", "alleged", "reported", "unverified", "denied"):
                    claims_out.append((c.get("kind") or "statement", category, c.get("claimant") or ""))
        a1 = actor_key(actor_rep.row.get("actor1") or "")
        if a1 and not is_unidentified(actor_rep.row.get("actor1") or ""):
            if any(related(n, actor_rep.row["actor1"]) for mm in ms for n in mm.actors()):
                cat_a, who_a = _support(m, "actor1", actor_names)
                supports_act.append((src, cat_a, who_a))
    for f in figures:
        supports_fat.append((f[0], f[1], f[5]))
    facts = {"occurrence": _fact_status(supports_occ), "fatalities": _fact_status(supports_fat),
             "actor1": _fact_status(supports_act)}
    confirmed = facts["occurrence"]["status"] == "confirmed"
    claimed_by = sorted({c for f in facts.values() for c in f["by"]} | {c[1] for c in claims_out},
                        key=CATEGORIES.index)
    for fact_name, f in facts.items():
        for category, names in f["claimants"].items():
            for n in names:
                claims_out.append((fact_name, category, n))
    for fact_name, f in facts.items():
        for category in f["by"]:
            claims_out.append((fact_name, category, ""))
    status = "confirmed" if confirmed else ("claimed" if any(c in ("party", "officials") for c in
                                                             facts["occurrence"]["by"]) else "reported")
    sources = []
    for rid, ms in reports.items():
        docs = {}
        for m in ms:
            docs.setdefault(m.doc_id, {"doc_id": m.doc_id, "url": m.row.get("doc_url") or "",
                                       "source": m.row.get("doc_source") or "", "title": m.row.get("doc_title") or "",
                                       "published": m.row.get("doc_published") or "",
                                       "language": m.row.get("doc_language") or ""})
        sources.append({"report_id": rid, "outlet": source_of_report[rid], "documents": list(docs.values()),
                        "events": [m.event_id for m in ms]})
    confidences = [max(m.row.get("confidence") or 0 for m in ms) for ms in reports.values()]
    n_sources = len(set(source_of_report.values()))
    confidence = min(0.99, max(confidences) + 0.05 * (n_sources - 1)) if confidences else 0
    notes_rep = best_by(lambda m: (-(m.row.get("confidence") or 0), m.order))
    row = {
        "event_date": event_date, "date_end": date_end, "time_precision": precise if event_date else None,
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": actor_rep.row.get("actor1") or "", "assoc_actor_1": actor_rep.row.get("assoc_actor_1") or "",
        "inter1": actor_rep.row.get("inter1"), "actor2": actor_rep.row.get("actor2") or "",
        "assoc_actor_2": actor_rep.row.get("assoc_actor_2") or "", "inter2": actor_rep.row.get("inter2"),
        "interaction": actor_rep.row.get("interaction"),
        **{k: place_rep.row.get(k) for k in ("country", "admin1", "admin2", "location", "latitude", "longitude",
                                             "geo_precision")},
        "fatalities": fatalities, "fatalities_low": low, "fatalities_best": best, "fatalities_high": high,
        "notes": notes_rep.row.get("notes") or "", "confidence": round(confidence, 3),
        "background": int(all(m.row.get("background") for m in members)),
        "n_documents": len({m.doc_id for m in members}), "n_reports": len(reports), "n_sources": n_sources,
        "confirmed": int(confirmed), "status": status, "claimed_by": ",".join(claimed_by),
        "facts": json.dumps(facts), "sources": json.dumps(sources),
        "month": event_date[:7] if event_date else None,
        "week": _week(date.fromisoformat(event_date)) if event_date else None,
    }
    actors = []
    for role, value in (("actor1", row["actor1"]), ("actor2", row["actor2"])):
        if value:
            actors.append((value, role))
    for role, value in (("assoc_actor_1", row["assoc_actor_1"]), ("assoc_actor_2", row["assoc_actor_2"])):
        actors += [(n, role) for n in _split_names(value)]
    for m in members:  # every name any source gives, so a filter on an actor finds the event
        for n in m.actors():
            if (n, "actor1") not in actors and (n, "actor2") not in actors:
                actors.append((n, "mentioned"))
    explanation = {"figures": [{"source": f[0], "category": f[1], "low": f[2], "best": f[3], "high": f[4],
                                "claimant": f[5]} for f in figures]}
    return row, list(dict.fromkeys(actors)), list(dict.fromkeys(claims_out)), explanation


def recompute(conn, cid: str) -> None:
    """Write the canonical row again from its members; drop it when it has none."""
    members = load_members(conn, cid)
    rid_row = conn.execute("SELECT rid FROM canonical_events WHERE id = ?", (cid,)).fetchone()
    if rid_row is None:
        return
    rid = rid_row[0]
    for table in ("canonical_actors", "canonical_claims"):
        conn.execute(f"DELETE FROM {table} WHERE canonical_id = ?", (cid,))
    conn.execute("DELETE FROM canonical_rtree WHERE rid = ?", (rid,))
    conn.execute("DELETE FROM canonical_fts WHERE rowid = ?", (rid,))
    if not members:
        conn.execute("DELETE FROM canonical_events WHERE id = ?", (cid,))
        return
    _claims_of(conn, members)
    row, actors, claims, explanation = compose(members)
    row["anchor_event_id"] = members[0].event_id
    row["updated_at"] = _now()
    sets = ", ".join(f"{k} = ?" for k in row)
    conn.execute(f"UPDATE canonical_events SET {sets} WHERE id = ?", [*row.values(), cid])
    conn.executemany("INSERT INTO canonical_actors VALUES (?,?,?)", [(cid, n, r) for n, r in actors])
    conn.executemany("INSERT INTO canonical_claims VALUES (?,?,?,?)", [(cid, f, c, w) for f, c, w in claims])
    if row["latitude"] is not None and row["longitude"] is not None:
        conn.execute("INSERT INTO canonical_rtree VALUES (?,?,?,?,?)",
                     (rid, row["latitude"], row["latitude"], row["longitude"], row["longitude"]))
    body = " ".join(filter(None, [row["location"], row["admin1"], row["admin2"], row["country"],
                                  row["event_type"], row["sub_event_type"], *[n for n, _ in actors],
                                  *[m.row.get("notes") or "" for m in members],
                                  *[m.row.get("doc_title") or "" for m in members]]))
    fts_index(conn, "canonical_fts", rid, body)


# ---------------------------------------------------------------------------------------------------------
# The analyst's hand: split and merge, kept as links that later fusion obeys


_LINK_SQL = ("INSERT INTO fusion_links VALUES (?,?,?,?,?) ON CONFLICT (event_a, event_b, kind) DO UPDATE SET "
             "created_at = excluded.created_at, note = excluded.note")


def split(conn, cid: str, event_ids: list[str], note: str = "") -> str:
    """Move `event_ids` out of canonical event `cid` into a canonical event of their own. Returns its id.

    The moved events and those left behind are linked `cannot`: no later fusion or rebuild merges them."""
    members = load_members(conn, cid)
    member_ids = [m.event_id for m in members]
    moving = [e for e in member_ids if e in set(event_ids)]
    missing = set(event_ids) - set(member_ids)
    if missing:
        raise ValueError(f"not members of {cid}: {', '.join(sorted(missing))}")
    staying = [e for e in member_ids if e not in set(moving)]
    if not moving or not staying:
        raise ValueError("a split needs at least one event on each side")
    for a in moving:
        for b in staying:
            conn.execute("DELETE FROM fusion_links WHERE kind = 'must' AND ((event_a = ? AND event_b = ?) OR "
                         "(event_a = ? AND event_b = ?))", (a, b, b, a))
            conn.execute(_LINK_SQL, (a, b, "cannot", _now(), note))
    # the side holding the anchor keeps the id
    anchor = member_ids[0]
    keep, move = (staying, moving) if anchor in staying else (moving, staying)
    new_cid = _new_canonical(conn, move[0])
    for eid in move:
        conn.execute("UPDATE canonical_members SET canonical_id = ?, score = 1.0, reasons = ? WHERE event_id = ?",
                     (new_cid, json.dumps({"score": 1.0, "reasons": ["split off by an analyst" + (f": {note}"
                                                                                                if note else "")],
                                           "matched": ""}), eid))
    recompute(conn, cid)
    recompute(conn, new_cid)
    del keep
    return new_cid


def merge(conn, target: str, other: str, note: str = "") -> str:
    """Join canonical event `other` into `target` (links their events `must`). Returns `target`."""
    a_members = [m.event_id for m in load_members(conn, target)]
    b_members = [m.event_id for m in load_members(conn, other)]
    if not a_members or not b_members:
        raise ValueError("both canonical events must exist")
    for a in a_members:
        for b in b_members:
            conn.execute("DELETE FROM fusion_links WHERE kind = 'cannot' AND ((event_a = ? AND event_b = ?) OR "
                         "(event_a = ? AND event_b = ?))", (a, b, b, a))
            conn.execute(_LINK_SQL, (a, b, "must", _now(), note))
    for eid in b_members:
        conn.execute("UPDATE canonical_members SET canonical_id = ?, score = 1.0, reasons = ? WHERE event_id = ?",
                     (target, json.dumps({"score": 1.0, "reasons": ["merged by an analyst" + (f": {note}" if note
                                                                                            else "")],
                                          "matched": ""}), eid))
    recompute(conn, other)
    recompute(conn, target)
    return target


# ---------------------------------------------------------------------------------------------------------
# Explanations (for `sitrep show` and the API)


def canonical_of(conn, event_or_canonical_id: str) -> str | None:
    if conn.execute("SELECT 1 FROM canonical_events WHERE id = ?", (event_or_canonical_id,)).fetchone():
        return event_or_canonical_id
    row = conn.execute("SELECT canonical_id FROM canonical_members WHERE event_id = ?",
                       (event_or_canonical_id,)).fetchone()
    return row[0] if row else None


def explain(conn, event_or_canonical_id: str) -> dict | None:
    """Why the reports of a canonical event were merged: members, reports, the score and reasons of each."""
    cid = canonical_of(conn, event_or_canonical_id)
    if cid is None:
        return None
    row = dict(conn.execute("SELECT * FROM canonical_events WHERE id = ?", (cid,)).fetchone())
    members = []
    for r in conn.execute("SELECT m.*, d.url, d.source, d.title, r.similarity FROM canonical_members m "
                          "JOIN documents d ON d.id = m.doc_id LEFT JOIN document_reports r ON r.doc_id = m.doc_id "
                          "WHERE m.canonical_id = ? ORDER BY d.rowid", (cid,)):
        why = json.loads(r["reasons"] or "{}")
        members.append({"event_id": r["event_id"], "doc_id": r["doc_id"], "report_id": r["report_id"],
                        "near_duplicate": r["report_id"] != r["doc_id"], "similarity": r["similarity"],
                        "url": r["url"], "source": r["source"], "title": r["title"], "score": r["score"],
                        "matched": why.get("matched", ""), "reasons": why.get("reasons", [])})
    links = []
    ids = [m["event_id"] for m in members]
    for eid in ids:
        for r in conn.execute("SELECT * FROM fusion_links WHERE event_a = ? OR event_b = ? ORDER BY event_a, event_b, "
                              "kind", (eid, eid)):
            links.append({"event_a": r["event_a"], "event_b": r["event_b"], "kind": r["kind"], "note": r["note"],
                          "created_at": r["created_at"]})
    return {"canonical_id": cid, "n_sources": row["n_sources"], "n_reports": row["n_reports"],
            "n_documents": row["n_documents"], "status": row["status"], "facts": json.loads(row["facts"] or "{}"),
            "fatalities": {"acled": row["fatalities"], "low": row["fatalities_low"], "best": row["fatalities_best"],
                           "high": row["fatalities_high"]},
            "members": members, "links": list({(x["event_a"], x["event_b"], x["kind"]): x for x in links}.values())}


def fact_label(fact: dict) -> str:
    if not fact or fact.get("status") == "unknown":
        return "not reported"
    if fact["status"] == "confirmed":
        return f"confirmed by {fact.get('independent', fact['sources'])} independent sources"
    by = ", ".join({"party": "a party to the conflict", "officials": "officials", "local": "local sources",
                    "outlet": "an outlet"}.get(b, b) for b in fact.get("by", []))
    return f"claimed by {by} ({fact['sources']} source{'s' if fact['sources'] != 1 else ''})"


def explain_lines(conn, event_or_canonical_id: str) -> list[str]:
    """Plain lines for a terminal: the canonical event, its facts' status, and why each report was merged."""
    info = explain(conn, event_or_canonical_id)
    if info is None:
        return [f"{event_or_canonical_id}: not fused yet (run `sitrep fusion rebuild`)"]
    f = info["fatalities"]
    lines = [f"canonical event {info['canonical_id']}: {info['n_sources']} independent source(s), "
             f"{info['n_reports']} report(s), {info['n_documents']} document(s); status {info['status']}",
             f"  fatalities {f['acled']} (ACLED: lowest credible figure); low {f['low']}, best {f['best']}, "
             f"high {f['high']}"]
    for name, fact in info["facts"].items():
        lines.append(f"  {name}: {fact_label(fact)}")
    for m in info["members"]:
        dup = f" (near-duplicate of report {m['report_id']}, similarity {m['similarity']:.2f})" \
            if m["near_duplicate"] and m["similarity"] else ""
        matched = f" with {m['matched']}" if m["matched"] else ""
        lines.append(f"  - {m['event_id']} from {m['url'] or m['source'] or m['doc_id']}{dup}: score "
                     f"{m['score']:.2f}{matched}: {'; '.join(m['reasons'])}")
    for link in info["links"]:
        lines.append(f"  analyst {'split' if link['kind'] == 'cannot' else 'merge'}: {link['event_a']} / "
                     f"{link['event_b']}" + (f" ({link['note']})" if link["note"] else ""))
    return lines
