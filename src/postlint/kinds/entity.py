"""``entity``: named-entity labels, when the pipeline has a named-entity recogniser.

With the default blank pipeline there is no recogniser: such rules are skipped, and
``postlint rules`` shows them as needing a model.
"""

from __future__ import annotations

from ..packs.fields import Fields
from .base import Check, Hit


class EntityCheck(Check):
    FIELDS = ("labels",)
    needs = frozenset({"ner"})

    @classmethod
    def parse(cls, f: Fields) -> dict:
        labels = f.text_list("labels", limit=50)
        for label in labels:
            if not label.isupper() or not label.replace("_", "").isalpha():
                f.fail("labels", f"'{label}' is not an entity label (upper case, e.g. PERSON, GPE)")
        return {"labels": frozenset(labels)}

    def find(self, post):
        labels = self.params["labels"]
        return [Hit(e.start_char, e.end_char) for e in post.doc.ents if e.label_ in labels]
