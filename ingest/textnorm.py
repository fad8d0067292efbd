"""Line normalisation shared by the readers: one place decides what Document.text looks like.

Every reader yields (line, tag) pairs; ``join_lines`` normalises them into the one text all spans
index into, and turns tags into named spans (e.g. the markdown title, a law's promulgation block).
"""

from __future__ import annotations

import re

from policykg.ingest.model import Span

# Spaces that Word, HTML (&emsp; &nbsp;) and full-width typing leave behind become plain spaces;
# zero-width marks go. Each is one character to one (or none), so nothing else shifts.
_SPACES = str.maketrans({
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u3000": " ", "\u202f": " ",
    "\u200b": None, "\ufeff": None, "\u200e": None, "\u200f": None, "\u00ad": None,
    "\r": None, "\x0b": " ", "\x0c": None,
})
_WORD_ARTEFACTS = re.compile(r"\[bookmark: [^\]]*\]|\[(?:image|picture): [^\]]*\]")
_RUNS = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# Most lines hold none of the characters _SPACES maps: one search is cheaper than a dict translate.
_ODD_CHARS = re.compile("[" + re.escape("".join(map(chr, _SPACES))) + "]")


def normalise_line(line: str) -> str:
    """One line: odd spaces to plain ones, Word artefacts removed, runs of spaces collapsed, trimmed."""
    if _ODD_CHARS.search(line):
        line = line.translate(_SPACES)
    if "[" in line:
        line = _WORD_ARTEFACTS.sub("", line)
    line = _CONTROL.sub("", line)
    if "  " in line:
        line = _RUNS.sub(" ", line)
    return line.strip(" ")


def join_lines(lines: list[tuple[str, str]]) -> tuple[str, dict[str, Span]]:
    """Join normalised lines, keeping at most one blank line in a row; tags become spans."""
    out: list[str] = []
    marks: dict[str, Span] = {}
    pos = 0
    blank = True  # drops leading blank lines
    for text, tag in lines:
        if not text.strip("\t "):
            if blank:
                continue
            blank = True
            out.append("")
            pos += 1
            continue
        blank = False
        out.append(text)
        if tag:
            prev = marks.get(tag)
            marks[tag] = Span(prev.start if prev else pos, pos + len(text))
        pos += len(text) + 1
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out), marks
