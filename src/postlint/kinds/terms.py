"""``terms``: word and phrase lists, on lower case or on every inflection of each entry."""

from __future__ import annotations

from ..matching import PhraseIndex, find_phrases
from ..packs.fields import Fields
from .base import Check, Hit


class TermsCheck(Check):
    FIELDS = ("terms", "match", "exceptions")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        terms = f.text_list("terms")
        match = f.choice("match", ("lemma", "lower"), required=False, default="lemma")
        exceptions = f.text_list("exceptions", required=False)
        return {"terms": terms, "match": match, "exceptions": exceptions}

    def __init__(self, params: dict):
        super().__init__(params)
        self.index = PhraseIndex.build(params["terms"], inflect=params["match"] == "lemma")
        exceptions = params["exceptions"]
        self.exceptions = (PhraseIndex.build(exceptions, inflect=params["match"] == "lemma")
                           if exceptions else None)

    def find(self, post):
        hits = [Hit(m.start, m.end) for m in find_phrases(post, self.index)]
        if hits and self.exceptions is not None:
            covered = [(m.start, m.end) for m in find_phrases(post, self.exceptions)]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in covered)]
        return hits
