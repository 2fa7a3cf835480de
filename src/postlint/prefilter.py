"""Which rules can match a post at all, decided for every rule in one pass.

Most rules find nothing in most posts. Before any rule runs, the prefilter looks at the post
once: the lookup forms of its words against one index of the first words of every phrase
list, and its text against one RE2 set of every regex pattern. A rule runs only when what it
needs is there; the answer is a necessary condition, never a guess, so the findings are the
same as running every rule.

- ``terms``: a phrase can only match in a post that has every one of its words in some form
  (or, for hashtags, the joined hashtag body; or a word written with ``*``).
- ``regex``: a pattern finds nothing when the RE2 set says it matches nowhere in the text.
- ``near``: needs both its target and its companion.
- every other kind (sentiment, metric, pattern, ...) always runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .kinds.near import NearCheck
from .kinds.regex import RegexCheck
from .kinds.terms import TermsCheck
from .matching import PhraseIndex

_ALWAYS = ("always",)
_FAILED = ("failed",)


class Prefilter:
    """Built once from the compiled rules; ``candidates(post)`` lists the rules to run."""

    def __init__(self, checks: Sequence[Any]):
        # key word -> [(atom, the other words of each phrase under that key)]
        self._key_atoms: dict[str, list[tuple[int, list[tuple[str, ...]]]]] = {}
        self._joined_atoms: dict[str, set[int]] = {}
        self._wildcard_atoms: set[int] = set()
        self._regex_sources: list[tuple[Any, bool, int]] = []  # (compiled, in_urls, atom)
        self._atoms = 0
        self.always: list[int] = []
        self._simple: dict[int, list[int]] = {}  # atom -> rules that need just that atom
        self._compound: list[tuple[int, tuple]] = []  # rules with an 'all' requirement
        for n, check in enumerate(checks):
            need = self._requirement(check)
            if need == _ALWAYS:
                self.always.append(n)
            elif need[0] == "atom":
                self._simple.setdefault(need[1], []).append(n)
            else:
                self._compound.append((n, need))
        self._compound_atoms = {a for _, need in self._compound for a in _atoms_of(need)}
        self._sets = _RegexSets(self._regex_sources)

    # -- compile time ---------------------------------------------------------------------

    def _new_atom(self) -> int:
        self._atoms += 1
        return self._atoms - 1

    def _requirement(self, check) -> tuple:
        if isinstance(check, TermsCheck):
            return ("atom", self._index_atom(check.index))
        if isinstance(check, RegexCheck):
            atom = self._new_atom()
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

    def _index_atom(self, index: PhraseIndex) -> int:
        atom = self._new_atom()
        for key, others in index.keyed.items():
            self._key_atoms.setdefault(key, []).append((atom, others))
        for joined in index.joined:
            self._joined_atoms.setdefault(joined, set()).add(atom)
        if index.wildcard:
            self._wildcard_atoms.add(atom)
        return atom

    # -- per post -------------------------------------------------------------------------

    def fired(self, post) -> set[int]:
        """The atoms whose condition holds in ``post``."""
        fired: set[int] = set()
        key_atoms = self._key_atoms
        forms = post.forms
        for form in forms:
            keyed = key_atoms.get(form)
            if keyed:
                for atom, phrases in keyed:
                    if atom not in fired:
                        for others in phrases:
                            if all(w in forms for w in others):
                                fired.add(atom)
                                break
        if self._joined_atoms:
            for tag in post.hashtags:
                atoms = self._joined_atoms.get(tag)
                if atoms:
                    fired |= atoms
        if self._wildcard_atoms and post.has_starred_word:
            fired |= self._wildcard_atoms
        if self._sets:
            fired |= self._sets.fired(post)
        return fired

    def candidates(self, post) -> list[int]:
        """Indices (in rule order) of the rules that may find something in ``post``."""
        fired = self.fired(post)
        chosen = list(self.always)
        simple = self._simple
        for atom in fired:
            rules = simple.get(atom)
            if rules:
                chosen.extend(rules)
        if self._compound and not fired.isdisjoint(self._compound_atoms):
            chosen.extend(n for n, need in self._compound if _holds(need, fired))
        chosen.sort()
        return chosen


def _atoms_of(need: tuple):
    if need[0] == "atom":
        yield need[1]
    elif need[0] == "all":
        for part in need[1]:
            yield from _atoms_of(part)


def _holds(need: tuple, fired: set[int]) -> bool:
    if need[0] == "atom":
        return need[1] in fired
    return all(_holds(part, fired) for part in need[1])


class _RegexSets:
    """Every regex pattern in RE2 sets: which patterns match somewhere, in one scan.

    Patterns that search the text with URLs blanked and those that search the whole text
    go in two sets; a post without URLs needs one scan of a third set holding both. Each
    set starts with an empty pattern that matches every text, so a failed scan (RE2 out of
    memory) is told apart from "nothing matched", and then every regex rule runs. Each set
    is compiled when a post first needs it.
    """

    def __init__(self, sources: list[tuple[Any, bool, int]]):
        self.sources = sources
        self.all_atoms = {atom for _, _, atom in sources}
        self.ok = True
        self._built: dict[str, Any] = {}  # each set is compiled when a post first needs it

    def _get(self, which: str):
        if which in self._built:
            return self._built[which]
        chosen = [s for s in self.sources if which == "whole" or s[1] == (which == "in_urls")]
        built = self._built[which] = self._build(chosen)
        if built is _FAILED:
            self.ok = False
        return built

    def __bool__(self) -> bool:
        return bool(self.sources)

    @staticmethod
    def _build(sources):
        if not sources:
            return None
        import re2

        from .kinds.regex import _OPTIONS

        options = re2.Options()
        for name in _OPTIONS.NAMES:
            setattr(options, name, getattr(_OPTIONS, name))
        options.log_errors = False
        options.max_mem = 16 << 20  # per set; the DFA starts over when it is full
        options.never_capture = True
        regex_set = re2.Set.SearchSet(options)
        atoms = [None]
        try:
            regex_set.Add("")
            for compiled, _, atom in sources:
                regex_set.Add(compiled.pattern)
                atoms.append(atom)
            regex_set.Compile()
        except re2.error:
            return _FAILED
        if regex_set.Match("") is None:
            return _FAILED
        return regex_set, atoms

    def _scan(self, built, text: str) -> set[int]:
        if built is None:
            return set()
        regex_set, atoms = built
        found = regex_set.Match(text)
        if not found:
            return set(self.all_atoms)  # the scan failed: let every regex rule run
        return {atoms[i] for i in found if i}

    def fired(self, post) -> set[int]:
        if not post.url_spans:
            whole = self._get("whole")
            return self._scan(whole, post.text) if self.ok else set(self.all_atoms)
        in_urls, no_urls = self._get("in_urls"), self._get("no_urls")
        if not self.ok:
            return set(self.all_atoms)
        return self._scan(in_urls, post.text) | self._scan(no_urls, post.text_without_urls)
