"""Where the parts of a paying-in, a payment run or a split payment are looked for: the
free lines by reference number, by payee word and by day and size."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal

from month_end_close.reconcile.classify import bank_item
from month_end_close.reconcile.text import name_words, references, words_within
from month_end_close.records import BankLine, LedgerLine

# How strongly a line carrying the whole's reference number is named: above any count of
# words in common.
BY_NUMBER = 100


class PartsIndex:
    """Candidate parts by reference number, by payee word, and by sign and day with each
    day's lines sorted by size, so the lines smaller than a whole are found without
    walking past the larger ones (a busy day has thousands). A bank's own charges,
    interest and returns are never parts."""

    def __init__(self, lines, parts_name_whole: bool = False) -> None:
        # Bank lines that split a book payment name its payee; receipts a paying-in is
        # made of do not name the bank's wording of the paying-in.
        self.parts_name_whole = parts_name_whole
        self.seen: set[str] = set()  # the lines handed out since it was last emptied
        self.strength: dict[str, int] = {}  # how strongly the last whole asked about named each line
        self._kinds: dict = {}
        lines = sorted((l for l in lines if bank_item(l.description) is None), key=lambda l: (l.date, l.id))
        self._by_reference: dict[str, list] = {}
        self._by_word: dict[str, list] = {}
        self._days: dict[tuple[bool, int], tuple[list[Decimal], list]] = {}
        for line in lines:
            for ref in references(line.description, line.reference):
                self._by_reference.setdefault(ref, []).append(line)
            for word in name_words(line.description):
                self._by_word.setdefault(word, []).append(line)
            self._days.setdefault((line.amount > 0, line.date.toordinal()), ([], []))[1].append(line)
        for sizes, day in self._days.values():
            day.sort(key=lambda l: (abs(l.amount), l.id))
            sizes.extend(abs(l.amount) for l in day)
        # A word on a good part of the lines is a kind of payment or a place, not a payee.
        common = max(_COMMON_WORD, len(lines) // _COMMON_SHARE)
        self._by_word = {w: found for w, found in self._by_word.items() if len(found) <= common}
        self._word_days = {w: [l.date.toordinal() for l in found] for w, found in self._by_word.items()}

    def named(self, start, end, whole, free: dict) -> list:
        """Free lines anywhere in the window that the whole names: they carry one of its
        reference numbers (a paying-in slip's), their payee is named in its description
        (a payment run listing its payees), or they name its payee (a payment the bank
        made in parts). A busy window's nearest lines may not include them."""
        strength: dict[str, tuple[int, BankLine | LedgerLine]] = {}
        for ref in references(whole.description, whole.reference):
            for line in self._by_reference.get(ref, ()):
                if start <= line.date <= end:
                    strength[line.id] = (BY_NUMBER, line)
        mine = name_words(whole.description)
        for word in mine:
            for line in self._with_word(word, start, end):
                theirs = name_words(line.description)
                if line.id not in strength and (self.parts_name_whole or words_within(theirs, mine)):
                    strength[line.id] = (len(mine & theirs), line)
        # The most strongly named first: a busy window has many lines sharing one word.
        self.strength.update((line_id, score) for line_id, (score, _) in strength.items())
        ranked = sorted(strength.values(), key=lambda pair: (-pair[0], abs((pair[1].date - whole.date).days),
                                                              pair[1].id))
        found = [line for _, line in ranked if line.id in free and part_of(line, whole)]
        self.seen.update(line.id for line in found)
        return found

    def _with_word(self, word: str, start, end) -> list:
        """The lines naming `word` dated from `start` to `end` (each word's lines are in
        date order)."""
        days = self._word_days.get(word)
        if not days:
            return []
        return self._by_word[word][bisect_left(days, start.toordinal()):bisect_right(days, end.toordinal())]

    def _is(self, kind, line) -> bool:
        """`kind(line.description)`, remembered: the rounds ask it of the same lines again."""
        answers = self._kinds.setdefault(kind, {})
        if line.id not in answers:
            answers[line.id] = kind(line.description)
        return answers[line.id]

    def nearest(self, start, end, whole, free: dict, limit: int, kind=None) -> list:
        """Up to `limit` free lines of the whole's sign and smaller size dated from
        `start` to `end`, the days nearest the whole's date first."""
        centre, sign, size = whole.date.toordinal(), whole.amount > 0, abs(whole.amount)
        days = sorted(range(start.toordinal(), end.toordinal() + 1), key=lambda d: (abs(d - centre), -d))
        found: list = []
        for day in days:
            sizes, lines = self._days.get((sign, day), _EMPTY_DAY)
            smaller = lines[:bisect_left(sizes, size)]
            if kind is None:
                found += [l for l in smaller if l.id in free]
            else:
                found += [l for l in smaller if l.id in free and self._is(kind, l)]
            if len(found) >= limit:
                found = found[:limit]
                break
        self.seen.update(line.id for line in found)
        return found


# A word on more lines than this, and on more than one line in this many, names no one
# payee ("bill" in BILL PAYMENT, a branch's town).
_COMMON_WORD = 64
_COMMON_SHARE = 50
_EMPTY_DAY: tuple[list, list] = ([], [])


def part_of(line, whole) -> bool:
    """Of the whole's sign and smaller: a line that could be one of its parts."""
    return (line.amount > 0) == (whole.amount > 0) and abs(line.amount) < abs(whole.amount)
