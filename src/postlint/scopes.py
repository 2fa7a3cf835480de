"""Where two things in a post count as together: the same sentence, and names.

Rules narrow their matches by scope (``near`` with ``scope: sentence``, ``context`` with
``scope: sentence``) and by how the words are written (``ignore: [name]``). Offsets are
into the post's normalised view, as hits are.
"""

from __future__ import annotations

from bisect import bisect_right

from .matching import PhraseIndex, find_phrases
from .post import Post

# Short words a title leaves in lower case ("Off the Record", "Home of the Brave").
_TITLE_SMALL = frozenset((
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "up", "via", "vs", "with",
))


def sentences(post: Post) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of the post, worked out once per post."""
    found = post.__dict__.get("_sentences")
    if found is None:
        found = post.__dict__["_sentences"] = [(s.start_char, s.end_char)
                                               for s in post.doc.sents]
    return found


def sentence_at(post: Post, offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (the whole post when it has no sentences)."""
    spans = sentences(post)
    if not spans:
        return 0, len(post.text)
    i = max(0, bisect_right([s for s, _ in spans], offset) - 1)
    return spans[i]


def same_sentence(post: Post, a: int, b: int) -> bool:
    return sentence_at(post, a) == sentence_at(post, b)


def answered_questions(post: Post, spans: list[tuple[int, int]],
                       offers: PhraseIndex) -> list[tuple[int, int]]:
    """The questions among ``spans`` (sentences in order) whose next sentence holds one of
    ``offers``: a marketing hook names the reader's problem and answers it with an offer
    ("Tired of slow Wi-Fi? Our router fixes dead zones."), so the problem is not the
    writer's complaint."""
    if len(spans) < 2:
        return []
    starts = None
    out = []
    for (start, end), (next_start, next_end) in zip(spans, spans[1:], strict=False):
        if not post.text[start:end].rstrip().endswith("?"):
            continue
        if starts is None:
            starts = [m.start for m in find_phrases(post, offers)]
        if any(next_start <= at < next_end for at in starts):
            out.append((start, end))
    return out


def negated(post: Post, start: int, window: int = 3) -> bool:
    """A negator among the few words before ``start`` in its own sentence: "not a scam",
    but not "... no problem. Sorry, scammer" (a negator that ends the sentence before)."""
    from .post import NEGATORS

    first = sentence_at(post, start)[0]
    i = post.word_index_at(start)
    return any(w.form in NEGATORS for w in post.words[max(0, i - window): i] if w.start >= first)


def written_as_name(post: Post, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are written as a name ("Off the Record", "Home Alone").

    Every word but the small ones of titles starts with a capital, and the capitals are not
    just those of a sentence's first word or of a post written all in capitals.
    """
    words = [w for w in post.words if start <= w.start and w.end <= end]
    if not words or words[0].hashtag:
        return False
    text = post.text
    if sum(ch.isupper() for ch in text) > 0.6 * max(1, sum(ch.isalpha() for ch in text)):
        return False  # shouting: every word has capitals
    surfaces = [text[w.start:w.end] for w in words]
    capitalised = [s[:1].isupper() for s in surfaces]
    for s, cap in zip(surfaces, capitalised, strict=True):
        if not cap and s.lower() not in _TITLE_SMALL:
            return False
    sentence_start = sentence_at(post, start)[0]
    starts_sentence = not text[sentence_start:start].strip(" \t\n\"'“‘([-–—:*•")
    # A sentence's first word is capitalised anyway: a name needs another capital.
    return sum(capitalised) >= (2 if starts_sentence else 1)
