from postlint.textmodel import LineIndex, normalize
from postlint.tokenizer import SocialTokenizer


def test_ascii_is_identity():
    view = normalize("plain text")
    assert view.text == "plain text"
    assert view.to_original(6, 10) == (6, 10)


def test_lookalikes_zero_width_and_accents_fold_with_offsets_kept():
    original = "Cyrillic fu\u0441k, z\u200bero, fûck, e\u0301clair"
    view = normalize(original)
    assert "fuck" in view.text and "zero" in view.text and "eclair" in view.text
    start = view.text.index("zero")
    s, e = view.to_original(start, start + 4)
    assert original[s:e] == "z\u200bero"


def test_spaced_letters_join_and_map_back():
    original = "well f u c k that"
    view = normalize(original)
    assert "fuck" in view.text
    i = view.text.index("fuck")
    s, e = view.to_original(i, i + 4)
    assert original[s:e] == "f u c k"


def test_a_contraction_does_not_start_spaced_letters():
    # "'s a b" is a contraction, an article and a letter, not a word spelt out
    assert normalize("Payback's a b**** ain't it?").text == "Payback's a b**** ain't it?"
    assert "shit" in normalize("it's s h i t").text


def test_nfkc_fullwidth_and_math_letters():
    assert normalize("ｆｕｃｋ").text == "fuck"
    assert normalize("𝐟𝐮𝐜𝐤").text == "fuck"


def test_lone_surrogate_becomes_replacement_char():
    view = normalize("bad \ud800 text")
    assert "\ufffd" in view.text and len(view.text) == len("bad \ud800 text")


def test_line_index_handles_crlf_and_lone_cr():
    text = "a\r\nb\rc\nd"
    lines = LineIndex(text)
    assert lines.position(text.index("b")) == (2, 1)
    assert lines.position(text.index("c")) == (3, 1)
    assert lines.position(text.index("d")) == (4, 1)


def test_tokenizer_keeps_social_tokens_whole():
    import spacy

    nlp = spacy.blank("en")
    nlp.tokenizer = SocialTokenizer(nlp)
    text = "Hi @jo_b! #ElectionDay, $AAPL jo@example.com https://x.com/a?b=1 👩\u200d💻👋🏽 🇬🇧"
    tokens = [t.text for t in nlp(text)]
    for whole in ("@jo_b", "#ElectionDay", "$AAPL", "jo@example.com", "https://x.com/a?b=1",
                  "👩\u200d💻", "👋🏽", "🇬🇧"):
        assert whole in tokens


def test_capitals_with_a_number_are_a_name_not_leetspeak():
    from postlint.post import word_forms

    # a protocol, a format, a product: read as written
    assert word_forms("POP3") == ("pop3",)
    assert word_forms("MP3") == ("mp3",)
    assert word_forms("HTML5") == ("html5",)
    # digits inside a word, after lower case, or after one capital are still leetspeak
    assert "pope" in word_forms("p0pe")
    assert "shit" in word_forms("SH1T")
    assert "ass" in word_forms("A55")
    assert "ass" in word_forms("a55")


def test_a_word_stretched_in_two_places_is_folded():
    from postlint.post import word_forms

    assert "fuck" in word_forms("Fuuckkkk")
    assert "shit" in word_forms("shhiiittt")
    assert "good" in word_forms("goooood")      # one stretch, a real double letter
    # no run of three: doubled letters are the word's own, not a stretch
    assert word_forms("Cool") == ("cool",)
    assert word_forms("Fuuck") == ("fuuck",)
