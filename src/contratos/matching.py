"""The checks' token patterns, run only where they can match. spaCy's Matcher tries every pattern at
every token (about 0.4 µs per pattern and token when the pattern tests a word list), so here each
label's patterns get their own Matcher, each pattern knows one word its match must contain (its
anchor) and how far the match reaches around it, and the Matcher runs only on those windows of a
sentence. A pattern with a long wildcard between words ("modificar", up to 12 words, "por escrito")
is matched as its pieces, joined where the gap between them fits: spaCy's Matcher follows every way
of filling such a gap and slows down fast with its length. The matches are exactly the plain
Matcher's over the whole sentence."""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LIKE_NUM, LOWER, NORM, ORTH

# attributes read by the model (not by the tokenizer alone)
MODEL_ATTRS = {"LEMMA", "POS", "TAG", "DEP", "MORPH", "SENT_START"}
_WORD_ATTRS = {"NORM": NORM, "ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA}
_UNBOUNDED = sys.maxsize  # "*", "+", "{n,}": the window runs to the sentence's edges, however long


@dataclass(frozen=True)
class Anchor:
    """A token that a pattern's match must contain: its attribute `attr` is one of `words` (string
    ids) or matches `regex`; or, with attr LIKE_NUM, it looks like a number."""

    attr: int
    words: frozenset[int] = frozenset()
    regex: re.Pattern | None = None


@dataclass(frozen=True)
class Reach:
    """A pattern's anchor and how many tokens of its match can come before and after the anchor."""

    anchor: Anchor
    before: int
    after: int


def _reps(op: str | None) -> tuple[int, int]:
    """How many tokens a pattern token with this operator takes: (at least, at most)."""
    if op in (None, "!"):
        return 1, 1
    fixed = {"?": (0, 1), "*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED)}
    if op in fixed:
        return fixed[op]
    low, comma, high = op.strip("{}").partition(",")
    return int(low or 0), (int(high) if high else _UNBOUNDED) if comma else int(low)


def _anchors_of(token: dict, strings) -> list[Anchor]:
    """What a pattern token says about the word itself, as anchors."""
    out = []
    for key, value in token.items():
        attr = _WORD_ATTRS.get(key.upper())
        if attr is not None and isinstance(value, str):
            out.append(Anchor(attr, frozenset({strings.add(value)})))
        elif attr is not None and isinstance(value, dict) and set(value) == {"IN"}:
            out.append(Anchor(attr, frozenset(strings.add(v) for v in value["IN"])))
        elif attr is not None and isinstance(value, dict) and set(value) == {"REGEX"}:
            if isinstance(value["REGEX"], str):  # not {"REGEX": {"IN": [...]}}, one of several
                out.append(Anchor(attr, regex=re.compile(value["REGEX"])))
        elif key.upper() == "LIKE_NUM" and value is True:
            out.append(Anchor(LIKE_NUM))
    return out


def _frequency(anchor: Anchor, common: frozenset[int]) -> int:
    """How often an anchor is likely to occur: a list of content words rarely, a regex sometimes,
    a list with a function word ("que", "de") often, "any number" most often."""
    if anchor.attr == LIKE_NUM:
        return 3
    if anchor.regex is not None:
        return 1
    return 2 if anchor.words & common else 0


def reach_of(pattern: list[dict], strings, common: frozenset[int] = frozenset()) -> Reach | None:
    """The best anchor of a pattern (the least frequent kind, then the narrowest window), or None
    when no token that must occur reads a word form (the pattern then runs on the whole sentence).
    `common`: string ids of function words."""
    reps = [_reps(token.get("OP")) for token in pattern]
    options = []
    for index, token in enumerate(pattern):
        if token.get("OP") == "!" or reps[index][0] < 1:
            continue  # a negated or optional token need not occur
        before, after = sum(r[1] for r in reps[:index]), sum(r[1] for r in reps[index + 1:])
        options.extend(Reach(anchor, before, after) for anchor in _anchors_of(token, strings))
    if not options:
        return None
    return min(options, key=lambda r: (_frequency(r.anchor, common), r.before + r.after))


# a wildcard of at least this many words between two pieces of a pattern is matched by joining the pieces
_SPLIT_GAP = 3


def _required(token: dict) -> bool:
    """The token must match at least one word (it is neither optional nor negated)."""
    return token.get("OP") != "!" and _reps(token.get("OP"))[0] >= 1


def _gap(token: dict) -> tuple[int, int] | None:
    """(at least, at most) words of a bounded wildcard token ({"OP": "{0,8}"}), else None."""
    op = token.get("OP")
    if set(token) != {"OP"} or not isinstance(op, str) or not op.startswith("{"):
        return None
    low, high = _reps(op)
    return (low, high) if _SPLIT_GAP <= high < _UNBOUNDED else None


def split_at_gaps(pattern: list[dict]) -> tuple[list[list[dict]], list[tuple[int, int]]]:
    """The pieces of a pattern between its long bounded wildcards, and the (min, max) words of each
    wildcard. Each piece has a word it must match; a wildcard next to a piece without one stays in it."""
    pieces: list[list[dict]] = [[]]
    gaps: list[tuple[int, int]] = []
    for token in pattern:
        gap = _gap(token)
        if gap is not None and any(map(_required, pieces[-1])):
            gaps.append(gap)
            pieces.append([])
        else:
            pieces[-1].append(token)
    # a last piece without a required word goes back into the one before it, with its wildcard
    while len(pieces) > 1 and not any(map(_required, pieces[-1])):
        low, high = gaps.pop()
        tail = pieces.pop()
        pieces[-1] += [{"OP": f"{{{low},{high}}}"}] + tail
    return pieces, gaps


def _joined(first: set[tuple[int, int]], rest: list[tuple[tuple[int, int], dict[int, list[int]]]]) -> set:
    """Spans (start, end) made of a match of the first piece and, for each later piece, a match that
    starts between `min` and `max` words after the previous one ends."""
    spans = first
    for (low, high), ends_by_start in rest:
        spans = {(start, end2) for start, end in spans for gap in range(low, high + 1)
                 for end2 in ends_by_start.get(end + gap, ())}
        if not spans:
            break
    return spans


@dataclass
class Group:
    """The patterns of one label that read the same depth of analysis, in their own Matcher."""

    key: str  # "check.LABEL"
    matcher: object  # spacy Matcher: the whole patterns under `key`, the pieces of split ones under their own ids
    spots: list[tuple[int, int, int] | None]  # per pattern (anchor id, before, after); None: no anchor
    needs_model: bool  # it reads lemmas or tags: only for sentences the model has analysed
    anchored: frozenset[int] | None = None  # the ids of its anchors; None: a pattern runs everywhere
    # per split pattern: the match ids of its pieces and the (min, max) words between them
    split: list[tuple[list[int], list[tuple[int, int]]]] = field(default_factory=list)
    matcher_key: int = 0  # the match id of the whole patterns (the string id of `key`)

    def __post_init__(self):
        if all(spot is not None for spot in self.spots):
            self.anchored = frozenset(spot[0] for spot in self.spots)

    def spans(self, window) -> set[tuple[int, int]]:
        """The (start, end) of every match of the label's patterns in `window` (a Span)."""
        found = self.matcher(window)
        if not self.split:
            return {(s, e) for _, s, e in found}
        whole = self.matcher_key
        spans = {(s, e) for key, s, e in found if key == whole}
        pieces: dict[int, list[tuple[int, int]]] = {}
        for key, s, e in found:
            if key != whole:
                pieces.setdefault(key, []).append((s, e))
        for ids, gaps in self.split:
            if all(i in pieces for i in ids):
                rest = []
                for i, gap in zip(ids[1:], gaps):
                    ends_by_start: dict[int, list[int]] = {}
                    for s, e in pieces[i]:
                        ends_by_start.setdefault(s, []).append(e)
                    rest.append((gap, ends_by_start))
                spans |= _joined(set(pieces[ids[0]]), rest)
        return spans


class PatternSet:
    """All the checks' patterns, by check id, as anchored groups."""

    def __init__(self, vocab, specs, validate: bool = False):
        from spacy.lang.es.stop_words import STOP_WORDS
        from spacy.matcher import Matcher

        from .textnorm import fold

        self.strings = vocab.strings
        common = frozenset(self.strings.add(fold(word)) for word in STOP_WORDS)
        # anchors are numbered (hashing the dataclass at every token would cost more than the lookups)
        self.anchor_ids: dict[Anchor, int] = {}
        self.groups: dict[str, list[Group]] = {}
        for spec in specs:
            groups = self.groups[spec.id] = []
            for label, patterns in spec.labels.items():
                for needs_model in (False, True):
                    chosen = [p for p in patterns if _reads_model(p) == needs_model]
                    if chosen:
                        key = f"{spec.id}.{label}"
                        matcher = Matcher(vocab, validate=validate)
                        whole, split = [], []
                        for n, pattern in enumerate(chosen):
                            pieces, gaps = split_at_gaps(pattern)
                            if not gaps:
                                whole.append(pattern)
                                continue
                            ids = []
                            for k, piece in enumerate(pieces):
                                matcher.add(f"{key}#{n}.{k}", [piece])
                                ids.append(self.strings.add(f"{key}#{n}.{k}"))
                            split.append((ids, gaps))
                        if whole:
                            matcher.add(key, whole)
                        spots = [self._spot(reach_of(p, self.strings, common)) for p in chosen]
                        groups.append(Group(key, matcher, spots, needs_model, split=split,
                                            matcher_key=self.strings.add(key)))
        self.anchors = list(self.anchor_ids)
        self.attrs = sorted({a.attr for a in self.anchors} - {LIKE_NUM})
        self._by_word = defaultdict(list)  # (attr, string id) -> ids of the anchors with that word
        self._regexes: dict[int, list[tuple[int, re.Pattern]]] = defaultdict(list)  # attr -> (id, regex)
        for i, anchor in enumerate(self.anchors):
            for word in anchor.words:
                self._by_word[anchor.attr, word].append(i)
            if anchor.regex is not None:
                self._regexes[anchor.attr].append((i, anchor.regex))
        self._seen: dict[int, dict[int, tuple[int, ...]]] = {attr: {} for attr in self.attrs}

    def _spot(self, reach: Reach | None) -> tuple[int, int, int] | None:
        if reach is None:
            return None
        return self.anchor_ids.setdefault(reach.anchor, len(self.anchor_ids)), reach.before, reach.after

    def _anchors_for(self, attr: int, value: int) -> tuple[int, ...]:
        """The ids of the anchors a word satisfies, worked out the first time the word is seen. An
        absent value (0: a lemma folded to nothing) is the empty string, as spaCy's REGEX reads it."""
        text = self.strings[value] if value else ""
        return tuple(self._by_word.get((attr, value), ())) + tuple(
            i for i, regex in self._regexes.get(attr, ()) if regex.search(text))

    def _positions(self, doc, tagged: bool) -> dict[int, list[int]]:
        """Where each anchor occurs in the sentence (token indices), in one pass over its tokens."""
        attrs = [a for a in self.attrs if tagged or a != LEMMA]
        positions: dict[int, list[int]] = defaultdict(list)
        if not len(doc):
            return positions
        # one column per attribute (to_array returns a flat array when asked for only LIKE_NUM)
        columns = doc.to_array(attrs + [LIKE_NUM]).reshape(len(doc), -1).T.tolist()
        for attr, column in zip(attrs, columns):
            seen = self._seen[attr]
            found = [seen.get(value) for value in column]  # most words are known and anchor nothing
            for i, ids in enumerate(found):
                if ids is None:
                    ids = seen[column[i]] = self._anchors_for(attr, column[i])
                for anchor_id in ids:
                    positions[anchor_id].append(i)
        number = self.anchor_ids.get(Anchor(LIKE_NUM))
        if number is not None:
            positions[number] = [i for i, value in enumerate(columns[-1]) if value]
        return positions

    def matches(self, doc, check_ids) -> dict[str, list]:
        """The spans of every label of `check_ids` in `doc`, by "check.LABEL"."""
        tagged = doc.has_annotation("LEMMA")
        positions = self._positions(doc, tagged)
        found: dict[str, list] = {}
        for check_id in check_ids:
            for group in self.groups[check_id]:
                if group.needs_model and not tagged:
                    continue
                if group.anchored is not None and group.anchored.isdisjoint(positions):
                    continue  # none of its anchors is in the sentence: no pattern can match
                spans = set()
                for start, end in _windows(group.spots, positions, len(doc)):
                    spans.update((start + s, start + e) for s, e in group.spans(doc[start:end]))
                if spans:
                    found.setdefault(group.key, []).extend(doc[s:e] for s, e in sorted(spans))
        return found


def _windows(spots: list[tuple[int, int, int] | None], positions: dict, length: int) -> list[tuple[int, int]]:
    """The token ranges where some pattern can match, merged where they overlap."""
    ranges = []
    for spot in spots:
        if spot is None:
            return [(0, length)]
        anchor_id, before, after = spot
        ranges.extend((max(0, i - before), min(length, i + after + 1)) for i in positions.get(anchor_id, ()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _reads_model(pattern: list[dict]) -> bool:
    return any(MODEL_ATTRS & {key.upper() for key in token} for token in pattern)
