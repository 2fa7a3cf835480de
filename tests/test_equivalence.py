"""The fast paths give exactly what the straightforward versions give.

Speed work replaced simple code with faster code; each test here keeps the simple version
as the reference and checks the fast one against it on generated text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import textmodel
from postlint.textmodel import normalize

SETTINGS = settings(max_examples=400, deadline=None)

# Text that exercises every branch of normalisation: ASCII, controls, accents, look-alikes,
# zero-width and joiner characters, emoji and their modifiers, enclosed letters, spacing.
_ALPHABET = st.sampled_from(
    list("abcXYZ019 .-_*\t\n\r!@#") + ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f"]
    + list("éüñçÅ\u0301\u0308\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0f\u20e3")
    + list("аеорсхіѕαορνɪᴀ") + ["\U0001f600", "\U0001f44d", "\U0001f3fd", "\U0001f170",
                                 "\U0001f150", "\U000e0067", "\ud800", "ﬁ", "①", "Ⅻ", "ß"]
)
post_text = st.lists(_ALPHABET, max_size=60).map("".join) | st.text(max_size=60)


def reference_normalize(original: str) -> tuple[str, tuple, tuple]:
    """The character-by-character loop normalisation was first written as."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_wordy = False
    for i, ch in enumerate(original):
        if ch.isascii() and ch not in textmodel.ZERO_WIDTH:
            chars.append(ch)
            starts.append(i)
            ends.append(i + 1)
            prev_wordy = ch.isalnum()
            continue
        if (ch in textmodel.ZERO_WIDTH or ch in textmodel._EMOJI_JOINERS) and (
                prev_wordy or ch not in textmodel._EMOJI_JOINERS):
            if ends:
                ends[-1] = i + 1
            continue
        if unicodedata.combining(ch) and chars and prev_wordy:
            ends[-1] = i + 1
            continue
        if ch in textmodel._ENCLOSED:
            folded = textmodel._ENCLOSED[ch]
        elif "\U0001f000" <= ch <= "\U0001faff":
            folded = ch
        else:
            folded = textmodel._fold_char(ch)
        for c in folded:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
        if folded:
            prev_wordy = folded[-1].isalnum()
    text = "".join(chars)
    if textmodel._SPACED_LETTERS.search(text):
        text, starts, ends = textmodel._join_spaced_letters(text, starts, ends)
    return text, tuple(starts), tuple(ends)


@SETTINGS
@given(text=post_text)
def test_normalize_matches_the_reference_loop(text):
    view = normalize(text)
    assert (view.text, tuple(view.starts), tuple(view.ends)) == reference_normalize(text)


@SETTINGS
@given(text=post_text, data=st.data())
def test_identity_views_map_like_full_ones(text, data):
    fast = normalize(text)
    full = textmodel.TextView(fast.original, fast.text, tuple(fast.starts), tuple(fast.ends))
    n = len(fast.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(0, n))
    assert fast.to_original(start, end) == full.to_original(start, end)


_SPACED_ALPHABET = st.sampled_from(list("ab fUé.-_*1") + [" .", ". ", "  "])


@SETTINGS
@given(text=st.lists(_SPACED_ALPHABET, max_size=40).map("".join) | post_text)
def test_spaced_letter_hint_is_a_necessary_condition(text):
    if textmodel._SPACED_LETTERS.search(text):
        assert textmodel._SPACED_HINT.search(text)


# -- the prefilter's regex groups against every pattern searched on its own --------------

_REGEX_ALPHABET = st.sampled_from(
    list("aAbkKsS019 .-_:/@#$£€+()'’\"\n") + ["\u212a", "\u017f", "é", "ß", "İ", "ı"]
    + ["you are ", "such a ", "call me ", "password: ", "card ", "my son ", "AKIA",
       "ghp_", "xoxb-", "-----BEGIN ", "@", "4111 1111 1111 1111", "07700 900123",
       "SSN 123-45-6789", "GB82WEST12345698765432", "https://x.io/a", "12/05/1990",
       "what a joke", "shame on you", "all women", "#MAGA", "#sarcasm", "yeah right."])
regex_text = st.lists(_REGEX_ALPHABET, max_size=30).map("".join) | st.text(max_size=80)


def _builtin_regex_checks():
    from postlint.api import Linter

    linter = Linter()
    from postlint.kinds.near import NearCheck
    from postlint.kinds.regex import RegexCheck

    checks = []
    for compiled in linter.ruleset.active:
        check = compiled.check
        subs = [check.target, check.companion] if isinstance(check, NearCheck) else [check]
        checks.extend(c for c in subs if isinstance(c, RegexCheck))
    return checks


_REGEX_CHECKS = None


@SETTINGS
@given(text=regex_text)
def test_regex_groups_find_what_each_pattern_finds(text):
    from postlint.prefilter import _RegexGroup

    global _REGEX_CHECKS
    if _REGEX_CHECKS is None:
        checks = _builtin_regex_checks()
        sources = [(p, n) for n, check in enumerate(checks) for p in check.patterns]
        _REGEX_CHECKS = (sources, _RegexGroup(sources))
    sources, group = _REGEX_CHECKS
    assert not group.failed
    expected = {atom for pattern, atom in sources if pattern.search(text)}
    assert group.fired(text, set()) == expected


# -- the prefilter and the phrase table against running every rule -----------------------

_LINTER = None


def _linter():
    global _LINTER
    if _LINTER is None:
        from postlint.api import Linter

        _LINTER = Linter()
    return _LINTER


def _example_words() -> list[str]:
    words = set()
    for rule in _linter().rules:
        for example in rule.flag_examples + rule.pass_examples:
            words.update(example.split())
    return sorted(words)


def _findings_both_ways(text: str):
    from postlint.post import Post

    linter = _linter()
    ruleset = linter.ruleset
    doc = linter.nlp.make_doc(text)
    for _, component in linter.nlp.pipeline:
        if component is not linter.component:
            doc = component(doc)
    filtered = ruleset.run(Post(doc))
    prefilter = ruleset.prefilter
    every = list(range(len(ruleset.active)))
    try:
        prefilter.candidates = lambda post: every  # and no phrase table: can_match decides
        unfiltered = ruleset.run(Post(doc))
    finally:
        del prefilter.candidates
    return filtered, unfiltered


def test_prefilter_keeps_every_finding_of_the_rule_examples():
    for rule in _linter().rules:
        for example in rule.flag_examples + rule.pass_examples:
            filtered, unfiltered = _findings_both_ways(example)
            assert filtered == unfiltered, (rule.id, example)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_prefilter_keeps_every_finding_of_mixed_posts(data):
    words = data.draw(st.lists(st.sampled_from(_example_words()), min_size=1, max_size=25))
    text = " ".join(words)
    filtered, unfiltered = _findings_both_ways(text)
    assert filtered == unfiltered


def _post(text: str):
    from postlint.post import Post

    linter = _linter()
    doc = linter.nlp.make_doc(text)
    for _, component in linter.nlp.pipeline:
        if component is not linter.component:
            doc = component(doc)
    return Post(doc)


def _matchable_both_ways(text: str) -> tuple[set[int], set[int]]:
    """The phrase table's answer for every index at once, and each index's own."""
    table = _linter().ruleset.prefilter.phrases
    post = _post(text)
    return (set(table.matchable(post)),
            {slot for slot, index in enumerate(table.indexes) if index.can_match(post)})


def test_phrase_table_answers_like_each_index_on_the_rule_examples():
    for rule in _linter().rules:
        for example in rule.flag_examples + rule.pass_examples:
            got, want = _matchable_both_ways(example)
            assert got == want, (rule.id, example)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_phrase_table_answers_like_each_index_on_mixed_posts(data):
    words = data.draw(st.lists(st.sampled_from(_example_words()), min_size=1, max_size=25))
    got, want = _matchable_both_ways(" ".join(words))
    assert got == want


_URLISH = st.sampled_from(["http://x.io/a?b=c", "https://t.co/AbC", "www.example.com",
                          "example.org/path", "a.b", "mail@x.io", "#tag", "@user", "word",
                          "3.5", "...", "e.g.", "\n", "x.com!", "(http://y.io)"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_URLISH | post_text, max_size=12).map(" ".join))
def test_url_spans_are_the_like_url_tokens(text):
    post = _post(text)
    want = [(t.idx, t.idx + len(t.text)) for t in post.doc if t.like_url]
    assert post.url_spans == want


def _run_many_both_ways(texts: list[str]):
    ruleset = _linter().ruleset
    return (list(ruleset.run_many([_post(t) for t in texts])),
            [ruleset.run(_post(t)) for t in texts])


def test_run_many_gives_the_findings_of_run_on_the_rule_examples():
    texts = [example for rule in _linter().rules
             for example in rule.flag_examples + rule.pass_examples]
    got, want = _run_many_both_ways(texts)
    assert got == want


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_run_many_gives_the_findings_of_run_on_mixed_posts(data):
    words = st.lists(st.sampled_from(_example_words()) | _URLISH, min_size=1, max_size=25)
    texts = data.draw(st.lists(words.map(" ".join), min_size=1, max_size=8))
    got, want = _run_many_both_ways(texts)
    assert got == want


def test_lint_many_gives_the_findings_of_each_post_checked_alone():
    linter = _linter()
    texts = [example for rule in linter.rules
             for example in rule.flag_examples + rule.pass_examples]
    alone = [linter.component(linter.nlp.get_pipe("sentencizer")(linter.nlp.make_doc(t)))
             ._.postlint_findings for t in texts]
    assert list(linter.lint_many(texts)) == alone


def _reference_candidates(prefilter, fired: set[int]) -> list[int]:
    """The rules to run, from each rule's requirement tested in full (``_holds``)."""
    from postlint.prefilter import _ALWAYS, _holds

    return [n for n, need in enumerate(prefilter.requirements)
            if need == _ALWAYS or _holds(need, fired)]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_prefilter_candidates_match_every_requirement_tested_in_full(data):
    prefilter = _linter().ruleset.prefilter
    # Atoms drawn from those the rules name (with 'all' requirements drawn part by part,
    # so that the compound rules hold in some draws and not in others).
    named = sorted({atom for need in prefilter.requirements for atom in _atoms(need)})
    fired = set(data.draw(st.lists(st.sampled_from(named), max_size=40)))
    try:
        prefilter.fired = lambda post, regex_atoms=None: fired
        assert prefilter.candidates(None) == _reference_candidates(prefilter, fired)
    finally:
        del prefilter.fired


def test_prefilter_candidates_when_every_compound_rule_holds():
    prefilter = _linter().ruleset.prefilter
    compound = [need for need in prefilter.requirements if need[0] == "all"]
    assert compound  # the built-in packs have near rules with two parts
    for need in compound:
        fired = set(_atoms(need))
        try:
            prefilter.fired = lambda post, regex_atoms=None, fired=fired: fired
            assert prefilter.candidates(None) == _reference_candidates(prefilter, fired)
        finally:
            del prefilter.fired


def _atoms(need: tuple) -> list[int]:
    from postlint.prefilter import _atoms_of

    return list(_atoms_of(need))


# -- Flesch reading ease against textstat ------------------------------------------------

_PROSE_WORDS = (
    "The quick brown fox jumps over the lazy dog . ! ? , ; don't DON'T it's we'll "
    "'quoted' rhythm strength extraordinary incomprehensibilities supercalifragilistic "
    "hyphen-ated co-operate naïve café İstanbul ǅ Straße 3.5 100% @user #HashTag "
    "http://x.io/a?b=c ... a I e.g. Mr. Dr. U.S.A. multiplication photosynthesis "
    "\n")
_PROSE = st.sampled_from(_PROSE_WORDS.split(" "))  # noqa: SIM905
prose = st.lists(_PROSE, max_size=80).map(" ".join) | st.text(max_size=200)


@settings(max_examples=500, deadline=None)
@given(text=prose)
def test_flesch_reading_ease_matches_textstat(text):
    from postlint.kinds.metric import textstat
    from postlint.readability import flesch_reading_ease

    assert flesch_reading_ease(text) == textstat().flesch_reading_ease(text)


@settings(max_examples=500, deadline=None)
@given(word=st.text(alphabet=st.characters(categories=("L", "M", "N", "Pc", "Pd")),
                    max_size=30))
def test_hyphenation_matches_pyphen(word):
    from pyphen import Pyphen

    from postlint.readability import hyphenator

    assert hyphenator().positions(word) == list(Pyphen(lang="en").positions(word))


# -- the tokenizer built once from the language's defaults ------------------------------------

def _tokens(nlp, text):
    return [(t.text, t.idx, t.whitespace_, t.norm_, t.lower_) for t in nlp.make_doc(text)]


@lru_cache(maxsize=1)
def _two_tokenizers():
    import spacy

    from postlint.pipeline import build_nlp
    from postlint.tokenizer import SocialTokenizer

    reference = spacy.blank("en")
    reference.tokenizer = SocialTokenizer(reference)  # spaCy's tokenizer, then the social rules
    return reference, build_nlp()


def test_social_tokenizer_built_once_equals_the_socialised_default():
    reference, built = _two_tokenizers()
    assert built.tokenizer.inner.rules == reference.tokenizer.inner.rules
    # Every special case alone and inside text, where the special matcher acts.
    for chunk in sorted(reference.tokenizer.inner.rules):
        for text in (chunk, f"({chunk}),", f"#{chunk}!", f"{chunk}...{chunk}"):
            assert _tokens(built, text) == _tokens(reference, text), text


@given(post_text)
@SETTINGS
def test_social_tokenizer_built_once_tokenizes_alike(text):
    reference, built = _two_tokenizers()
    assert _tokens(built, text) == _tokens(reference, text)



# -- phrase keys -----------------------------------------------------------------------------

def reference_key_entries(entries):
    """``matching.key_entries`` as first written, with Python loops."""
    from postlint.matching import _COMMON

    keyed = {}
    longer = []
    for words in set(entries):
        if len(words) == 1:
            keyed[words[0]] = {()}
        else:
            longer.append(words)
    shared = {}
    for words in longer:
        for w in set(words):
            shared[w] = shared.get(w, 0) + 1
    rank = {w: (w in _COMMON or len(w) <= 2, n, -len(w), w) for w, n in shared.items()}
    for words in longer:
        key = min(words, key=rank.__getitem__)
        others = tuple(sorted(set(words) - {key}))
        keyed.setdefault(key, set()).add(others)
    return {k: [()] if () in v else sorted(v, key=lambda o: (len(o), o))
            for k, v in keyed.items()}


def test_phrase_keys_of_every_built_in_list_match_the_reference():
    from postlint.engine import RuleSet
    from postlint.matching import key_entries
    from postlint.packs import load_packs

    ruleset = RuleSet(load_packs([], False))
    for index in ruleset.prefilter.phrases.indexes:
        entries = [e.words for group in index.by_first.values() for e in group]
        got, want = key_entries(entries), reference_key_entries(entries)
        assert got == want
        assert list(got) == list(want)  # the same order too


_WORD = st.sampled_from(["a", "the", "of", "hate", "hates", "vote", "x", "go", "ok", "n't",
                         "election", "day", "pro", "life", "to", "is"])


@given(st.lists(st.lists(_WORD, min_size=1, max_size=4).map(tuple), max_size=30))
@SETTINGS
def test_phrase_keys_match_the_reference(entries):
    from postlint.matching import key_entries

    got, want = key_entries(entries), reference_key_entries(entries)
    assert got == want and list(got) == list(want)


# -- Sentiment: the shared reading of a post ------------------------------------------------

_READER_WORDS = st.sampled_from(
    ["@user", "a@b", "#HashTag", "#ElectionDay2024", "12", "$14.9", "9/10", "٣", "\\u2019",
     "\\u0040bob", "\\u0023tag", "don\\u2019t", "bad", "not", "good", "great!", "?", ":)",
     "\U0001f600", "x", ".", ",", " ", "\n"])
reader_input = st.lists(_READER_WORDS, max_size=30).map(" ".join) | st.text(max_size=80)


def _reference_reader_text(text: str) -> str:
    """``reader_text`` as first written: every substitution, always."""
    from postlint.kinds import sentiment
    from postlint.tokenizer import hashtag_words

    text = sentiment._ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = sentiment._MENTION.sub(" ", text)
    text = sentiment._BARE_NUMBER.sub(" ", text)
    return sentiment._HASHTAG.sub(
        lambda m: " ".join(m.group(1)[s:e] for s, e in hashtag_words(m.group(1))), text)


@settings(max_examples=500, deadline=None)
@given(text=reader_input)
def test_reader_text_skips_only_substitutions_that_cannot_match(text):
    from postlint.kinds.sentiment import reader_text

    assert reader_text(text) == _reference_reader_text(text)


@settings(max_examples=300, deadline=None)
@given(text=reader_input)
def test_a_prepared_text_scores_alike_for_every_scorer_that_shares_it(text):
    from postlint.kinds.sentiment import fast_scorer
    from postlint.vader_fast import FastVader

    base = fast_scorer()
    other = FastVader({**base.lexicon, "bad": 2.0, "good": -2.0}, base.emojis, base.likers)
    prepared = base.prepare(text)
    before = (list(prepared.words), list(prepared.lowers), prepared[2:])
    assert other.compound_prepared(prepared) == other.compound(text)
    assert base.compound_prepared(prepared) == base.compound(text)
    assert (prepared.words, prepared.lowers, prepared[2:]) == before  # scoring changes nothing
