"""The spaCy side: the social tokenizer, sentence boundaries, and the ``postlint`` component.

The rules run as a registered spaCy component that writes its findings onto the ``Doc``
(``doc._.postlint_findings``), so a spaCy user can add it to a pipeline of their own::

    nlp.add_pipe("postlint", config={"packs": ["my-pack.yaml"]})
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .compiled import compiled_ruleset
from .errors import UsageError
from .post import Post
from .tokenizer import SocialTokenizer

# A doc's own platform (``Doc.user_data``), set by ``Linter.lint_many`` for (text, platform)
# items; it wins over the component's.
PLATFORM_KEY = "postlint_platform"

if not Doc.has_extension("postlint_findings"):
    Doc.set_extension("postlint_findings", default=None)


class PostlintComponent:
    """Runs every active rule on a doc and stores the findings on it."""

    def __init__(self, nlp: Language, name: str, packs: list[str], only_packs: bool,
                 platform: str | None, allow: list[str]):
        self.name = name
        self.platform = platform
        self.ruleset = compiled_ruleset(packs, only_packs, capabilities(nlp), allow)

    def __call__(self, doc: Doc) -> Doc:
        platform = doc.user_data.get(PLATFORM_KEY, self.platform)
        doc._.postlint_findings = self.ruleset.run(Post(doc, platform))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """``__call__`` on each doc (what ``nlp.pipe`` uses), a batch of posts at a time so
        that the prefilter runs over the whole batch first (``RuleSet.run_many``)."""
        for batch in minibatch(docs, size=batch_size):
            posts = (Post(doc, doc.user_data.get(PLATFORM_KEY, self.platform))
                     for doc in batch)  # no list here: run_many lets each post go when done
            for doc, findings in zip(batch, self.ruleset.run_many(posts), strict=True):
                doc._.postlint_findings = findings
                yield doc


@Language.factory(
    "postlint",
    default_config={"packs": [], "only_packs": False, "platform": None, "allow": []},
)
def make_postlint(nlp: Language, name: str, packs: list[str], only_packs: bool,
                  platform: str | None, allow: list[str]) -> PostlintComponent:
    return PostlintComponent(nlp, name, packs, only_packs, platform, allow)


def capabilities(nlp: Language) -> frozenset[str]:
    """What the pipeline can give rules: 'ner' when it recognises entities."""
    return frozenset({"ner"} if "ner" in nlp.pipe_names else ())


@spacy.registry.tokenizers("postlint.social_tokenizer.v1")
def create_social_tokenizer():
    """spaCy's config hook for postlint's tokenizer (``[nlp.tokenizer]`` in a config)."""
    return SocialTokenizer.for_language


# spacy.blank("en") with the social tokenizer in place of spaCy's (made once, not twice).
_BLANK_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "postlint.social_tokenizer.v1"}}}


def build_nlp(model: str | None = None) -> Language:
    """``spacy.blank("en")`` (or a named trained pipeline) with postlint's tokenizer."""
    if model is None:
        nlp = spacy.blank("en", config=_BLANK_CONFIG)
    else:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError:
            raise UsageError(f"spaCy pipeline '{model}' is not installed; install it (for "
                             f"example `python -m spacy download {model}`) or omit --model") \
                from None
        nlp.tokenizer = SocialTokenizer(nlp)
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
    return nlp
