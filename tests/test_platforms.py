"""Platform limits: each platform's length counted as it counts, and Instagram's hashtags.

The X figures are twitter-text's own conformance vectors (conformance/validate.yml and
extract.yml of twitter/twitter-text, v3 configuration): the expected numbers are theirs.
"""

from __future__ import annotations

import pytest

from postlint.kinds.length import _x_links, count, graphemes, hashtags
from postlint.sources.platforms import PlatformProblem, platform_of

CJK_160 = ("故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
           "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
           "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
           "遥知兄弟登高处，遍插茱萸少一人。")


@pytest.mark.parametrize("text, weighted", [
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("285 chars- http://www.twitter.com/jack " + "xxxxxxxxxx-" * 23 + "x", 11 + 23 + 1 + 254),
    ("https://www.twitter.com/aloha " * 9 + "https://www.twitter.com/aloha", 23 * 10 + 9),
    (CJK_160, 320),
    ("the" + CJK_160, 323),
    ("😷" * 160, 320),
    ("H🐱☺👨‍👩‍👧‍👦", 7),
    ("😷👾😡🔥💩", 10),
    ("🙋🏽👨‍🎤", 4),
    ("282 chars-" + "xxxxxxxxxx-" * 24 + "xxxxx\u0041\u0301x", 281),  # NFC: A + accent is one
    ("\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069", 31),  # directional marks weigh 2
    ("ABC\u202a\uffffABC\ufffe", 12),
])
def test_x_weighted_length_matches_twitter_text(text, weighted):
    assert count(text, "x") == weighted


@pytest.mark.parametrize("text, links", [
    ("see acme.com/launch and www.example.org", ["acme.com/launch", "www.example.org"]),
    ("HTTPS://www.ExaMPLE.COM/index.html", ["HTTPS://www.ExaMPLE.COM/index.html"]),
    ("http://example.com/Русские_слова", ["http://example.com/Русские_слова"]),
    ("(see http://en.wikipedia.org/wiki/Foo_(bar))", ["http://en.wikipedia.org/wiki/Foo_(bar)"]),
    ("Trailing http://example.com/path. and, more", ["http://example.com/path"]),
    ("これは日本語です。example.com/path/index.html中国語example.com/path한국",
     ["example.com/path/index.html", "example.com/path"]),
    ("ftp://www.example.com/ file.txt e.g. 3.14", []),
    ("http://domain-dash_2314352345_dfasd.foo-cow_4352.com http://www.-domain4352.com/", []),
    ("http://256.1.2.3/ john.doe.gov@mail.com name.al+lastname@foo.com", []),
    ("http://test.-twitter.com http://_leadingunderscore.twitter.com", []),
])
def test_x_finds_links_like_twitter_text(text, links):
    assert [text[s:e] for s, e in _x_links(text)] == links


def test_each_platform_counts_its_own_way():
    family = "👨‍👩‍👧"
    post = f"Launch {family} 🇬🇧 café https://example.com/a/really/long/path/for/the/launch"
    visible = len(graphemes(post))
    assert count(post, "bluesky") == count(post, "threads") == count(post, "linkedin") \
        == count(post, "instagram") == count(post, "facebook") == visible
    assert count(post, "mastodon") == visible - len("https://example.com/a/really/long/path/"
                                                    "for/the/launch") + 23
    assert count(post, "x") == 7 + 2 + 1 + 2 + 1 + 4 + 1 + 23
    assert count("e\u0301 क्षि", "bluesky") == 3  # an accent, a conjunct: one each


def test_mastodon_counts_remote_mentions_by_their_local_part():
    assert count("hi @jo@mastodon.social and @ann", "mastodon") == len("hi @jo and @ann")
    assert count("mail jo@example.com", "mastodon") == len("mail jo@example.com")


def test_white_space_around_a_post_is_not_counted():
    assert count("\n  hello  \n\n", "x") == 5
    assert count("a" * 280 + "\n", "x") == 280


def test_hashtags():
    text = "#launch #1 &#39; #ünïcode#dup url/#frag #ok_2"
    assert [text[s:e] for s, e in hashtags(text)] == ["#launch", "#ünïcode", "#ok_2"]


def test_instagram_refuses_more_than_30_hashtags(run_cli, tmp_path):
    tags = " ".join(f"#tag{i}" for i in range(31))
    post = tmp_path / "caption.md"
    post.write_text(f"---\nplatform: instagram\n---\nNew drop! {tags}\n", encoding="utf-8")
    result = run_cli("check", str(post))
    assert result.exit_code == 1
    assert "error style/too-many-hashtags The post has 31 hashtags; instagram allows 30." \
        in result.output
    assert f"{post}:4:{len('New drop! ') + len(tags) - len('#tag30') + 1}:" in result.output
    post.write_text(f"---\nplatform: x\n---\nNew drop! {tags}\n", encoding="utf-8")
    assert "too-many-hashtags" not in run_cli("check", str(post)).output


@pytest.mark.parametrize("value, platform", [
    ("X", "x"), ("Twitter", "x"), ("X (Twitter)", "x"), ("LinkedIn Page", "linkedin"),
    ("Facebook Page", "facebook"), ("IG", "instagram"), ("bsky", "bluesky"),
    ("Instagram Business, Twitter", "x"), (["linkedin", "threads"], "threads"),
    ("Pinterest", None), ("", None), (None, None),
])
def test_platform_names_from_sources(value, platform):
    assert platform_of(value) == platform


def test_unknown_platform_is_an_error_only_when_strict():
    with pytest.raises(PlatformProblem, match="unknown platform 'myspace'"):
        platform_of("myspace", strict=True)
    with pytest.raises(PlatformProblem, match="must be a platform name"):
        platform_of(42, strict=True)
