"""Where a filing says why its figures moved: Management's Discussion and Analysis (MD&A)
and the segment note, found by their headings in the filing's page text (`filing_pages`).

The MD&A is "Item 7. Management's Discussion and Analysis ..." in a 10-K, up to the next
item ("Item 7A", "Item 8"), and "Item 2. Management's Discussion ..." in a 10-Q, up to
"Item 3" or "Item 4". A heading is a line of its own that starts with the item and its
punctuation ("Item 7.", "ITEM 2 -"): a running page header ("Item 7") has no title and a
reference in a sentence ("Item 8 of this Form 10-K") no punctuation, so neither counts.
The table of contents names the same items, so a heading is taken for a contents entry
when it carries a page number, or when its section is only a few lines before the next
item's heading. A heading repeated at the top of every page of the section (some filers
print one) does not end it: only another item's heading does. The part may stand on the
item's line ("PART I — ITEM 2."). A 10-K whose Item 7 only points to the annual report
prints the MD&A under its title alone: then that title starts it, and the next item or
the section that follows an MD&A (market risk, the financial statements) ends it.

The segment note is the note titled "Segment Information", "Segment Reporting",
"Segments" (with a note number, "Note 7." or "12."), up to the next note or item.
No rule names a company: the evaluation runs on filings these rules were never tuned on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# What ends the MD&A of each item: 7A/8 in a 10-K, 3/4 in a 10-Q (any other item too).
MDNA_ITEMS = {"7": ("7A", "8"), "2": ("3", "4")}
# "Part I, Item 2." and "PART I — ITEM 2." put the part on the item's line.
_ITEM = re.compile(r"^(?:part\s+[ivx]{1,3}\s*[.,:\-–—]*\s*)?item\s*(?P<item>\d{1,2}[a-c]?)\s*"
                   r"(?:[.:\-–—]+\s*|\s+(?=(?-i:[A-Z])))(?P<title>.*)$", re.IGNORECASE)
# What follows the MD&A where no item heading says so: a 10-K that incorporates its MD&A
# from the annual report prints it under its title alone, followed by these sections.
_AFTER_MDNA = re.compile(r"^(?:quantitative\s+and\s+qualitative\s+disclosures?\s+about\s+market\s+risk|"
                         r"financial\s+statements\s+and\s+supplementary\s+data|controls\s+and\s+procedures|"
                         r"report\s+of\s+independent\s+registered\s+public\s+accounting\s+firm)\b", re.IGNORECASE)
_MDNA_TITLE = re.compile(r"^management['’`]?s?\s+discussion\s+and\s+analysis\b(?P<rest>.*)$", re.IGNORECASE)
# What may follow "... Discussion and Analysis" in the title itself; more is a sentence.
_TITLE_WORDS = re.compile(r"(?:\s*(?:of|the|financial|condition|and|results|operations|\(md&a\)|[,.;:]))*"
                          r"\s*(?P<page>\d{1,3})?\s*", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}$", re.IGNORECASE)
# "Note 7. Segment Information", "NOTE 20: OPERATING SEGMENTS", "12. Segments", or "NOTE 2"
# with the title on the next line.
_NOTE = re.compile(r"^(?:note\s*\d{1,2}\b\s*[.:\-–—)]?|\d{1,2}\s*[.:\-–—)])\s*(?P<title>\S.*)?$", re.IGNORECASE)
# A note title with "segment(s)" among its first words ("Segment Information", "Operating
# Segments", "Disclosures about Segments and Related Information"), short, no page number.
_SEGMENT_TITLE = re.compile(r"^(?:[\w,&-]+\s+){0,3}segments?\b(?:\s+[\w,&-]+){0,6}\s*:?$", re.IGNORECASE)
_TRAILING_PAGE = re.compile(r"\s\d{1,3}$")
CONTENTS_LINES = 5  # a section this short before the next item is a contents entry
NOTE_PAGES = 3  # a segment note longer than this has lost its end: keep its first pages


@dataclass(frozen=True)
class Place:
    """A line of the filing: 1-based page, 0-based line among the page's non-empty lines."""

    page: int
    line: int


@dataclass(frozen=True)
class Section:
    """A located part of the filing: from its heading up to (not including) `end`."""

    name: str
    heading: str
    start: Place
    end: Place

    @property
    def pages(self) -> tuple[int, ...]:
        last = self.end.page if self.end.line > 0 else self.end.page - 1
        return tuple(range(self.start.page, max(last, self.start.page) + 1))


@dataclass(frozen=True)
class Heading:
    place: Place
    item: str  # "7", "7A", "2"; for a note, "note"
    title: str
    text: str


def page_lines(pages: Sequence[str]) -> list[list[str]]:
    """Each page's non-empty lines, stripped, whitespace collapsed."""
    return [[" ".join(line.split()) for line in text.splitlines() if line.strip()] for text in pages]


def item_headings(lines: Sequence[Sequence[str]]) -> list[Heading]:
    """Every "Item N." heading, in reading order; a title printed on the next line
    ("Item 2." then "MANAGEMENT'S DISCUSSION ...") is taken from there."""
    return _headings(lines, _ITEM, 300, lambda match: match.group("item").upper())


def _headings(lines: Sequence[Sequence[str]], pattern: re.Pattern[str], longest: int,
              item: Callable[[re.Match[str]], str]) -> list[Heading]:
    """The lines `pattern` matches (no longer than `longest`: a heading is short), each
    with its title, from the next line when its own carries none."""
    found = []
    for page, own in enumerate(lines, start=1):
        for i, line in enumerate(own):
            match = pattern.match(line)
            if match and len(line) <= longest:
                title = match.group("title") or (own[i + 1] if i + 1 < len(own) else "")
                found.append(Heading(Place(page, i), item(match), title.strip(), line))
    return found


def locate_mdna(pages: Sequence[str]) -> Section | None:
    """The MD&A, or None when the filing has none that these rules can find (an
    earnings release has none)."""
    lines = page_lines(pages)
    headings = item_headings(lines)
    starts = [h for h in headings if h.item in MDNA_ITEMS and _is_title(h.title)]
    sections = [(Section("MD&A", h.text, h.place, _end_of_item(h, headings, lines)), h) for h in starts]
    kept = [s for s, h in sections if not _is_contents(s, h, lines)]
    expected = [s for s in kept if _ends_as_expected(s, headings)]
    chosen = expected or kept or _titled_mdna(lines, headings)
    return chosen[0] if chosen else None


def _titled_mdna(lines: Sequence[Sequence[str]], headings: Sequence[Heading]) -> list[Section]:
    """The MD&A under its title alone, with no item heading (an annual report's MD&A that
    the 10-K's Item 7 incorporates by reference): up to the next item heading or the
    section that follows an MD&A; contents entries passed over as for an item."""
    found = []
    for page, own in enumerate(lines, start=1):
        for i, line in enumerate(own):
            if len(line) <= 200 and _is_title(line):
                heading = Heading(Place(page, i), "MD&A", line, line)
                section = Section("MD&A", line, heading.place, _end_of_titled(heading.place, headings, lines))
                if not _is_contents(section, heading, lines):
                    found.append(section)
    return found[:1]


def _end_of_titled(start: Place, headings: Sequence[Heading], lines: Sequence[Sequence[str]]) -> Place:
    here = (start.page, start.line)
    ends = [h.place for h in headings if (h.place.page, h.place.line) > here]
    ends += [Place(page, i) for page, own in enumerate(lines, start=1) for i, line in enumerate(own)
             if (page, i) > here and _AFTER_MDNA.match(line)]
    return min(ends, key=lambda p: (p.page, p.line), default=_end(lines))


def _is_title(title: str) -> bool:
    """The heading's words are the MD&A's title (a sentence would run on)."""
    return _title_rest(title) is not None


def _title_rest(title: str) -> re.Match[str] | None:
    """What follows "... Discussion and Analysis" when it is title words only (and
    perhaps a contents page number); None for anything else."""
    match = _MDNA_TITLE.match(title)
    return _TITLE_WORDS.fullmatch(match.group("rest")) if match else None


def _end_of_item(heading: Heading, headings: Sequence[Heading], lines: Sequence[Sequence[str]]) -> Place:
    """Where the next heading of another item starts; the end of the filing if none."""
    later = (h for h in headings if (h.place.page, h.place.line) > (heading.place.page, heading.place.line))
    return next((h.place for h in later if h.item != heading.item), _end(lines))


def _end(lines: Sequence[Sequence[str]]) -> Place:
    return Place(len(lines) + 1, 0)


def section_lines(section: Section, lines: Sequence[Sequence[str]]) -> list[tuple[int, str]]:
    """(page, line) of every line after the section's heading and before its end."""
    out = []
    for page in range(section.start.page, min(section.end.page, len(lines)) + 1):
        own = lines[page - 1]
        first = section.start.line + 1 if page == section.start.page else 0
        last = section.end.line if page == section.end.page else len(own)
        out += [(page, line) for line in own[first:last]]
    return out


def _is_contents(section: Section, heading: Heading, lines: Sequence[Sequence[str]]) -> bool:
    """A contents entry: a page number after the title or on the line after it, or a
    section of only a few lines (the next item's entry follows at once)."""
    body = [text for _, text in section_lines(section, lines)]
    rest = _title_rest(heading.title)
    after = [t for t in body[:2] if not _MDNA_TITLE.match(t) and not t.lower().startswith("of ")]
    numbered = bool(rest and rest.group("page")) or bool(after and _PAGE_NUMBER.match(after[0]))
    return numbered or len([t for t in body if not _PAGE_NUMBER.match(t)]) < CONTENTS_LINES


def _ends_as_expected(section: Section, headings: Sequence[Heading]) -> bool:
    start_item = next((h.item for h in headings if h.place == section.start), "")
    ending = next((h.item for h in headings if h.place == section.end), None)
    return ending is None or ending in MDNA_ITEMS.get(start_item, ())


def locate_segment_note(pages: Sequence[str]) -> Section | None:
    """The note titled "Segment Information" (or "Segment Reporting", "Segments"), up to
    the next note or the next item (a running header repeating the heading of the item
    the note is in does not end it), at most `NOTE_PAGES` pages; a contents entry (a page number, or a few
    lines) is passed over."""
    lines = page_lines(pages)
    notes = _note_headings(lines)
    items = item_headings(lines)
    for note in notes:
        if not _SEGMENT_TITLE.match(note.title) or _TRAILING_PAGE.search(note.title) or _paged(note, lines):
            continue
        within = _item_at(note.place, items)
        ends = [*notes, *(h for h in items if h.text.casefold() != within)]
        section = Section("segment note", note.text, note.place, _next_after(note, ends, lines))
        if len([t for _, t in section_lines(section, lines) if not _PAGE_NUMBER.match(t)]) >= CONTENTS_LINES:
            return _capped(section)
    return None


def _paged(heading: Heading, lines: Sequence[Sequence[str]]) -> bool:
    """A contents entry: the line after the heading's title is a page number."""
    own = lines[heading.place.page - 1]
    after = heading.place.line + (1 if heading.text.endswith(heading.title) else 2)
    return after < len(own) and _PAGE_NUMBER.match(own[after]) is not None


def _item_at(place: Place, items: Sequence[Heading]) -> str | None:
    """The heading of the item a line sits in (the last before it), as running headers
    repeat it."""
    before = [h for h in items if (h.place.page, h.place.line) < (place.page, place.line)]
    return before[-1].text.casefold() if before else None


def _note_headings(lines: Sequence[Sequence[str]]) -> list[Heading]:
    return _headings(lines, _NOTE, 120, lambda match: "note")


def _next_after(heading: Heading, headings: Sequence[Heading], lines: Sequence[Sequence[str]]) -> Place:
    here = (heading.place.page, heading.place.line)
    later = sorted((h.place.page, h.place.line) for h in headings if (h.place.page, h.place.line) > here)
    return Place(*later[0]) if later else _end(lines)


def _capped(section: Section) -> Section:
    if section.end.page - section.start.page < NOTE_PAGES:
        return section
    return Section(section.name, section.heading, section.start, Place(section.start.page + NOTE_PAGES, 0))
