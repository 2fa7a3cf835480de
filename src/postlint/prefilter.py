"""Which rules can match a post at all, decided for every rule in one pass.

Most rules find nothing in most posts. Before any rule runs, the prefilter looks at the post
once: the lookup forms of its words against one table of every phrase list of the rule set
(``matching.PhraseTable``), and its text against the regex patterns of every rule, compiled
together (``_RegexGroup``). A rule runs only when what it needs is there; the answer is a
necessary condition, never a guess, so the findings are the same as running every rule.

- ``terms``: a phrase can only match in a post that has every one of its words in some form
  (or, for hashtags, the joined hashtag body; or a word written with ``*``).
- ``regex``: a pattern finds nothing when it matches nowhere in the text.
- ``near``: needs both its target and its companion.
- every other kind (sentiment, metric, pattern, ...) always runs.

The phrase table also answers, for the phrase lists that rules use inside their own checks
(a terms rule's ``exceptions``, a sentiment rule's ``neutral`` words), whether they need to
be looked up in the post at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .kinds.base import Check
from .kinds.near import NearCheck
from .kinds.regex import RegexCheck
from .kinds.terms import TermsCheck
from .matching import PhraseIndex, PhraseTable

_ALWAYS = ("always",)


class Prefilter:
    """Built once from the compiled rules; ``candidates(post)`` lists the rules to run."""

    def __init__(self, checks: Sequence[Any]):
        indexes: dict[int, PhraseIndex] = {}
        for check in checks:
            for index in _phrase_indexes(check):
                indexes.setdefault(id(index), index)
        self.phrases = PhraseTable(indexes.values())
        # Atoms: the phrase table's slots first, then one per regex rule.
        self._atoms = len(self.phrases.indexes)
        self._regex_sources: list[tuple[Any, bool, int]] = []  # (compiled, in_urls, atom)
        self.always: list[int] = []
        self._simple: dict[int, list[int]] = {}  # atom -> rules that need just that atom
        # Rules with an 'all' requirement, as the set of atoms that must all fire, filed under
        # one of those atoms: a rule is looked at only in posts where that atom fired, and
        # once at most (a requirement is only ever nested 'all's of atoms, so it holds
        # exactly when every atom in it fired).
        self._compound: dict[int, list[tuple[int, frozenset[int]]]] = {}
        # Each rule's requirement as first worked out (kept for tests: ``_holds`` is the
        # reference for the filed atom sets).
        self.requirements = [self._requirement(check) for check in checks]
        for n, need in enumerate(self.requirements):
            if need == _ALWAYS:
                self.always.append(n)
            elif need[0] == "atom":
                self._simple.setdefault(need[1], []).append(n)
            else:
                atoms = frozenset(_atoms_of(need))
                self._compound.setdefault(min(atoms), []).append((n, atoms))
        self._regex = _RegexAtoms(self._regex_sources)

    # -- compile time ---------------------------------------------------------------------

    def _requirement(self, check) -> tuple:
        if isinstance(check, TermsCheck):
            return ("atom", self.phrases.slot(check.index))
        if isinstance(check, RegexCheck):
            atom = self._atoms
            self._atoms += 1
            for pattern in check.patterns:
                self._regex_sources.append((pattern, check.in_urls, atom))
            return ("atom", atom)
        if isinstance(check, NearCheck):
            parts = [self._requirement(check.target), self._requirement(check.companion)]
            parts = [p for p in parts if p != _ALWAYS]
            if not parts:
                return _ALWAYS
            return parts[0] if len(parts) == 1 else ("all", tuple(parts))
        return _ALWAYS

    # -- per post -------------------------------------------------------------------------

    def fired(self, post, regex_atoms: set[int] | None = None) -> set[int]:
        """The atoms whose condition holds in ``post``; ``regex_atoms`` are those of the
        regex rules when :meth:`regex_atoms_many` worked them out already."""
        fired = set(self.phrases.matchable(post))
        if self._regex:
            fired |= self._regex.fired(post) if regex_atoms is None else regex_atoms
        return fired

    def regex_atoms_many(self, posts: Sequence[Any]) -> list[set[int]]:
        """The regex rules' atoms of each post, the posts searched one after another.

        The answers are those :meth:`fired` finds; only the order of the work differs. When
        each post is searched between the rules' own work, RE2's automata for the groups
        have been evicted from the processor's caches and a post took about three times as
        long (0.41 s for 6,000 posts, against 0.17-0.23 s in batches of 256). Only this
        part is run ahead: it reads just the post's text and URL spans, so a batch keeps
        little alive but the answers (the words, phrase matches and the rest of a post are
        made by its rules, and freed with it: see ``RuleSet.run_many``).
        """
        if not self._regex:
            return [set() for _ in posts]
        fired = self._regex.fired
        return [fired(post) for post in posts]

    def candidates(self, post, regex_atoms: set[int] | None = None) -> list[int]:
        """Indices (in rule order) of the rules that may find something in ``post``."""
        return self.chosen(self.fired(post, regex_atoms))

    def chosen(self, fired: set[int]) -> list[int]:
        """Indices (in rule order) of the rules whose requirement holds, given the atoms."""
        chosen = list(self.always)
        simple = self._simple
        compound = self._compound
        for atom in fired:
            rules = simple.get(atom)
            if rules:
                chosen.extend(rules)
            filed = compound.get(atom)
            if filed:
                chosen.extend(n for n, atoms in filed if atoms <= fired)
        chosen.sort()
        return chosen


def _phrase_indexes(check: Check) -> Iterator[PhraseIndex]:
    """Every phrase index a check holds, its own and those of the checks inside it."""
    for value in vars(check).values():
        if isinstance(value, PhraseIndex):
            yield value
        elif isinstance(value, Check):
            yield from _phrase_indexes(value)


def _atoms_of(need: tuple):
    if need[0] == "atom":
        yield need[1]
    elif need[0] == "all":
        for part in need[1]:
            yield from _atoms_of(part)


def _holds(need: tuple, fired: set[int]) -> bool:
    """Whether a requirement holds (the reference for the filed atom sets above)."""
    if need[0] == "atom":
        return need[1] in fired
    return all(_holds(part, fired) for part in need[1])


class _RegexAtoms:
    """Which regex rules' patterns match somewhere in a post.

    Patterns that search the text with URLs blanked and those that search the whole text
    go in two groups; a post without URLs needs one scan of a third group holding both.
    Each group is compiled when a post first needs it.

    Compiling a group costs as much as searching a few dozen posts pattern by pattern (the
    built-in packs: about 0.07 s), which a pre-commit hook checking one draft would pay on
    every commit; so the first ``SEARCHED_ALONE`` posts are searched pattern by pattern,
    which gives the same answer.
    """

    SEARCHED_ALONE = 32

    def __init__(self, sources: list[tuple[Any, bool, int]]):
        self.sources = sources
        self.all_atoms = {atom for _, _, atom in sources}
        self._groups: dict[str, _RegexGroup] = {}
        self._alone_left = self.SEARCHED_ALONE

    def __bool__(self) -> bool:
        return bool(self.sources)

    def _group(self, which: str) -> _RegexGroup:
        group = self._groups.get(which)
        if group is None:
            chosen = [(compiled, atom) for compiled, in_urls, atom in self.sources
                      if which == "whole" or in_urls == (which == "in_urls")]
            group = self._groups[which] = _RegexGroup(chosen)
        return group

    def fired(self, post) -> set[int]:
        if self._alone_left > 0:
            self._alone_left -= 1
            return self.searched_alone(post)
        if not post.url_spans:
            return self._group("whole").fired(post.text, self.all_atoms)
        return (self._group("in_urls").fired(post.text, self.all_atoms)
                | self._group("no_urls").fired(post.text_without_urls, self.all_atoms))


    def searched_alone(self, post) -> set[int]:
        """:meth:`fired` without the groups' automata: each rule's own patterns, in turn."""
        fired: set[int] = set()
        blanked = post.text_without_urls if post.url_spans else post.text
        for compiled, in_urls, atom in self.sources:
            if atom not in fired and compiled.search(post.text if in_urls else blanked):
                fired.add(atom)
        return fired


class _RegexGroup:
    """Patterns compiled together: which of them match somewhere in a text, in C.

    Patterns from which RE2 can extract literal strings every match must contain go into
    a ``re2.Filter`` (RE2's FilteredRE2): one scan for those strings, then only the patterns
    whose strings are all there are run, each on its own small automaton. The few patterns
    without such strings (mostly digit shapes: phone and card numbers, dates) go into one
    ``re2.Set``. Both give exact answers. A set with too many patterns thrashes RE2's DFA
    cache on every new post, which is why not everything goes into one set.

    When anything fails (RE2 out of memory), every regex rule of the group runs.
    """

    def __init__(self, sources: list[tuple[Any, int]]):
        import re2

        from .kinds.regex import _OPTIONS

        options = re2.Options()
        for name in _OPTIONS.NAMES:
            setattr(options, name, getattr(_OPTIONS, name))
        options.log_errors = False
        options.never_capture = True
        self.failed = False
        self._filter = self._set = None
        self._filter_atoms: list[int] = []
        self._set_atoms: list[int | None] = [None]
        if not sources:
            return
        try:
            probe = re2.Filter()
            for compiled, _ in sources:
                probe.Add(compiled.pattern, options)
            probe.Compile()
            # Patterns without literal strings are reported as possible matches of any
            # text, the empty one included.
            unfiltered = set(probe.Match(b"", potential=True) or ())
            filtered = [(c, a) for i, (c, a) in enumerate(sources) if i not in unfiltered]
            rest = [(c, a) for i, (c, a) in enumerate(sources) if i in unfiltered]
            if filtered:
                self._filter = re2.Filter()
                for compiled, atom in filtered:
                    self._filter.Add(compiled.pattern, options)
                    self._filter_atoms.append(atom)
                self._filter.Compile()
            if rest:
                options.max_mem = 16 << 20
                self._set = re2.Set.SearchSet(options)
                # An empty pattern matches every text, so a failed scan (RE2 out of memory)
                # is told apart from "nothing matched".
                self._set.Add("")
                for compiled, atom in rest:
                    self._set.Add(compiled.pattern)
                    self._set_atoms.append(atom)
                self._set.Compile()
                if self._set.Match("") is None:
                    self.failed = True
        except re2.error:
            self.failed = True

    def fired(self, text: str, every: set[int]) -> set[int]:
        if self.failed:
            return set(every)
        encoded = text.encode("utf-8")
        fired: set[int] = set()
        if self._filter is not None:
            atoms = self._filter_atoms
            fired.update(atoms[i] for i in self._filter._filter.Match(encoded, False))
        if self._set is not None:
            found = self._set._set.Match(encoded)
            if not found:
                return set(every)  # the scan failed: let every regex rule run
            atoms = self._set_atoms
            fired.update(atoms[i] for i in found if i)
        return fired
