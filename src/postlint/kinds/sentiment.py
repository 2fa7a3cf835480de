"""``sentiment``: a sentence (or the whole post) scoring below a threshold.

Scores come from VADER, a lexicon and rule set built for social-media text; the finding
points at the sentence and names the words that pulled its score down.

What VADER is given is the post as a reader takes it in: URLs, @-mentions and short
quotations (a title such as "Bad Blood", someone else's words) left out,
hashtags read as their words (``#EpicFail`` is "Epic Fail"), and the rule's ``neutral``
words and phrases taken out. ``neutral`` is how a pack says "this is not the writer's
mood": a brand's apology ("sorry for the inconvenience"), a release note's "fixed a bug".
Scoring fixes that apply everywhere: "no" only negates what follows ("no good") and is not
negative by itself ("no limit", "no need to worry"); "like" counts as liking only when someone likes
something ("I like", "would like"), not as a comparison ("looks like garbage"); and text
exported with literal ``\\u2019``-style escapes is read with those characters restored, so
"don\\u2019t" still negates.

``relax`` names phrases of a helping or inviting voice ("let us know", "hope this helps",
"join us"): a post that has one is held to ``relax.threshold`` instead, so a support reply
or an event invitation is flagged only when it is clearly hostile.

``lexicon`` changes the valence of single words (VADER's scale, -4 to 4; 0 makes a word
neutral) and ``idioms`` gives phrases a valence of their own, scored as one word: "killer
feature" is praise, "crushing it" is success, though VADER reads "killer" and "crushing"
as violence. ``emoji`` gives emoji a valence instead of the words of their names (VADER
reads ⏰ as "alarm clock", 🎲 as "game die"). ``remedies`` names what is done *to* a
problem: a negative word within ``within`` words after one of its ``words``, in the same
clause ("fixed a crash", "fighting hunger", "stop spam"), is the problem being dealt with,
not the writer's mood, and counts 0; so does the remedy word itself when it acts on a
negative word or one of the ``problems``, or names a task ("how to kill a hung process"),
unless it is aimed at a person ("kill you", "stop being rude"). One of the ``resolved``
words after a problem ("this bug is dead", "the outage is over") counts 0 too.

Each line of a post (a list item of release notes) is a sentence of its own. With
``changes`` (verbs such as "fix", "add", "ignore"), a list item that starts with one of
them ("- Ignore unimportant crashes in background services", "* add new panic responses")
describes a change to a product, not a mood, and is not scored.

``scope: sentence`` scores each sentence; ``scope: post`` scores the post as a whole and
points at its most negative sentence; with ``negative_share`` it also needs at least that
share of its sentences to be negative (a long list with one gloomy item is not a negative
post). ``relax`` may also name a ``positive`` score: a post
with a sentence at least that positive (an upbeat announcement with one gloomy clause), or,
with ``ratings``, a rating on a scale of 5, 10 or 100 at or above that share of it ("9/10",
"12/10", "5/5" with ``ratings: 0.8``) is held to ``relax.threshold`` too.

``names``: a negative word in title case that does not open a sentence and stands next to
another title-case word is part of a name or a title ("Bad Blood", "the Grateful Dead"),
not the writer's mood, and counts 0 (at a sentence start, only in a name of three or more
such words); ``single: true`` counts a lone one mid-sentence too.

``voice`` says whose negativity it is: a post with nothing in the writer's voice (no
``writer`` word such as "I" or "you", not a reply, no "!", "?", shouting or emoticon) that
tells of someone else (a ``narrator`` word: "he", "she") or reports (a ``report`` word such
as "drought", or a figure: "12%", "$14.9 trillion") is the story's mood, not the writer's:
a score above ``voice.strong`` in it is not a finding ("This is Max. He is very bad at
fetch").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..matching import PhraseIndex, find_phrases, phrase_words
from ..packs.fields import Fields
from ..post import NEGATORS, Post
from ..scopes import answered_questions, sentences
from ..tokenizer import hashtag_words
from .base import Check, Hit

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# VADER's lexicon scores a few bare numbers as slang ("86", "187"); in posts they are
# prices, versions and counts.
_BARE_NUMBER = re.compile(r"(?<!\S)[#$£€]?\d+(?:[.,:]\d+)*[%)]?(?=[\s.,!?;:]|$)")
_DIGIT = re.compile(r"\d")  # what _BARE_NUMBER needs at least
# Both open with their character, so ``re`` scans for it in C; the "not after a word
# character" lookbehind comes just after it, where ``(?<![\w@]@)`` holds exactly when the
# character before the "@" is neither (or there is none), as ``(?<![\w@])`` before it did.
_MENTION = re.compile(r"@(?<![\w@]@)\w+")
_HASHTAG = re.compile(r"#(?<![\w#]#)(\w+)")
_STRIP = ".,!?;:\"'()[]{}#@*“”‘’…"
# A rating on a usual scale: "9/10", "12/10", "4.5/5", "10 / 10" (not "1/2/2024" or "24/7").
_RATING = re.compile(r"(?<![\w/,])(?<!\d\.)(\d{1,2}(?:\.\d)?)[ \t]?/[ \t]?(5|10|100)"
                     r"(?![\w/.,]\d|\w)")
# Words after which "like" is the verb (someone likes something), not "similar to".
_LIKERS = frozenset((
    "i", "we", "you", "they", "he", "she", "u", "ya", "people", "who", "would", "'d", "d",
    "do", "does", "did", "dont", "don't", "didnt", "didn't", "doesnt", "doesn't", "not",
    "really", "also", "just", "still", "to", "might", "may",
))


@lru_cache(maxsize=1)
def analyzer():
    """VADER's analyser (with the "no" and "like" fixes), loaded once and only when a rule runs."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class Analyzer(SentimentIntensityAnalyzer):
        def sentiment_valence(self, valence, sentitext, item, i, sentiments):
            words = sentitext.words_and_emoticons
            lower = item.lower()
            if lower == "no" or (lower == "like" and not (i > 0 and words[i - 1].lower()
                                                          in _LIKERS)):
                sentiments.append(0)
                return sentiments
            return super().sentiment_valence(valence, sentitext, item, i, sentiments)

    return Analyzer()


def reader_text(text: str) -> str:
    """``text`` as VADER should read it: no URLs or mentions, hashtags as words."""
    # Each substitution runs only when the character its pattern needs is there (checked
    # after the one before, which may put it there): most texts need none of them.
    if "\\u" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if _DIGIT.search(text) is not None:
        text = _BARE_NUMBER.sub(" ", text)
    if "#" not in text:
        return text
    return _HASHTAG.sub(lambda m: " ".join(m.group(1)[s:e] for s, e in hashtag_words(m.group(1))),
                        text)


def library_score(text: str) -> float:
    """VADER's compound score from the library itself (the reference for ``score``)."""
    return analyzer().polarity_scores(reader_text(text))["compound"]


@lru_cache(maxsize=1)
def fast_scorer():
    """The same algorithm over VADER's lexicon, 3-4x faster (postlint.vader_fast)."""
    from ..vader_fast import FastVader

    return FastVader.from_analyzer(analyzer(), _LIKERS)


def score(text: str) -> float:
    """VADER's compound score of ``text`` as a reader takes it in, from -1 to 1.

    Computed by :mod:`postlint.vader_fast`, which gives the library's exact scores
    (``benchmarks/vader_agreement.py`` measures it: 100% identical on the validation posts).
    """
    return fast_scorer().compound(reader_text(text))


def negative_words(text: str, limit: int = 3, lexicon: dict[str, float] | None = None
                   ) -> list[str]:
    """The words of ``text`` with the most negative valence in VADER's lexicon (or ``lexicon``)."""
    return _negative_words(reader_text(text), limit,
                           analyzer().lexicon if lexicon is None else lexicon)


def _negative_words(read: str, limit: int, lexicon: dict[str, float]) -> list[str]:
    """``negative_words`` of a text already passed through ``reader_text``."""
    seen = {}
    for raw in read.split():
        word = raw.strip(_STRIP).lower()
        valence = lexicon.get(word)
        if valence is not None and valence < 0 and word not in seen:
            seen[word] = valence
    return [w for w, _ in sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))[:limit]]


# Words after a remedy word that say it is aimed at a person ("kill you"), not a problem.
_PEOPLE = frozenset((
    "being", "me", "you", "u", "ya", "him", "her", "them", "us", "yourself", "yourselves",
    "himself", "herself", "themselves", "myself", "everyone", "everybody", "anyone", "anybody",
    "someone", "somebody", "people", "person", "guy", "guys", "man", "woman", "kid", "kids",
))
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "all", "my",
                          "your", "our", "their", "his", "its", "any", "some", "every"))
_LINE_BREAK = re.compile(r"\n+")
# The ";" of an HTML entity ("&amp;", as posts exported from Twitter's API write "&") ends
# no clause.
_CLAUSE_END = re.compile(r"[.,!?:\n]|(?<!&amp)(?<!&lt)(?<!&gt)(?<!&quot)(?<!&#39);")
_HOW = frozenset(("how", "ways", "way", "learn", "tips", "guide", "steps", "easy", "best"))
_CONTRAST = frozenset(("but", "though", "however", "yet", "although"))
# A list item: a bullet or a number at the start of a line, then its first word.
_LIST_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*\u2022\u25aa\u2013]|\d{1,3}[.)])[ \t]+([A-Za-z]+)[^\n]*")


def _verb_forms(word: str) -> tuple[str, ...]:
    """``word`` and the base forms it may inflect ("fixes", "fixed" -> "fix")."""
    forms = [word]
    for suffix in ("es", "ed", "s", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)])
    return tuple(forms)


class SentimentCheck(Check):
    FIELDS = ("threshold", "scope", "min_words", "neutral", "relax", "lexicon", "idioms",
              "emoji", "remedies", "negative_share", "changes", "voice", "names", "hooks")
    PLACEHOLDERS = ("score", "words")

    @classmethod
    def parse(cls, f: Fields) -> dict:
        return {
            "threshold": f.number("threshold", required=True, minimum=-1.0, maximum=1.0),
            "scope": f.choice("scope", ("sentence", "post"), required=False, default="sentence"),
            "min_words": f.integer("min_words", 0, 0, 1000),
            "neutral": f.text_list("neutral", required=False, limit=2000),
            "relax": cls._parse_relax(f),
            "lexicon": cls._parse_valences(f, "lexicon", single_words=True),
            "idioms": cls._parse_valences(f, "idioms", single_words=False),
            "emoji": cls._parse_emoji(f),
            "remedies": cls._parse_remedies(f),
            "negative_share": f.number("negative_share", 0.0, minimum=0.0, maximum=1.0),
            "changes": frozenset(w.lower() for w in f.text_list("changes", required=False,
                                                                 limit=500) or ()),
            "voice": cls._parse_voice(f),
            "names": cls._parse_names(f),
            "hooks": f.text_list("hooks", required=False, limit=500),
        }

    @staticmethod
    def _parse_names(f: Fields) -> dict | None:
        """``names``: negative words inside capitalised names ("Bad Blood") carry no mood."""
        sub = f.sub("names", required=False)
        if sub is None:
            return None
        sub.only(("single",))
        return {"single": sub.boolean("single", False)}

    @staticmethod
    def _parse_voice(f: Fields) -> dict | None:
        """``voice``: a mild score in a post that narrates or reports, not in the writer's voice."""
        sub = f.sub("voice", required=False)
        if sub is None:
            return None
        sub.only(("writer", "narrator", "report", "figures", "emphasis", "strong"))
        out = {"writer": sub.text_list("writer", limit=500),
               "narrator": sub.text_list("narrator", required=False, limit=500),
               "report": sub.text_list("report", required=False, limit=2000),
               "figures": sub.boolean("figures", False),
               "emphasis": sub.boolean("emphasis", True),
               "strong": sub.number("strong", -1.0, minimum=-1.0, maximum=0.0)}
        if not (out["narrator"] or out["report"] or out["figures"]):
            sub.fail(None, "needs 'narrator' or 'report' words, or 'figures: true'")
        return out

    @staticmethod
    def _parse_relax(f: Fields) -> dict | None:
        sub = f.sub("relax", required=False)
        if sub is None:
            return None
        sub.only(("when", "positive", "ratings", "threshold"))
        if not (sub.has("when") or sub.has("positive") or sub.has("ratings")):
            sub.fail(None, "needs 'when' phrases, a 'positive' score or a 'ratings' share")
        return {"when": sub.text_list("when", required=False, limit=2000),
                "positive": sub.number("positive", minimum=0.0, maximum=1.0),
                "ratings": sub.number("ratings", minimum=0.0, maximum=2.0),
                "threshold": sub.number("threshold", required=True, minimum=-1.0, maximum=1.0)}

    @staticmethod
    def _parse_valences(f: Fields, key: str, single_words: bool) -> dict[str, float]:
        """A mapping of words (or phrases) to VADER valences, -4 to 4."""
        sub = f.sub(key, required=False)
        if sub is None:
            return {}
        if not sub.mapping:
            f.fail(key, "must not be empty")
        out: dict[str, float] = {}
        for word in sub.mapping:
            if not isinstance(word, str) or not word.strip():
                sub.fail(None, f"keys must be non-empty text, found {word!r}")
            parts = word.split()
            if single_words and len(parts) != 1:
                sub.fail(word, "must be a single word (use 'idioms' for phrases)")
            if not single_words and not phrase_words(word):
                sub.fail(word, "has no words")
            out[" ".join(parts).lower()] = sub.number(word, required=True, minimum=-4.0,
                                                      maximum=4.0)
        return out

    @staticmethod
    def _parse_emoji(f: Fields) -> dict[str, float]:
        """``emoji``: valences for emoji, scored instead of the words of their names."""
        sub = f.sub("emoji", required=False)
        if sub is None:
            return {}
        if not sub.mapping:
            f.fail("emoji", "must not be empty")
        out: dict[str, float] = {}
        for key in sub.mapping:
            # VADER reads emoji one character at a time: "⚠️" is "⚠" and a selector
            char = key.replace("\ufe0f", "") if isinstance(key, str) else ""
            if len(char) != 1 or char.isalnum() or char.isspace():
                sub.fail(None, f"keys must be single emoji, found {key!r}")
            if char in out:
                sub.fail(key, "is given twice")
            out[char] = sub.number(key, required=True, minimum=-4.0, maximum=4.0)
        return out

    @staticmethod
    def _parse_remedies(f: Fields) -> dict | None:
        sub = f.sub("remedies", required=False)
        if sub is None:
            return None
        sub.only(("words", "problems", "resolved", "within", "causes"))
        out = {"words": sub.text_list("words", limit=2000),
               "causes": sub.text_list("causes", required=False, limit=2000),
               "problems": sub.text_list("problems", required=False, limit=2000),
               "resolved": sub.text_list("resolved", required=False, limit=2000),
               "within": sub.integer("within", 6, 1, 20)}
        if out["resolved"] and not out["problems"]:
            sub.fail("resolved", "needs 'problems' (what is resolved)")
        return out

    def __init__(self, params: dict):
        super().__init__(params)
        neutral = params.get("neutral") or []
        self.neutral = PhraseIndex.build(neutral, inflect=True) if neutral else None
        relax = params.get("relax")
        self.relax = PhraseIndex.build(relax["when"], inflect=False) \
            if relax and relax["when"] else None
        idioms = params.get("idioms") or {}
        remedies = params.get("remedies")
        hooks = params.get("hooks")
        self.hooks = PhraseIndex.build(hooks, inflect=False) if hooks else None
        self.idioms = PhraseIndex.build(list(idioms), inflect=True) if idioms else None
        self.remedies = PhraseIndex.build(remedies["words"], inflect=True) if remedies else None
        self.problems = PhraseIndex.build(remedies["problems"], inflect=True) \
            if remedies and remedies["problems"] else None
        self.resolved = PhraseIndex.build(remedies["resolved"], inflect=False) \
            if remedies and remedies["resolved"] else None
        self.causes = PhraseIndex.build(remedies["causes"], inflect=True) \
            if remedies and remedies["causes"] else None
        self.voice = _Voice(params["voice"]) if params.get("voice") else None
        # Each idiom is scored as one made-up word that carries its valence.
        self._idiom_words = [f"zzidiom{n}zz" for n in range(len(idioms))]
        self._scorer = None  # VADER's tables load when the rule first runs

    def _load(self) -> None:
        from ..vader_fast import FastVader

        base = fast_scorer()
        lexicon = base.lexicon
        idioms = self.params.get("idioms") or {}
        emoji = tuple((self.params.get("emoji") or {}).items())
        if self.params.get("lexicon") or idioms or emoji:
            lexicon = dict(lexicon)
            lexicon.update(self.params.get("lexicon") or {})
            lexicon.update(zip(self._idiom_words, idioms.values(), strict=True))
            for n, (_, valence) in enumerate(emoji):
                if valence:
                    # VADER leaves a variation selector on the word before it ("⚠️"
                    # reads "warning\ufe0f", a word of no valence): both forms count
                    lexicon[_emoji_word(n)] = lexicon[_emoji_word(n) + "\ufe0f"] = valence
            emojis = _emoji_table(base.emojis, emoji) if emoji else base.emojis
            self._scorer = FastVader(lexicon, emojis, base.likers)
        else:
            self._scorer = base
        self._lexicon = lexicon
        # A text none of whose words is negative here (and with no emoji or idiom) cannot
        # score below zero: most posts are let go on that check alone.
        self._negative = frozenset(w for w, v in lexicon.items() if v < 0)

    @property
    def scorer(self):
        if self._scorer is None:
            self._load()
        return self._scorer

    @property
    def lexicon(self) -> dict[str, float]:
        if self._scorer is None:
            self._load()
        return self._lexicon

    def _may_be_negative(self, post) -> bool:
        if self.params["threshold"] >= 0 or self.idioms is not None:
            return True
        gate_text, gate_keys = _shared(post).gate(post)
        if not self.scorer.no_emoji(gate_text):
            return True
        # Some word of the post, as written or stripped, lower-cased, is negative here, or
        # could make the text negative without one ("not good", "yeah right").
        if not self._negative.isdisjoint(gate_keys):
            return True
        from ..vader_fast import may_turn_negative  # loaded with the lexicon, not at start

        return may_turn_negative(gate_keys)

    def _score(self, post, start: int, end: int) -> float:
        """The compound score of the span as this rule reads it (once per distinct text)."""
        return _shared(post).score(self.scorer, self._scored_text(post, start, end))

    def _state(self, post) -> _RuleState:
        """This rule's per-post work (blanks, scored texts), kept on the post."""
        states = post.__dict__.get("_sentiment_rules")
        if states is None:
            states = post.__dict__["_sentiment_rules"] = {}
        state = states.get(id(self))
        if state is None:
            state = states[id(self)] = _RuleState()
        return state

    def _relaxed(self, post, sentences) -> bool:
        relax = self.params["relax"]
        if relax is None:
            return False
        if self.relax is not None and next(find_phrases(post, self.relax), None) is not None:
            return True
        ratings = relax["ratings"]
        if ratings is not None and any(
                int(m.group(2)) and float(m.group(1)) / int(m.group(2)) >= ratings
                for m in _RATING.finditer(post.text_without_urls)):
            return True
        positive = relax["positive"]
        return positive is not None and any(
            self._score(post, s, e) >= positive for s, e in sentences)

    def _blanks(self, post) -> list[tuple[int, int]]:
        """Spans of the post that carry no sentiment for this rule (once per post)."""
        state = self._state(post)
        if state.blanks is not None:
            return state.blanks
        spans = list(_shared(post).quote_blanks(post))
        if self.neutral is not None:
            spans.extend((m.start, m.end) for m in find_phrases(post, self.neutral))
        if self.remedies is not None:
            spans.extend(self._remedied(post))
        if self.params.get("changes"):
            spans.extend(self._change_items(post.text))
        if self.params.get("names") is not None:
            spans.extend(self._name_words(post))
        if self.hooks is not None:
            spans.extend(self._hooks(post))
        state.blanks = spans
        return spans

    def _hooks(self, post) -> list[tuple[int, int]]:
        """Questions that name a problem the next sentence offers to solve ("Struggling to
        sleep? Try our pillow spray."): the reader's problem, not the writer's mood."""
        return answered_questions(post, self._sentences(post), self.hooks)

    def _change_items(self, text: str) -> list[tuple[int, int]]:
        """List items that start with a change verb ("- Fix ...", "* ignore ...")."""
        changes = self.params["changes"]
        out = []
        for m in _LIST_ITEM.finditer(text):
            word = m.group(1).lower()
            if any(form in changes for form in _verb_forms(word)):
                out.append((m.start(), m.end()))
        return out

    def _name_words(self, post) -> list[tuple[int, int]]:
        """Negative words that are part of a capitalised name mid-sentence ("Bad Blood")."""
        negative = self.negative
        if negative.isdisjoint(post.forms):
            return []  # no word is negative here (every word's form is among the post's forms)
        words = post.words
        text = post.text
        single = self.params["names"]["single"]
        out = []
        # only the negative words are looked at further (word[0][0] is ``word.form``,
        # read without the property's call: this runs over every word of most posts)
        for i in [i for i, word in enumerate(words) if word[0][0] in negative]:
            word = words[i]
            if not _is_title(text, word):
                continue
            if word.hashtag is not None:
                continue
            if _starts_sentence(text, words, i):
                # at a sentence start only a longer name tells: "Lower Elwha Klallam Tribe"
                if _title_run(text, words, i) >= 3:
                    out.append((word.start, word.end))
                continue
            if single or any(_is_title(text, words[j]) and _joined(text, words[min(i, j)],
                                                                     words[max(i, j)])
                             for j in (i - 1, i + 1) if 0 <= j < len(words)):
                out.append((word.start, word.end))
        return out

    def _remedied(self, post) -> list[tuple[int, int]]:
        """The remedy words and the negative words they act on ("fixed a crash")."""
        words = post.words
        within = self.params["remedies"]["within"]
        problem_at = {m.first_word for m in find_phrases(post, self.problems)} \
            if self.problems is not None else set()
        out = []
        for m in find_phrases(post, self.remedies):
            j = m.last_word + 1
            while j < len(words) and words[j].form in _DETERMINERS:
                j += 1
            if j < len(words) and words[j].form in _PEOPLE:
                continue  # "kill you", "fight them", "stop being rude": aimed at people
            acted_on = False
            for k in self._clause(post, m.last_word + 1, within):
                # "fixed X not loading": the negation is part of the problem described
                if self._is_negative(words[k].form) or words[k].form in NEGATORS:
                    out.append((words[k].start, words[k].end))
                    acted_on = True
                acted_on = acted_on or k in problem_at
            # The remedy word itself is neutral when it acts on a problem, or names a task
            # ("how to kill a process", "ways to fight hunger").
            if acted_on or self._how_to(words, m.first_word):
                out.append((m.start, m.end))
        if self.causes is not None:
            # "suicide prevention", "breast cancer awareness month", "hurricane relief": the
            # word right before the cause names what the work is against. Only that word:
            # in "I hate cancer research" the "hate" is still read.
            for m in find_phrases(post, self.causes):
                k = m.first_word - 1
                if k >= 0 and self._is_negative(words[k].form) and \
                        post.text[words[k].end:m.start].strip(" -#") == "":
                    out.append((words[k].start, words[k].end))
        if self.resolved is not None and self.problems is not None:
            resolved_at = {m.first_word: m for m in find_phrases(post, self.resolved)}
            for p in find_phrases(post, self.problems):
                for k in self._clause(post, p.last_word + 1, within):
                    if k in resolved_at:  # "this bug is dead", "the outage is over"
                        out.append((p.start, p.end))
                        out.append((resolved_at[k].start, resolved_at[k].end))
                        break
        return out

    @staticmethod
    def _how_to(words, i: int) -> bool:
        """Whether word ``i`` is the task of a how-to ("how to kill a hung process")."""
        return i > 1 and words[i - 1].form == "to" and words[i - 2].form in _HOW

    @staticmethod
    def _clause(post, first: int, within: int) -> range:
        """Word indices from ``first``, at most ``within``, up to the end of the clause."""
        words = post.words
        last = min(len(words), first + within)
        for k in range(max(first, 1), last):
            if _CLAUSE_END.search(post.text, words[k - 1].end, words[k].start) \
                    or words[k].form in _CONTRAST:
                return range(first, k)
        return range(first, last)

    def _is_negative(self, form: str) -> bool:
        return form in self.negative

    @property
    def negative(self) -> frozenset[str]:
        """The words with a negative valence in this rule's lexicon."""
        if self._scorer is None:
            self._load()
        return self._negative

    def _scored_text(self, post, start: int, end: int) -> str:
        """The span with URLs, short quotations, neutral and remedied words blanked out,
        and each idiom replaced by one word that carries its valence (once per span)."""
        texts = self._state(post).texts
        found = texts.get((start, end))
        if found is None:
            found = texts[(start, end)] = self._blanked_text(post, start, end)
        return found

    def _blanked_text(self, post, start: int, end: int) -> str:
        text = post.text_without_urls[start:end]
        cuts = [(max(s, start), min(end, e)) for s, e in self._blanks(post)
                if max(s, start) < min(end, e)]
        idioms = [m for m in self._idioms(post) if start <= m.start and m.end <= end]
        if not cuts and not idioms:
            return text  # nothing to blank or replace in this span (the usual case)
        chars = list(text)
        for s, e in cuts:
            chars[s - start:e - start] = " " * (e - s)
        for m in idioms:
            chars[m.start - start:m.end - start] = " " * (m.end - m.start)
            chars[m.start - start] = f" {self._idiom_words[m.term]} "
        return "".join(chars)

    def _idioms(self, post) -> list:
        """This rule's idiom matches in the post (once per post)."""
        if self.idioms is None:
            return []
        state = self._state(post)
        if state.idioms is None:
            state.idioms = list(find_phrases(post, self.idioms))
        return state.idioms

    def _words_in(self, post, start: int, end: int) -> int:
        return sum(1 for w in post.words if start <= w.start < end and w.forms[0][:1] != "@")

    @staticmethod
    def _sentences(post) -> list[tuple[int, int]]:
        """The post's sentences; each line (a list item) is one of its own."""
        return _shared(post).sentences(post)

    def find(self, post):
        p = self.params
        if not self._may_be_negative(post):
            return []
        sentences = self._sentences(post)
        if not sentences:
            return []
        threshold = p["threshold"]
        if p["scope"] == "post":
            start, end = sentences[0][0], sentences[-1][1]
            # with no minimum (the default) any count passes: skip counting
            if p["min_words"] and self._words_in(post, start, end) < p["min_words"]:
                return []
            total = self._score(post, start, end)
            if total > threshold:
                return []  # most posts end here: no sentence needs scoring on its own
            if self._relaxed(post, sentences) and total > p["relax"]["threshold"]:
                return []
            if self._not_the_writers(post, total):
                return []  # a mild score in narration or a report
            scored = [(self._score(post, s, e), s, e) for s, e in sentences]
            negative = sum(value <= threshold for value, _, _ in scored)
            if negative < p["negative_share"] * len(scored):
                return []  # one gloomy item in a long list is not the post's mood
            worst = min(scored)
            return [self._hit(post, worst[1], worst[2], total)]
        if self._relaxed(post, sentences):
            threshold = p["relax"]["threshold"]
        hits = []
        for start, end in sentences:
            value = self._score(post, start, end)
            if value <= threshold \
                    and (not p["min_words"] or self._words_in(post, start, end) >= p["min_words"]) \
                    and not self._not_the_writers(post, value):
                hits.append(self._hit(post, start, end, value))
        return hits

    def _not_the_writers(self, post, value: float) -> bool:
        """Whether a score of ``value`` is too mild to count in a post not in the writer's voice."""
        return self.voice is not None and value > self.voice.strong and self.voice.not_writers(post)

    def _hit(self, post, start: int, end: int, value: float) -> Hit:
        text = post.text[start:end]
        stripped = len(text) - len(text.lstrip())
        words = _negative_words(_shared(post).read(self._scored_text(post, start, end)), 3,
                                self.lexicon)
        words = [w for w in words if not w.startswith("zzidiom")]
        return Hit(start + stripped, start + len(text.rstrip()), {
            "score": f"{value:.2f}",
            "words": ", ".join(words) if words else "the overall tone",
        })


class _RuleState:
    """One sentiment rule's work on one post: its blanked spans, idioms and scored texts."""

    __slots__ = ("blanks", "idioms", "texts")

    def __init__(self):
        self.blanks: list[tuple[int, int]] | None = None
        self.idioms: list | None = None
        self.texts: dict[tuple[int, int], str] = {}


class _SharedPost:
    """What every sentiment rule needs of one post and is the same for each of them.

    The two built-in sentiment rules read the same post with different settings (neutral
    words, remedies, idioms, lexicon), so only what does not depend on a rule's settings is
    here: the sentences, the short quotations, the text the negative-word gate looks at, and
    VADER's reading of a text (``reader_text``, then its split and lower-casing), which
    depends only on the exact text and the scorer's emoji table. Scores are kept by scorer
    and exact text: a rule that scores the same text twice (a one-sentence post scored as a
    post, then as its sentence), or two rules with one scorer, pay once. It is kept on its
    post and does not refer back to it (the post is passed in), so a post and its shared
    work are freed together as soon as the post is dropped, without the cycle collector.
    """

    __slots__ = ("_sentences", "_quotes", "_gate", "_read", "_prepared", "_scores")

    def __init__(self):
        self._sentences: list[tuple[int, int]] | None = None
        self._quotes: list[tuple[int, int]] | None = None
        self._gate: tuple[str, frozenset[str]] | None = None
        self._read: dict[str, str] = {}
        self._prepared: dict[tuple[int, str], object] = {}
        self._scores: dict[tuple[int, str], float] = {}

    def sentences(self, post) -> list[tuple[int, int]]:
        """The post's sentences; each line (a list item) is one of its own."""
        if self._sentences is None:
            text = post.text
            if "\n" not in text:
                # no line to split (most posts): each sentence is its own one piece, kept
                # when it is not blank, as ``sentence_lines`` keeps it
                self._sentences = [(s, e) for s, e in sentences(post) if text[s:e].strip()]
            else:
                self._sentences = sentence_lines(post)
        return self._sentences

    def quote_blanks(self, post) -> list[tuple[int, int]]:
        """Short quotations (a title, someone else's words): not the writer's mood."""
        if self._quotes is None:
            self._quotes = []
            for s, e in post.quoted_spans:
                inner = post.text[s:e]
                if inner.startswith("RT "):
                    continue
                if len(inner.split()) <= 5 or _attributed(post.text, s, e):
                    self._quotes.append((s, e))
        return self._quotes

    def gate(self, post) -> tuple[str, frozenset[str]]:
        """The whole post as VADER reads it (``reader_text`` of the text without URLs), and
        every word of it, lower-cased, as written and with punctuation stripped."""
        if self._gate is None:
            text = self.read(post.text_without_urls)
            words = text.split()
            keys = {w.lower() for w in words}
            keys.update(w.strip(_STRIP).lower() for w in words)
            self._gate = (text, frozenset(keys))
        return self._gate

    def read(self, text: str) -> str:
        """``reader_text(text)``, once per distinct text of the post."""
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = reader_text(text)
        return found

    def score(self, scorer, text: str) -> float:
        """``scorer.compound(reader_text(text))``, sharing what is the same for every scorer."""
        key = (id(scorer), text)
        value = self._scores.get(key)
        if value is None:
            read = self.read(text)
            # scorers that share an emoji table prepare a text the same way
            prepared_key = (id(scorer.emojis), read)
            prepared = self._prepared.get(prepared_key)
            if prepared is None:
                prepared = self._prepared[prepared_key] = scorer.prepare(read)
            value = self._scores[key] = scorer.compound_prepared(prepared)
        return value


def sentence_lines(post: Post) -> list[tuple[int, int]]:
    """The post's sentences cut at line breaks, blank pieces left out."""
    out = []
    text = post.text
    for start, end in sentences(post):
        for piece in _LINE_BREAK.split(text[start:end]):
            if piece.strip():
                out.append((start, start + len(piece)))
            start += len(piece)
            while start < end and text[start] == "\n":
                start += 1
    return out


def _emoji_word(n: int) -> str:
    """The made-up word an ``emoji`` entry is read as: its valence, and no name's words."""
    return f"zzemoji{n}zz"


_EMOJI_TABLES: dict[tuple, dict[str, str]] = {}


def _emoji_table(base: dict[str, str], entries: tuple[tuple[str, float], ...]
                 ) -> dict[str, str]:
    """VADER's emoji table with each entry's emoji read as its made-up word.

    Kept per entries, so rules that share an ``emoji`` mapping share one table (and with it
    the preparation of each text they score).
    """
    key = (id(base), tuple(char for char, _ in entries))
    table = _EMOJI_TABLES.get(key)
    if table is None:
        table = dict(base)
        table.update((char, _emoji_word(n)) for n, (char, _) in enumerate(entries))
        _EMOJI_TABLES[key] = table
    return table


# Who said it, right after a quotation ("” - Moliere", "”, @alevin", "” says Dr Lee")
# or right before it ("Dr Lee says: “", "@alevin: “").
_ATTRIBUTION_AFTER = re.compile(
    r"[\s.,]{0,3}(?:[-–—~]+\s*(?:[A-Z@]|dr\b)|@\w|(?:said|says|writes|wrote|explains|"
    r"explained|notes|noted|according to)\b)")
_ATTRIBUTION_BEFORE = re.compile(
    r"(?:\b(?:said|says|writes|wrote|explains|explained|notes|noted|put it|quote|quoting)"
    r"|@\w+)[,:]?\s*$", re.I)


def _attributed(text: str, start: int, end: int) -> bool:
    """Whether the quotation text[start:end] is credited to someone: their words, not the
    writer's mood."""
    return (_ATTRIBUTION_AFTER.match(text, end) is not None
            or _ATTRIBUTION_BEFORE.search(text, max(0, start - 40), start) is not None)


def _shared(post) -> _SharedPost:
    """The post's shared sentiment work, made on first use and kept on the post."""
    shared = post.__dict__.get("_sentiment_shared")
    if shared is None:
        shared = post.__dict__["_sentiment_shared"] = _SharedPost()
    return shared


# What may stand between two words of one name: spaces, "&" or "-" ("Bad Girls Club").
_NAME_GAP = re.compile(r"[ \t]+|[ \t]*[&-][ \t]*")
# Characters that may open a sentence before its first word: quotes, brackets, stars.
_OPENERS = "\"'“‘([*-–—_ \t"


def _is_title(text: str, word) -> bool:
    """Whether a word is written in title case ("Blood", "Dead's"), not capitals or "I"."""
    token = text[word.start:word.end]
    return (len(token) > 1 and token[0].isupper() and any(c.islower() for c in token[1:])
            and word.hashtag is None and not token.startswith(("@", "#")))


def _starts_sentence(text: str, words, i: int) -> bool:
    """Whether word ``i`` opens a sentence or a line, or follows a leading @-mention."""
    before = text[:words[i].start].rstrip(_OPENERS)
    if not before or before[-1] in ".!?:;…\n\r" or not (before[-1].isalnum()
                                                         or before[-1] in ",'’"):
        return True
    return i > 0 and words[i - 1].form.startswith("@")


def _title_run(text: str, words, i: int) -> int:
    """How many title-case words, joined as one name, start at word ``i``."""
    j = i + 1
    while j < len(words) and _is_title(text, words[j]) and _joined(text, words[j - 1], words[j]):
        j += 1
    return j - i


def _joined(text: str, left, right) -> bool:
    """Whether two neighbouring words are written as parts of one name."""
    gap = text[left.end:right.start]
    return not gap or gap in ("'s", "’s") or _NAME_GAP.fullmatch(gap) is not None


# A figure that reports: a share, an amount of money, a count in millions ("12%", "$14.9
# trillion", "34M people").
_FIGURE = re.compile(r"\d\s?%|[$£€]\s?\d"
                     r"|\d(?:[.,]\d+)?\s?(?:thousand|million|billion|trillion|[kKMB])\b")
# Marks of the writer's own feeling: "!" or "?", two words in capitals in a row (shouting),
# a stretched word ("sooo"), an emoticon or a face emoji.
_EMPHASIS = re.compile(r"[!?]|\b[A-Z]{2,}[\s,.]+[A-Z]{2,}\b|([a-zA-Z])\1\1"
                       r"|(?<!\w)[:;=]-?[()/\\|DPp]"
                       r"|[\U0001F600-\U0001F64F\U0001F910-\U0001F92F\U0001F970-\U0001F97A]")
_LEADING_MENTION = re.compile(r"\s*\.?@\w")
_TAGS = re.compile(r"[@#]\w+")


class _Voice:
    """Whose negativity a post carries (the ``voice`` field): the writer's, or someone else's.

    A post is *not in the writer's voice* when nothing in it says the writer speaks (no
    ``writer`` word such as "I" or "you", it is not a reply that starts with an @-mention,
    and with ``emphasis`` no "!", "?", shouting, stretched word or emoticon) and it tells
    of someone else (a ``narrator`` word: "he", "she", "says") or reports (a ``report``
    word such as "drought", or with ``figures`` a figure such as "12%" or "$14.9 trillion").
    A score above ``strong`` in such a post is the story's mood, not the writer's.
    """

    def __init__(self, params: dict):
        self.strong = params["strong"]
        self.emphasis = params["emphasis"]
        self.figures = params["figures"]
        self.writer = PhraseIndex.build(params["writer"], inflect=False)
        self.narrator = PhraseIndex.build(params["narrator"], inflect=False) \
            if params["narrator"] else None
        self.report = PhraseIndex.build(params["report"], inflect=True) \
            if params["report"] else None

    def not_writers(self, post) -> bool:
        text = post.text_without_urls
        if next(find_phrases(post, self.writer), None) is not None \
                or _LEADING_MENTION.match(text):
            return False
        if self.emphasis and _EMPHASIS.search(_TAGS.sub(" ", text)):
            return False
        return (self.narrator is not None and next(find_phrases(post, self.narrator), None)
                is not None) or self._reports(post, text)

    def _reports(self, post, text: str) -> bool:
        if self.figures and _FIGURE.search(text):
            return True
        return self.report is not None and next(find_phrases(post, self.report), None) is not None
