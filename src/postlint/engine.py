"""Compiled rules, run over one post: hits become findings in the original text's terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .finding import Finding, Span, fingerprint, sort_key
from .kinds import KINDS, Check, Hit
from .matching import phrase_words
from .packs.schema import Pack, Rule
from .post import Post
from .prefilter import Prefilter
from .redact import mask
from .scopes import negated, sentence_at, written_as_name
from .textmodel import LineIndex
from .vocabulary import SEVERITY_RANK

# How precisely a kind says what is wrong with the words it flags, for the overlap policy:
# a `near` rule needs its context as well as the words; word and phrase kinds name the words;
# sentiment, metric and length rules speak for a whole sentence or post.
KIND_SPECIFICITY = {"near": 0, "pattern": 1, "regex": 1, "terms": 1, "entity": 1,
                    "metric": 2, "sentiment": 2, "length": 2}
WHOLE_TEXT = 2

Kept = list[tuple[int, int, Hit]]  # one rule's hits in a post: (start, end, hit), in order


@dataclass
class CompiledRule:
    rule: Rule
    check: Check
    skipped: str | None = None  # why the rule does not run with this pipeline
    platforms: frozenset[str] | None = None  # the check's platforms, read once


class RuleSet:
    """All rules of the chosen packs, compiled once and run on many posts."""

    def __init__(self, packs: Iterable[Pack], capabilities: frozenset[str] = frozenset(),
                 allow: Iterable[str] = ()):
        self.packs = list(packs)
        self.compiled: list[CompiledRule] = []
        for pack in self.packs:
            for rule in pack.rules:
                check = KINDS[rule.kind](rule.params)
                missing = check.needs - capabilities
                skipped = f"needs a pipeline with {', '.join(sorted(missing))}" if missing else None
                self.compiled.append(CompiledRule(rule, check, skipped, check.platforms()))
        self.active = [c for c in self.compiled if c.skipped is None]
        self.prefilter = Prefilter([c.check for c in self.active])
        self.allow = {" ".join(phrase_words(a)) for a in allow if a.strip()}
        # One string per rule: findings share it (and pickle it once per --jobs chunk).
        self._why = self._whys()

    def _whys(self) -> dict[int, str]:
        return {id(c.rule): " ".join(c.rule.why.split()) for c in self.compiled}

    def __setstate__(self, state: dict) -> None:
        # Read back from the compiled-pack cache: the rules are new objects, so the table
        # keyed by their identity is made again.
        self.__dict__.update(state)
        self._why = self._whys()

    @property
    def rules(self) -> list[Rule]:
        return [c.rule for c in self.compiled]

    def run_many(self, posts: Iterable[Post], merge_overlaps: bool = True
                 ) -> Iterator[list[Finding]]:
        """``run(post)`` for each post, in order, with the regex part of the prefilter run
        over all of them first (:meth:`Prefilter.regex_atoms_many`: the same candidates,
        found faster).

        Each post is let go as soon as its findings are made, so that what it builds while
        its rules run (its words, phrase matches, sentiment readings) is freed before the
        next post, as when posts are run one at a time: kept alive to the end of a batch of
        256, those objects made the cyclic collector's full passes six times as many.
        """
        batch = list(posts)
        prefilter = self.prefilter
        atoms = prefilter.regex_atoms_many(batch)
        for i, post in enumerate(batch):
            batch[i] = None
            yield self.run(post, merge_overlaps, prefilter.candidates(post, atoms[i]))

    def run(self, post: Post, merge_overlaps: bool = True,
            candidates: list[int] | None = None) -> list[Finding]:
        """The findings of every active rule on ``post``: one per rule, ordered.

        A rule that matches several places gives one finding whose first span is its own
        and whose other spans are ``related``; overlapping hits of one rule count once.
        With ``merge_overlaps`` (the default), words that several rules of one category
        flag are reported once, by the strongest of them (:func:`merge_overlapping`);
        ``postlint test-rules`` turns it off to test each rule on its own. ``candidates``
        are the prefilter's answer for ``post`` when it was worked out already.
        """
        matched: list[tuple[Rule, Kept]] = []
        active = self.active
        if candidates is None:
            candidates = self.prefilter.candidates(post)
        for n in candidates:
            compiled = active[n]
            rule = compiled.rule
            check = compiled.check
            platforms = compiled.platforms
            if platforms is not None and post.platform not in platforms:
                continue
            kept: list[tuple[int, int, Hit]] = []
            for hit in check.find(post):
                if not hit.original and not self._keeps(rule, post, hit):
                    continue
                start, end = (hit.start, hit.end) if hit.original else \
                    post.view.to_original(hit.start, hit.end)
                if any(s < end and start < e for s, e, _ in kept):
                    continue
                kept.append((start, end, hit))
            if not kept:
                continue
            kept.sort(key=lambda k: (k[0], k[1]))
            matched.append((rule, kept))
        if not matched:
            return []
        if merge_overlaps and len(matched) > 1:
            matched = merge_overlapping(matched)
        lines = LineIndex(post.view.original)
        findings = [self._finding(rule, post, kept, lines) for rule, kept in matched]
        findings.sort(key=sort_key)
        return findings

    def _keeps(self, rule: Rule, post: Post, hit: Hit) -> bool:
        if "quoted" in rule.ignore and post.is_quoted(hit.start, hit.end):
            return False
        if "negated" in rule.ignore and negated(post, hit.start):
            return False
        if "hashtag" in rule.ignore and _inside_hashtag(post, hit):
            return False
        if "name" in rule.ignore and written_as_name(post, hit.start, hit.end):
            return False
        if rule.context is not None:
            ctx = rule.context
            window = _context_window(post, hit, ctx)
            if ctx.require and not any(w in window for w in ctx.require):
                return False
            if ctx.exclude and any(w in window for w in ctx.exclude):
                return False
        if self.allow:
            matched = " ".join(phrase_words(post.text[hit.start:hit.end]))
            if matched in self.allow or any(a in matched for a in self.allow if " " in a):
                return False
        return True

    def _finding(self, rule: Rule, post: Post, kept: list[tuple[int, int, Hit]],
                 lines: LineIndex) -> Finding:
        spans = [_span(rule, post, hit, start, end, lines) for start, end, hit in kept]
        first, hit = spans[0], kept[0][2]
        shown = first.masked_match if rule.sensitive else first.match
        message = _render(rule.message, shown, hit.values)
        unmasked = _render(rule.message, first.match, hit.values) if rule.sensitive \
            else message
        # every field, in the class's order (Finding.from_fields)
        return Finding.from_fields({
            "rule": rule.id, "category": rule.category, "tags": rule.tags,
            "severity": rule.severity, "message": message,
            "why": self._why.get(id(rule)) or " ".join(rule.why.split()),
            "suggestion": rule.suggestion, "match": first.match, "start": first.start,
            "end": first.end, "line": first.line, "column": first.column,
            "end_line": first.end_line, "end_column": first.end_column,
            "fingerprint": first.fingerprint, "sensitive": rule.sensitive,
            "masked_match": first.masked_match, "message_unmasked": unmasked,
            "related": tuple(spans[1:]),
        })


def merge_overlapping(matched: list[tuple[Rule, Kept]]) -> list[tuple[Rule, Kept]]:
    """One finding per problem: words flagged by several rules of a category count once.

    Every span of every rule competes with the spans of other rules of the same category
    that overlap it, strongest first: higher severity; then the more specific kind
    (``KIND_SPECIFICITY``: a word in its context, then words and phrases, then sentence or
    post scores); then, among word and phrase rules, the longer span (it says more:
    "deport them" over "deport") and among sentence or post rules the shorter (a sentence
    over the whole post); then rule id. A span that overlaps a stronger one is dropped; a
    rule left with no span gives no finding. A rule with ``overlap: keep`` keeps all its
    spans (and they still count for the others). Findings of different categories never
    merge: they are different problems.
    """
    def strength(rule: Rule, start: int, end: int) -> tuple:
        specificity = KIND_SPECIFICITY.get(rule.kind, WHOLE_TEXT)
        width = end - start
        return (-SEVERITY_RANK[rule.severity], specificity,
                width if specificity == WHOLE_TEXT else -width, rule.id)

    spans = sorted(((strength(rule, k[0], k[1]), n, k) for n, (rule, kept) in enumerate(matched)
                    for k in kept), key=lambda item: (item[0], item[2][0]))
    taken: dict[str, list[tuple[int, int, int]]] = {}  # category -> (start, end, rule index)
    survivors: dict[int, Kept] = {}
    for _, n, k in spans:
        rule = matched[n][0]
        placed = taken.setdefault(rule.category, [])
        if rule.overlap != "keep" and any(k[0] < e and s < k[1] and m != n
                                          for s, e, m in placed):
            continue
        placed.append((k[0], k[1], n))
        survivors.setdefault(n, []).append(k)
    return [(matched[n][0], sorted(kept, key=lambda k: (k[0], k[1])))
            for n, kept in sorted(survivors.items())]


def _span(rule: Rule, post: Post, hit: Hit, start: int, end: int, lines: LineIndex) -> Span:
    matched = post.view.original[start:end]
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    normalized = post.text[hit.start:hit.end] if not hit.original else matched
    before, after = _neighbours(post, hit)
    return Span(start, end, line, column, end_line, end_column, matched,
                mask(matched) if rule.sensitive else matched,
                fingerprint(rule.id, normalized, before, after))


def _context_window(post: Post, hit: Hit, ctx) -> str:
    """The context words around a hit, cut at its sentence's ends when ``scope: sentence``."""
    if ctx.scope != "sentence":
        return post.window_text(hit.start, hit.end, ctx.before, ctx.after)
    first, last = sentence_at(post, hit.start)
    i = post.word_index_at(hit.start)
    j = i
    words = post.words
    while j < len(words) and words[j].start < hit.end:
        j += 1
    before = [w.form for w in words[max(0, i - ctx.before): i] if w.start >= first]
    after = [w.form for w in words[j: j + ctx.after] if w.end <= last]
    return " " + " ".join(before + after) + " "


def _render(template: str, match: str, values: dict[str, str]) -> str:
    one_line = " ".join(match.split())
    if len(one_line) > 80:
        one_line = one_line[:77] + "..."
    return template.format(match=one_line, **values)


def _inside_hashtag(post: Post, hit: Hit) -> bool:
    return any(t.text.startswith("#") and t.idx <= hit.start and hit.end <= t.idx + len(t.text)
               for t in post.doc)


def _neighbours(post: Post, hit: Hit) -> tuple[str, str]:
    """Two words either side of a hit, for a fingerprint that survives line moves."""
    if hit.original:
        return "", ""
    i = post.word_index_at(hit.start)
    j = i
    while j < len(post.words) and post.words[j].start < hit.end:
        j += 1
    before = " ".join(w.form for w in post.words[max(0, i - 2): i])
    after = " ".join(w.form for w in post.words[j: j + 2])
    return before, after
