"""The closed sets a rule pack is validated against: categories, tags, severities, platforms."""

from __future__ import annotations

CATEGORIES = ("controversy", "oversharing", "negativity", "style")
# Categories of the optional packs (postlint.profiles): valid in packs, reported only when a
# rule of theirs fires (summaries list CATEGORIES always).
OPTIONAL_CATEGORIES = ("compliance",)

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

# What kind of risk a rule is about. Reports group by these and users filter on them.
TAGS: dict[str, str] = {
    # controversy
    "topic": "a hot-button topic: politics, religion, social issues, wars",
    "politics": "elections, parties, politicians, policy fights",
    "religion": "faith and religious groups",
    "profanity": "swear words, including disguised spellings",
    "insult": "name-calling and personal attacks",
    "identity-attack": "slurs and attacks on people for who they are",
    "threat": "threats of violence or harm",
    "defamation": "claims that someone is a fraud, a scam, a criminal",
    "absolute": "sweeping claims about groups: everyone, always, never",
    "mockery": "mocking competitors or customers",
    "newsjacking": "a disaster, tragedy, remembrance or people in need used to promote a brand",
    "geopolitics": "disputed territories and wars between states: Taiwan, Tibet, Ukraine ...",
    "tasteless-joke": "jokes about race, nationality, disease or disasters",
    "intoxication": "alcohol, drugs and being drunk or high, on a brand or work account",
    "harassment": "sexual remarks about a person's body",
    # oversharing
    "personal-data": "contact details and identifiers of a person",
    "location": "where someone lives or is right now",
    "travel": "travel plans and empty-home signals",
    "family": "children, relatives, relationship conflicts",
    "health": "medical and health details",
    "finance": "salary, debts, bank and card details",
    "confidential": "unreleased or internal business information",
    "credential": "passwords, API keys, tokens, private keys",
    "market-moving": "non-public company news that can move a share price: deals, funding, "
                     "own share price, numbers before release, layoffs from the inside",
    # negativity
    "sentiment": "strongly negative tone",
    "complaint": "complaining about the job, boss, colleagues or customers",
    "rant": "venting and rants",
    "sarcasm": "sarcasm that reads badly out of context",
    "shouting": "capitals and runs of exclamation marks",
    "failure": "sharing in public what went wrong",
    # style
    "length": "over a platform's length limit",
    "readability": "hard to read",
    "draft": "a placeholder or an unfilled template field left in the post",
    "hashtags": "hashtag and mention use",
    # compliance (optional packs for regulated firms)
    "financial-promotion": "promised returns, no-risk claims, investment advice",
    "health-claim": "claims that a product cures, prevents or is proven",
}

# Platforms a `length` rule may name; how each counts is in postlint.kinds.length.
PLATFORMS = ("x", "bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook")
