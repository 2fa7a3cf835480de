"""The ``sentiment`` kind: VADER scoring fixes, neutral phrases, relaxed voice, scopes."""

from __future__ import annotations

import re

import pytest
from conftest import rule_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.errors import PackError
from postlint.kinds.sentiment import negative_words, reader_text, score

MESSAGE = '"{score}: {words}"'


def sentiment(body: str) -> str:
    return rule_yaml("sentiment", body, message=MESSAGE)


def test_reader_text_reads_hashtags_and_drops_mentions():
    text = reader_text("@someone this is an #EpicFail")
    assert "@someone" not in text
    assert "Epic Fail" in text


def test_literal_unicode_escapes_are_restored():
    # Exported tweets sometimes carry "don\u2019t" literally; the negation must still count.
    assert score("I don\\u2019t love it") == pytest.approx(score("I don\u2019t love it"))


def test_no_is_not_negative_on_its_own():
    assert score("There is no limit on uploads") >= 0
    assert score("This is no good") < 0  # it still negates what follows


def test_like_as_comparison_is_not_praise():
    assert score("You look like garbage") < score("I like garbage")
    assert score("It looks like rain") == 0


def test_negative_words_names_the_drivers():
    assert negative_words("What an awful, horrible day") == ["horrible", "awful"]


def test_sentence_scope_points_at_the_sentence(lint_with):
    rules = sentiment("threshold: -0.5")
    [f] = lint_with(rules, "Great news today. I hate this awful miserable mess.")
    assert f.match == "I hate this awful miserable mess."
    assert "hate" in f.message


def test_post_scope_decides_on_the_post_and_points_at_the_worst_sentence(lint_with):
    rules = sentiment("threshold: -0.3\nscope: post")
    text = "The venue was fine. The food was awful and the staff were rude."
    [f] = lint_with(rules, text)
    assert f.match == "The food was awful and the staff were rude."
    assert f.message.startswith("-")
    # One mildly negative sentence in an upbeat post does not carry the post.
    assert lint_with(rules, "We loved it, thank you all, amazing day! The queue was bad.") == []


def test_neutral_phrases_carry_no_sentiment(lint_with):
    plain = sentiment("threshold: -0.2")
    neutral = sentiment("threshold: -0.2\nneutral: [sorry for the trouble, bug, crash]")
    text = "Sorry for the trouble! Version 2 fixes the bug behind the crash."
    assert lint_with(plain, text)
    assert lint_with(neutral, text) == []
    # Inflections count: "crashes" is neutral too; other negative words still score.
    assert lint_with(neutral, "It crashes. I hate this stupid awful app.")


def test_neutral_words_are_not_named_as_drivers(lint_with):
    rules = sentiment("threshold: -0.2\nneutral: [bug]")
    [f] = lint_with(rules, "This horrible bug ruined my week.")
    assert "bug" not in f.message.split(": ", 1)[1]


def test_relax_holds_helping_posts_to_a_stronger_threshold(lint_with):
    rules = sentiment("""\
        threshold: -0.2
        relax:
          when: [let us know, join us]
          threshold: -0.8
        """)
    broke = "The update broke everything and we are stuck."
    assert lint_with(rules, broke)
    assert lint_with(rules, broke + " Let us know if we can help.") == []
    assert lint_with(rules, "Let us know, you pathetic, useless, disgusting idiots.")


def test_short_quotations_are_not_the_writers_mood(lint_with):
    rules = sentiment("threshold: -0.2")
    assert lint_with(rules, 'Listening to "Bad Blood" on repeat tonight.') == []
    assert lint_with(rules, "Listening to bad, awful music tonight.")
    # straight single quotes quote a title too, where they cannot be apostrophes
    assert lint_with(rules, "Come and see 'death: the human experience' this week.") == []
    assert lint_with(rules, "Jenny's dogs' toys are awful, horrible and broken.")


def test_credited_quotations_are_the_speakers_words(lint_with):
    rules = sentiment("threshold: -0.2")
    long_quote = '"Grief is hard, lonely and painful, and the loss never really ends"'
    # a long quotation on its own may be the writer's own words in quotes
    assert lint_with(rules, long_quote)
    # credited after it or before it, it is someone else's
    for credited in (long_quote + " - Dr Ana Ruiz, who leads our support group.",
                     long_quote + ", @anaruiz told the conference.",
                     long_quote + " says Dr Ana Ruiz.",
                     "Dr Ana Ruiz says: " + long_quote,
                     "@anaruiz: " + long_quote):
        assert lint_with(rules, credited) == [], credited
    # the writer's own words next to it are still read
    assert lint_with(rules, long_quote + " - Dr Ana Ruiz. What an awful, hateful thing to say.")


def test_min_words_skips_short_sentences(lint_with):
    rules = sentiment("threshold: -0.3\nmin_words: 3")
    assert lint_with(rules, "Ugh. We shipped it today.") == []
    assert lint_with(rules, "Ugh, this awful day.")


def test_brand_apology_passes_the_builtin_pack():
    from postlint import Linter

    linter = Linter()
    for text in ("Sorry for the trouble, we'll fix it.",
                 "We're sorry to hear that! Please send us a DM and we'll take a look.",
                 "Apologies for the inconvenience. The bug is fixed in 1.2.1."):
        assert not [f for f in linter.lint(text) if f.category == "negativity"], text


@pytest.mark.parametrize("body, error", [
    ("threshold: -0.2\nrelax: {when: [x]}", "threshold"),
    ("threshold: -0.2\nrelax: {when: [x], threshold: -0.5, extra: 1}", "extra"),
    ("threshold: -0.2\nmin_words: -1", "min_words"),
])
def test_bad_options_fail_when_the_pack_loads(make_pack, body, error):
    from postlint import Linter

    with pytest.raises(PackError) as info:
        Linter([make_pack(sentiment(body))], only_packs=True)
    assert error in str(info.value)


def test_bare_numbers_are_not_sentiment():
    from postlint.kinds.sentiment import score

    # VADER's lexicon scores "86" and "187" as slang; in posts they are counts and prices.
    assert score("post 187") == 0
    assert score("Room 86, table 187, $187.50 each") == 0


def test_lexicon_changes_word_valences(lint_with):
    plain = sentiment("threshold: -0.1")
    tuned = sentiment("threshold: -0.1\nlexicon: {insane: 0, killer: 0}")
    text = "Prices are insane this weekend, a killer offer."
    assert lint_with(plain, text)
    assert lint_with(tuned, text) == []
    # A word can be made negative too.
    assert lint_with(sentiment("threshold: -0.1\nlexicon: {meh: -2}"), "The launch was meh.")


def test_idioms_score_a_phrase_as_one_word(lint_with):
    rules = sentiment("threshold: -0.1\nidioms: {crushing it: 2, dead simple: 1.5}")
    assert lint_with(rules, "We're crushing it this quarter.") == []
    assert lint_with(rules, "Setup is dead simple.") == []
    # Only the phrase: the words elsewhere keep their valence.
    assert lint_with(rules, "The crushing defeat left everyone dead tired and sad.")
    # Inflections of the phrase's last word count ("crushing its" does not, "crushing it" does).
    [f] = lint_with(rules, "The news was crushing. Everything is awful.")
    assert "crushing" in f.message


def test_emoji_valences_replace_the_words_of_their_names(lint_with):
    # VADER reads the alarm clock as "alarm clock" and the game die as "game die"
    plain = sentiment("threshold: -0.1")
    tuned = sentiment('threshold: -0.1\nemoji: {"⏰": 0, "🎲": 0, "😀": -2, "⚠️": -2}')
    assert lint_with(plain, "Doors open at 1pm ⏰")
    assert lint_with(tuned, "Doors open at 1pm ⏰") == []
    assert lint_with(plain, "Board game night 🎲")
    assert lint_with(tuned, "Board game night 🎲") == []
    # a valence of its own, whatever its name says
    assert lint_with(plain, "Board game night 😀") == []
    assert lint_with(tuned, "Board game night 😀")
    # the variation selector is dropped, as VADER reads one character at a time
    assert lint_with(tuned, "Heads up ⚠️ the office opens at 10")
    # the word itself keeps its valence: only the emoji changed
    assert lint_with(tuned, "The fire alarm went off again, awful.")


def test_builtin_pack_reads_name_artefact_emoji_as_neutral():
    from postlint import Linter

    linter = Linter()
    for text in ("New drop this Friday 🔥🔥", "Game night at the shop 🎲 Thursday 7pm",
                 "Sign-ups close at noon ⏰"):
        assert [f.rule for f in linter.lint(text)] == [], text
    # faces whose names are moods keep them
    assert any(f.rule == "negativity/negative-sentiment"
               for f in linter.lint("Another Monday of this 😢😢😢"))


def test_remedies_make_the_problem_dealt_with_neutral(lint_with):
    rules = sentiment("""\
        threshold: -0.1
        remedies:
          within: 8
          words: [fix, kill, fight, stop]
          problems: [bug, crash]
          resolved: [dead, gone]
        """)
    for text in ("Fixed the broken sync and a terrible lag.",
                 "How to kill a hung process.",
                 "Together we fight hunger and disease.",
                 "This bug is dead.",
                 "- Fixed search not loading\n- Added dark mode"):
        assert lint_with(rules, text) == [], text
    # Aimed at people, or past the end of the clause, it is the writer's mood again.
    assert lint_with(rules, "I will kill you.")
    assert lint_with(rules, "Stop being so rude and awful.")
    assert lint_with(rules, "We fixed it, but the new version is awful and broken.")
    assert lint_with(rules, "My dog is dead.")


def test_remedy_causes_make_the_word_before_them_neutral(lint_with):
    rules = sentiment("""\
        threshold: -0.1
        remedies:
          words: [fight]
          causes: [prevention, awareness, relief]
        """)
    for text in ("Join our suicide prevention walk this Sunday.",
                 "October is Breast Cancer Awareness Month: book a screening.",
                 "Our #hurricane-relief drive collected 2,000 blankets."):
        assert lint_with(rules, text) == [], text
    # only the word right before the cause: the writer's own words are still read
    assert lint_with(rules, "I hate awful cancer awareness posts.")
    assert lint_with(rules, "Cancer is cruel and awful. Awareness month starts today.")


def test_a_question_answered_by_an_offer_is_the_readers_problem(lint_with):
    rules = sentiment("threshold: -0.1\nhooks: [try, our]")
    assert lint_with(rules, "Struggling to sleep? Try our lavender pillow spray.") == []
    assert lint_with(rules, "Awful, painful back? Our physios can help.") == []
    # without an offer next, or not a question, the words are read
    assert lint_with(rules, "Struggling to sleep? Nothing works and it is awful.")
    assert lint_with(rules, "Struggling to sleep and it is awful. Try our spray.")


def test_an_html_entity_does_not_end_the_clause(lint_with):
    # Posts exported from Twitter's API write "&" as "&amp;": its ";" is not punctuation.
    rules = sentiment("""\
        threshold: -0.1
        remedies: {words: [fight], within: 8}
        """)
    assert lint_with(rules, "We fight hunger &amp; disease in our city.") == []
    assert lint_with(rules, "We fight hunger; disease is awful and cruel.")


def test_each_line_is_a_sentence(lint_with):
    rules = sentiment("threshold: -0.5")
    [f] = lint_with(rules, "- Added a new editor\n- The old one was awful, horrible and broken")
    assert f.match == "- The old one was awful, horrible and broken"


def test_negative_share_lets_one_gloomy_item_in_a_long_list_pass(lint_with):
    rules = sentiment("threshold: -0.1\nscope: post\nnegative_share: 0.25")
    items = ["Added a calendar view", "New sharing menu", "Faster start-up",
             "Clearer settings", "The old export was a terrible mess"]
    assert lint_with(rules, "\n".join(items)) == []
    assert lint_with(rules, "\n".join(items[-2:]))


def test_relax_positive_holds_upbeat_posts_to_the_stronger_threshold(lint_with):
    rules = sentiment("""\
        threshold: -0.1
        scope: post
        relax: {positive: 0.5, threshold: -0.8}
        """)
    assert lint_with(rules, "What a wonderful, amazing launch! The queue was bad and slow.") == []
    assert lint_with(rules, "The queue was bad and slow.")


@pytest.mark.parametrize("body, field", [
    ("threshold: -0.2\nlexicon: {insane: 9}", "lexicon.insane"),
    ("threshold: -0.2\nlexicon: {two words: 1}", "lexicon.two words"),
    ("threshold: -0.2\nlexicon: {sick: high}", "lexicon.sick"),
    ("threshold: -0.2\nlexicon: [sick]", None),
    ("threshold: -0.2\nidioms: {}", "idioms"),
    ("threshold: -0.2\nemoji: {}", "emoji"),
    ('threshold: -0.2\nemoji: {"ab": 1}', "emoji"),
    ('threshold: -0.2\nemoji: {"x": 1}', "emoji"),
    ('threshold: -0.2\nemoji: {"🔥": 5}', "emoji.🔥"),
    ('threshold: -0.2\nemoji: {"⚠": 0, "⚠️": 1}', "emoji.⚠️"),
    ("threshold: -0.2\nremedies: {problems: [bug]}", "remedies.words"),
    ("threshold: -0.2\nremedies: {words: [fix], resolved: [dead]}", "remedies.resolved"),
    ("threshold: -0.2\nremedies: {words: [fix], within: 0}", "remedies.within"),
    ("threshold: -0.2\nremedies: {words: [fix], extra: 1}", "remedies.extra"),
    ("threshold: -0.2\nremedies: {words: [fix], causes: {relief: 1}}", "remedies.causes"),
    ("threshold: -0.2\nnegative_share: 2", "negative_share"),
    ("threshold: -0.2\nhooks: {try: 1}", "hooks"),
    ("threshold: -0.2\nrelax: {threshold: -0.5}", "relax"),
    ("threshold: -0.2\nvoice: {narrator: [he]}", "voice.writer"),
    ("threshold: -0.2\nvoice: {writer: [i]}", "voice"),
    ("threshold: -0.2\nvoice: {writer: [i], narrator: [he], strong: 0.5}", "voice.strong"),
    ("threshold: -0.2\nvoice: {writer: [i], figures: yes please}", "voice.figures"),
    ("threshold: -0.2\nvoice: {writer: [i], report: [flood], extra: 1}", "voice.extra"),
])
def test_new_fields_are_validated_with_file_line_and_field(make_pack, body, field):
    from postlint import Linter

    path = make_pack(sentiment(body))
    with pytest.raises(PackError) as info:
        Linter([path], only_packs=True)
    message = str(info.value)
    assert str(path) in message, message
    assert (f"field '{field}'" if field else "lexicon must be a mapping") in message, message
    assert re.search(r"\.yaml:\d+:", message), message


def test_change_items_are_not_scored():
    """A list item that starts with a change verb describes the product, not a mood."""
    from postlint.api import Linter

    text = "* add new panic responses: app uninstalls\n* fix proxy support\n* show undo"
    rules = {f.rule for f in Linter().lint(text)}
    assert "negativity/negative-sentiment" not in rules
    # the same gloomy words as the writer's own mood are still scored
    mood = "* I panic, everything uninstalls and it is awful\n* proxy broken\n* terrible day"
    assert "negativity/negative-sentiment" in {f.rule for f in Linter().lint(mood)}


VOICE = """\
    threshold: -0.1
    scope: post
    voice:
      strong: -0.8
      writer: [i, me, my, we, our, you, your]
      narrator: [he, she, his, her]
      report: [drought, flood, severe weather]
      figures: true
    """


def test_voice_lets_narration_and_reports_pass(lint_with):
    """A mild score in a post that tells of someone else, or reports, is not the writer's."""
    rules = sentiment(VOICE)
    plain = sentiment("threshold: -0.1\nscope: post")
    for text in ("This is Max. He is very bad at fetch and not a fan of baths.",
                 "She was told not to climb the fence. What a rebel.",
                 "Moderate or worse drought affects about 12% of the country.",
                 "Nearly $15 billion in crops lost as the wetlands disappear."):
        assert lint_with(plain, text), text
        assert lint_with(rules, text) == [], text


def test_voice_keeps_the_writers_own_negativity(lint_with):
    rules = sentiment(VOICE)
    for text in (
            "He is very bad at his job and I am sick of it.",     # the writer speaks
            "@airline he was rude and the seats were bad.",       # a reply: addressed
            "He is very bad at his job!",                          # emphasis
            "He is very bad at his job :(",                        # an emoticon
            "Why is he so bad at his job?",                        # a question
            "He is a horrible, disgusting, hateful liar and a total disaster."):  # strong
        assert lint_with(rules, text), text
    # Without a narrator or report cue the gate does not apply: a bare negative statement.
    assert lint_with(rules, "The service was bad and the food was cold.")


def test_voice_gates_sentence_scope_too(lint_with):
    rules = sentiment("threshold: -0.3\nvoice: {writer: [i], narrator: [he]}")
    assert lint_with(rules, "He is very bad at fetch.") == []
    assert lint_with(rules, "I am very bad at fetch.")


def test_builtin_pack_lets_narration_and_hazard_reports_pass():
    from postlint.api import Linter

    linter = Linter()
    rule = "negativity/negative-sentiment"
    for text in ("This is Max. He is very bad at fetch and not a fan of baths. Still a good boy.",
                 "A deadly tornado and severe storms caused terrible damage across the county.",
                 "Loneliness is worse for older men, according to a study of care homes."):
        assert rule not in {f.rule for f in linter.lint(text)}, text
    assert rule in {f.rule for f in linter.lint("She is rude, awful and a disaster at her job!")}
    # the writer's own voice ("I") keeps a reported finding the writer's mood
    assert rule in {f.rule for f in linter.lint(
        "According to a survey I am a little sad about the results.")}


def test_names_leave_negative_words_in_capitalised_names_out(lint_with):
    """"Bad Blood" and "the Grateful Dead" are titles and names, not the writer's mood."""
    rules = sentiment("threshold: -0.1\nnames: {single: false}")
    plain = sentiment("threshold: -0.1")
    for text in ("On repeat all week are Bad Blood and the Grateful Dead songbook.",
                 "Mehgan James from Bad Girls Club hosts the show on Friday."):
        assert lint_with(plain, text), text
        assert lint_with(rules, text) == [], text


def test_names_keep_sentence_starts_shouting_and_lone_capitals(lint_with):
    rules = sentiment("threshold: -0.1\nnames: {single: false}")
    # a longer name may open the sentence
    assert lint_with(rules, "Dead Man Walking Tour plays the harbour stage on Friday.") == []
    for text in ("Terrible Service again from this airline.",   # first word of the sentence
                 "@airline Terrible Service again.",            # first word after a reply's mention
                 "The food was BAD AWFUL stuff.",               # capitals are shouting
                 "The food was Awful and cold."):                # one capitalised word alone
        assert lint_with(rules, text), text
    single = sentiment("threshold: -0.1\nnames: {single: true}")
    assert lint_with(single, "Recharge with a Ludicrous latte at the lounge.") == []


def test_relax_ratings_hold_a_highly_rated_post_to_the_relaxed_threshold(lint_with):
    rules = sentiment("threshold: -0.1\nscope: post\nrelax: {ratings: 0.8, threshold: -0.7}")
    text = "Got stuck in the mud and is sad about it. {}"
    assert lint_with(rules, text.format("11/10")) == []
    assert lint_with(rules, text.format("4.5/5")) == []
    # a low rating, a date and a version are not praise
    for rating in ("2/10", "1/2/2024", "v1.2/10"):
        assert lint_with(rules, text.format(rating)), rating
    # clearly hostile posts are still flagged, rating or not
    assert lint_with(rules, "10/10 the worst, most disgusting and hateful service, I hate it")


def test_linted_posts_leave_no_reference_cycles():
    """The sentiment work kept on a post does not point back at it, so a post (with its
    doc) is freed as soon as it is dropped instead of waiting for the cycle collector."""
    import gc

    from postlint import Linter

    linter = Linter()
    posts = ["I hate Mondays. This is awful.", "Sorry for the wait, we'll fix it today!",
             "\"Bad Blood\" is on tonight", "What a great launch #proud", "@x no.\n- one\n- two"]
    list(linter.lint_many(posts))  # warm-up: caches made once per process are not per post
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        list(linter.lint_many(posts * 4))
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


def test_negated_praise_is_scored_by_a_rule_without_idioms(lint_with):
    # The shortcut that skips posts with no negative word must not skip "not good": a
    # negator turns praise negative with no negative word in the text.
    rules = sentiment("threshold: -0.3")
    assert lint_with(rules, "I do not love it, not good, not happy.")
    assert lint_with(rules, "This is not great at all")
    assert lint_with(rules, "I love it, great job") == []


_PRAISE = ["good", "great", "love", "happy", "nice", "helpful", "best", "fun", "like"]
_TURNERS = ["not", "never", "don't", "isn't", "least", "without", "nothing", "bad", "sad"]
_PLAIN = ["it", "the", "team", "very", "really", "so", "but", "is", "was", "and", "at"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_PRAISE + _TURNERS + _PLAIN), min_size=1, max_size=12))
def test_a_rule_without_idioms_finds_every_negative_score(make_pack, words):
    # The shortcut that lets posts with no negative word go must never drop a finding the
    # full score gives: a rule without idioms flags exactly the texts that score negative.
    linter = _plain_rule_linter(make_pack)
    text = " ".join(words)
    assert bool(linter.lint(text)) == (score(text) <= -0.05), text


_LINTERS: dict = {}


def _plain_rule_linter(make_pack):
    if "plain" not in _LINTERS:
        from postlint import Linter

        _LINTERS["plain"] = Linter([make_pack(sentiment("threshold: -0.05"))], only_packs=True)
    return _LINTERS["plain"]
