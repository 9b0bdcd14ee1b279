"""Reading inputs into Documents: JSON Lines, plain text, HTML, folders of them, or standard input.

Bad input never stops a batch: each problem becomes an `InputProblem` naming the file and line, and the
caller decides what to print and which exit code to give.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitrep.records import Document

MAX_DOCUMENT_BYTES = 5_000_000  # one news report is never this long; a bigger file is a mistake or a dump
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
# Past these shares a "text" is data, not prose: random bytes read as Windows-1252 are ~12% control codes and
# ~20% symbols; a real report, in any language and either encoding, is well under 1% of each.
MAX_UNPRINTABLE_SHARE = 0.10
MAX_SYMBOL_SHARE = 0.10
_SAMPLE = 100_000  # characters looked at: enough to tell, cheap on a 5 MB file
_PROSE_PUNCTUATION = set(".,;:'\"!?()[]{}-–—…«»‘’“”%/&*#+=@$€£°_<>|~^`\\")


@dataclass
class InputProblem:
    origin: str  # "path:line" or "path"
    message: str
    skipped: bool = True  # False: a warning, the document was still read

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_iso_date(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def unprintable_share(text: str) -> float:
    """Share of control codes, unassigned or private code points and U+FFFD (an undecodable byte) in `text`;
    tabs, newlines and form feeds are text."""
    sample = text[:_SAMPLE]
    bad = sum(1 for c in sample if c == "\ufffd" or (c not in "\t\n\r\f" and unicodedata.category(c)[0] == "C"))
    return bad / len(sample) if sample else 0.0


def _symbol_share(text: str) -> float:
    """Share of characters that are neither letters, digits, spaces nor the punctuation of prose."""
    sample = text[:_SAMPLE]
    odd = sum(1 for c in sample if not (c.isalnum() or c.isspace() or c in _PROSE_PUNCTUATION))
    return odd / len(sample) if sample else 0.0


def _not_text(text: str, guessed_encoding: bool) -> str | None:
    """Why `text` is random or binary data rather than a report, or None. Symbols count only when the bytes were
    not UTF-8: a UTF-8 text full of emoji or box drawing is odd but is text."""
    share = unprintable_share(text)
    if share > MAX_UNPRINTABLE_SHARE:
        return f"{share:.0%} of its characters are control codes or undecodable bytes"
    if guessed_encoding and (share := _symbol_share(text)) > MAX_SYMBOL_SHARE:
        return f"not UTF-8, and as Windows-1252 {share:.0%} of its characters are symbols"
    return None


def _decode(data: bytes, origin: str, problems: list[InputProblem]) -> str | None:
    if not data.strip():
        problems.append(InputProblem(origin, "empty input, nothing to read"))
        return None
    if b"\x00" in data[:8192]:
        problems.append(InputProblem(origin, "looks like a binary file (NUL bytes), not text; skipped"))
        return None
    guessed = False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text, guessed = data.decode("cp1252", errors="replace"), True
        not_utf8 = f"not valid UTF-8 (byte {err.start})"
    if not text.strip():  # only Unicode spaces (no-break, em...) or a byte-order mark: bytes.strip() kept them
        problems.append(InputProblem(origin, "empty input, nothing to read"))
        return None
    why = _not_text(text, guessed)
    if why is not None:
        problems.append(InputProblem(origin, f"looks like random or binary data, not text ({why})"))
        return None
    if guessed:
        problems.append(InputProblem(origin, f"{not_utf8}; read as Windows-1252 instead", skipped=False))
    return text


def _html_to_text(html: str) -> tuple[str, str]:
    """Main text and title of an HTML page (trafilatura, offline)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    title = ""
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        title = meta.title or ""
        if meta.date and text:
            text = f"{meta.date}\n\n{text}" if meta.date not in text[:200] else text
    return text, title


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", value)


def _document_from_json(obj: dict, origin: str, problems: list[InputProblem]) -> Document | None:
    if not isinstance(obj, dict):
        problems.append(InputProblem(origin, "a JSON line must be an object with 'id' and 'text'"))
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(InputProblem(origin, "missing or empty 'text' field"))
        return None
    if (share := unprintable_share(text)) > MAX_UNPRINTABLE_SHARE:
        problems.append(InputProblem(origin, f"'text' is not text: {share:.0%} of its characters are control "
                                             "codes or undecodable bytes"))
        return None
    if _LONE_SURROGATE.search(text):  # "\ud800" escapes: no UTF-8 for them, SQLite and spaCy refuse them
        problems.append(InputProblem(origin, "lone UTF-16 surrogate escapes in 'text' replaced with U+FFFD",
                                     skipped=False))
        text = _without_surrogates(text)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        problems.append(InputProblem(origin, f"'text' is larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB; "
                                             "split it into reports"))
        return None
    doc_id = obj.get("id")
    doc_id = _without_surrogates(str(doc_id)) if doc_id not in (None, "") else content_hash(text)
    published = parse_iso_date(obj.get("published"))
    if obj.get("published") and published is None:
        problems.append(InputProblem(origin, f"'published' {obj.get('published')!r} is not YYYY-MM-DD; "
                                             "looking for the date in the text", skipped=False))
    return Document(
        id=doc_id, text=text, content_hash=content_hash(text), published=published,
        published_from="metadata" if published else "unknown",
        title=_without_surrogates(str(obj.get("title") or "")),
        source=_without_surrogates(str(obj.get("source") or "")),
        url=_without_surrogates(str(obj.get("url") or "")), origin=origin,
    )


def document_from_record(obj: dict, origin: str = "") -> Document:
    """One JSON Lines record as a Document, as `extract` reads it; ValueError says what is wrong."""
    problems: list[InputProblem] = []
    document = _document_from_json(obj, origin or str(obj.get("id", "")), problems)
    if document is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return document


def _read_jsonl_lines(lines: Iterable[bytes], name: str, problems: list[InputProblem]) -> Iterator[Document]:
    seen_a_line = False
    for number, raw_line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not raw_line.strip():
            continue
        seen_a_line = True
        if len(raw_line) > MAX_DOCUMENT_BYTES * 2:
            problems.append(InputProblem(origin, "line longer than 10 MB; skipped"))
            continue
        try:
            line = raw_line.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            problems.append(InputProblem(origin, f"not valid UTF-8 at byte {err.start}; line skipped"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(InputProblem(origin, f"malformed JSON ({err.msg} at column {err.colno}); "
                                                 "line skipped"))
            continue
        doc = _document_from_json(obj, origin, problems)
        if doc is not None:
            yield doc
    if not seen_a_line:  # an empty export is a mistake upstream: say so rather than succeed with nothing
        problems.append(InputProblem(name, "empty input: no JSON lines to read"))


def _read_file(path: Path, problems: list[InputProblem]) -> Iterator[Document]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as err:
        problems.append(InputProblem(name, f"cannot read: {err.strerror}"))
        return
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as fh:
            yield from _read_jsonl_lines(fh, name, problems)
        return
    if size > MAX_DOCUMENT_BYTES:
        problems.append(InputProblem(name, _too_large(size)))
        return
    data = path.read_bytes()
    text = _decode(data, name, problems)
    if text is None:
        return
    title = ""
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and re.search(r"<html|<body|<p>", text[:2000], re.I)):
        text, title = _html_to_text(text)
        if not text.strip():
            problems.append(InputProblem(name, "no article text found in the HTML page"))
            return
    yield Document(id=path.stem, text=text, content_hash=content_hash(text), title=title, origin=name)


def _too_large(size: int) -> str:
    return (f"{size / 1_000_000:.0f} MB is too large for one report (limit {MAX_DOCUMENT_BYTES // 1_000_000} MB); "
            "skipped")


def _read_stdin(problems: list[InputProblem]) -> Iterator[Document]:
    data = sys.stdin.buffer.read()
    if data.lstrip().startswith(b"{"):
        yield from _read_jsonl_lines(data.splitlines(), "<stdin>", problems)
        return
    if len(data) > MAX_DOCUMENT_BYTES:  # one text, as a file: the same limit
        problems.append(InputProblem("<stdin>", _too_large(len(data))))
        return
    text = _decode(data, "<stdin>", problems)
    if text is not None:
        yield Document(id=content_hash(text), text=text, content_hash=content_hash(text), origin="<stdin>")


def iter_input_files(paths: Iterable[str]) -> Iterator[Path | str]:
    """Expand folders (recursively, sorted) into readable files; '-' stays as stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield child
        else:
            yield path


def read_documents(paths: Iterable[str], problems: list[InputProblem]) -> Iterator[Document]:
    """Every document in `paths`, in order; problems are appended to `problems` as they are met."""
    for item in iter_input_files(paths):
        if item == "-":
            yield from _read_stdin(problems)
        elif not Path(item).exists():
            problems.append(InputProblem(str(item), "no such file or folder"))
        else:
            yield from _read_file(Path(item), problems)
