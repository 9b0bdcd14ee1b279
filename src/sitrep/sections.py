"""Long reports parsed in sections: spaCy refuses a text over `nlp.max_length` (E088) and needs memory in
proportion to the text it parses at once, so a text longer than a section is cut at paragraph boundaries
(else sentence ends, else spaces) into sections, each parsed on its own, and the parsed sections are joined
back into one Doc over the whole text: every later stage sees one document with offsets into the whole text.

A report shorter than a section (every news article) is parsed in one piece, exactly as before.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

# Well below spaCy's 1,000,000-character limit, and small enough that the parser's working memory stays
# a few hundred MB whatever the length of the report.
SECTION_CHARS = 100_000

# Where a section may end, best first: after a blank line, after a line break, after a sentence's end, after
# any space. The section ends after the whitespace, so the next one starts on a word.
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def cut_points(text: str, size: int = SECTION_CHARS) -> list[int]:
    """Offsets where `text` is cut into sections of at most `size` characters (the last is len(text))."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = 0
        # Look for a break in the second half of the window first, so sections stay near full size.
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
            if ends:
                cut = ends[-1]
                break
        if cut <= start:  # one unbroken run of characters: cut it where the window ends
            cut = end
        cuts.append(cut)
        start = cut
    cuts.append(len(text))
    return cuts


def sections(text: str, size: int = SECTION_CHARS) -> list[str]:
    """The sections of `text`, joined back they are `text` itself."""
    out = []
    start = 0
    for cut in cut_points(text, size):
        out.append(text[start:cut])
        start = cut
    return out


def parse(nlp, text: str, size: int = SECTION_CHARS) -> Doc:
    """`text` parsed by `nlp` as one Doc: in one piece when it fits in a section, else section by section."""
    if len(text) <= size:
        return nlp(text)
    # One section at a time: a batch of sections would hold the parser's memory for all of them at once.
    docs = list(nlp.pipe(sections(text, size), batch_size=1))
    # The context vectors (`tensor`) are left out: nothing downstream reads them, and on a long report they
    # are the biggest part of the joined Doc.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
