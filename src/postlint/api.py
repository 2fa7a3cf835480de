"""The Python API: ``Linter`` compiles packs once and checks many posts; ``lint_text`` one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from .collector import collector_paused, settle
from .errors import UsageError
from .finding import Finding
from .kinds.length import COUNTED_AS_KEY
from .packs.schema import Rule
from .pipeline import PLATFORM_KEY, build_nlp
from .vocabulary import PLATFORMS

WARM_POSTS = 2048


class Linter:
    """Checks posts against rule packs.

    ``Linter()`` uses the built-in packs on ``spacy.blank("en")``. ``packs`` adds pack files,
    ``only_packs`` drops the built-in ones, ``model`` names a trained spaCy pipeline,
    ``platform`` turns on that platform's length limits, ``allow`` lists the team's own words
    (brand and product names) that are never findings.
    """

    def __init__(self, packs: Sequence[str | Path] = (), *, only_packs: bool = False,
                 model: str | None = None, platform: str | None = None,
                 allow: Iterable[str] = (), batch_size: int = 256):
        if platform is not None and platform not in PLATFORMS:
            raise UsageError(f"unknown platform '{platform}'; expected one of: "
                             + ", ".join(PLATFORMS))
        if only_packs and not packs:
            raise UsageError("--only-packs needs at least one --pack file")
        with collector_paused():
            self.nlp = build_nlp(model)
            self.component = self.nlp.add_pipe("postlint", config={
                "packs": [str(p) for p in packs], "only_packs": only_packs,
                "platform": platform, "allow": list(allow),
            })
        settle()
        self.ruleset = self.component.ruleset
        self.batch_size = batch_size
        # The first posts are checked outside a memory zone, so that spaCy's tokenizer keeps
        # their pieces in its cache (it caches nothing inside a zone): with the common words
        # cached, tokenizing in zones is about twice as fast. The cost is bounded: the strings
        # of at most this many posts stay in the vocabulary.
        self._warm_posts = WARM_POSTS

    @property
    def rules(self) -> list[Rule]:
        """Every rule of the loaded packs (including those this pipeline skips)."""
        return self.ruleset.rules

    def lint(self, text: str) -> list[Finding]:
        """Findings for one text, in order."""
        return next(self.lint_many([text]))

    def lint_many(self, texts: Iterable[str | tuple[str, str | None]]
                  ) -> Iterator[list[Finding]]:
        """One list of findings per text, in input order; memory stays flat over any length.

        An item may be a ``(text, platform)`` pair: that post is checked against that
        platform's limits instead of the linter's (a thread file, a scheduled-post row);
        ``None`` keeps the linter's. A third item, ``counted_as``, gives spans that length
        limits count otherwise than the text reads (see ``InputPost.counted_as``).
        """
        iterator = iter(texts)
        while True:
            chunk = list(islice(iterator, self.batch_size * 8))
            if not chunk:
                return
            if self._warm_posts > 0:
                self._warm_posts -= len(chunk)
                for doc in self.nlp.pipe(self._inputs(chunk), batch_size=self.batch_size):
                    yield doc._.postlint_findings
                continue
            with self.nlp.memory_zone():
                for doc in self.nlp.pipe(self._inputs(chunk), batch_size=self.batch_size):
                    yield doc._.postlint_findings

    def _inputs(self, chunk: list) -> Iterator[str | Doc]:
        """Texts as they are; a (text, platform) pair as a doc that carries its platform."""
        for item in chunk:
            if isinstance(item, str):
                yield item
                continue
            text, platform, *rest = item
            doc = self.nlp.make_doc(text)
            if rest and rest[0]:
                doc.user_data[COUNTED_AS_KEY] = tuple(rest[0])
            if platform is not None:
                if platform not in PLATFORMS:
                    raise UsageError(f"unknown platform '{platform}'; expected one of: "
                                     + ", ".join(PLATFORMS))
                doc.user_data[PLATFORM_KEY] = platform
            yield doc


@lru_cache(maxsize=8)
def _cached_linter(packs: tuple[str, ...], only_packs: bool, model: str | None,
                   platform: str | None, allow: tuple[str, ...]) -> Linter:
    return Linter(packs, only_packs=only_packs, model=model, platform=platform, allow=allow)


def lint_text(text: str, *, packs: Sequence[str | Path] = (), only_packs: bool = False,
              model: str | None = None, platform: str | None = None,
              allow: Iterable[str] = ()) -> list[Finding]:
    """Findings for one text; linters are cached per set of options."""
    linter = _cached_linter(tuple(str(p) for p in packs), only_packs, model, platform,
                            tuple(allow))
    return linter.lint(text)
