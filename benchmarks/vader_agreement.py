"""Agreement of postlint's fast VADER scorer (postlint.vader_fast) with vaderSentiment.

    python benchmarks/vader_agreement.py [--corpus /work/shared/eval/tweeteval] [--json]

On every validation post (``*/val_text.txt``), as the sentiment rules read it
(``reader_text``), and on each of its sentences, it compares the compound score of the
library (with postlint's "no"/"like" fixes, ``postlint.kinds.sentiment.analyzer``) with
``FastVader``: exact equality, and verdicts (score at or below a threshold) at every
threshold the loaded packs' sentiment rules use. Then it checks the posts end to end: the
sentiment rules' findings with the library's scores and with the fast scorer's. It also
times both scorers on the same texts (CPU time). Writes nothing.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def val_posts(corpus: Path) -> list[str]:
    posts = []
    for path in sorted(corpus.glob("**/val_text.txt")):
        with path.open(encoding="utf-8") as handle:
            posts += [line.rstrip("\r\n") for line in handle if line.strip()]
    return posts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="/work/shared/eval/tweeteval")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from postlint import Linter
    from postlint.kinds import sentiment
    from postlint.vader_fast import FastVader

    posts = val_posts(Path(args.corpus))
    linter = Linter()
    library = sentiment.analyzer()
    fast = FastVader.from_analyzer(library, sentiment._LIKERS)
    rules = [r for r in linter.rules if r.kind == "sentiment"]
    thresholds = sorted({r.params["threshold"] for r in rules}
                        | {r.params["relax"]["threshold"] for r in rules if r.params.get("relax")})

    texts = []
    for post, doc in zip(posts, linter.nlp.pipe(posts), strict=True):
        texts.append(sentiment.reader_text(post))
        texts += [sentiment.reader_text(s.text) for s in doc.sents if s.text.strip()]

    def timed(fn):
        start = time.process_time()
        scores = [fn(t) for t in texts]
        return scores, time.process_time() - start

    lib_scores, lib_seconds = timed(lambda t: library.polarity_scores(t)["compound"])
    fast_scores, fast_seconds = timed(fast.compound)
    pairs = list(zip(lib_scores, fast_scores, strict=True))
    equal = sum(a == b for a, b in pairs)
    verdicts = {str(th): sum((a <= th) == (b <= th) for a, b in pairs) / len(texts)
                for th in thresholds}

    # End to end: the sentiment rules' findings, with the library's scores and with ours.
    ids = {r.id for r in rules}

    def findings():
        out = []
        for found in linter.lint_many(posts):
            out.append([(f.rule, f.start, f.end, f.message) for f in found if f.rule in ids])
        return out

    original = sentiment.score
    sentiment.score = sentiment.library_score
    try:
        with_library = findings()
    finally:
        sentiment.score = original
    with_fast = findings()  # postlint scores with the fast scorer by default
    same_posts = sum(a == b for a, b in zip(with_library, with_fast, strict=True))

    result = {
        "posts": len(posts), "texts_scored": len(texts),
        "compound_identical": equal / len(texts),
        "verdict_agreement": verdicts,
        "post_findings_identical": same_posts / len(posts),
        "library_us_per_text": lib_seconds / len(texts) * 1e6,
        "fast_us_per_text": fast_seconds / len(texts) * 1e6,
        "speedup": lib_seconds / fast_seconds if fast_seconds else None,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{len(posts)} validation posts, {len(texts)} texts (posts and sentences) scored")
        print(f"compound identical:      {result['compound_identical']:.4%}")
        for th, share in verdicts.items():
            print(f"verdict agreement @ {th:>5}: {share:.4%}")
        print(f"sentiment findings identical per post: {result['post_findings_identical']:.4%}")
        print(f"library {result['library_us_per_text']:.1f} us/text, fast "
              f"{result['fast_us_per_text']:.1f} us/text ({result['speedup']:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
