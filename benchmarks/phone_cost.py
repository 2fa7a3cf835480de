"""What the ``phone`` rule kind costs: how many posts reach it, and its time per post.

    python benchmarks/phone_cost.py --corpus /work/shared/eval/tweeteval [--limit N]
        [--repeat 3]

Posts are those of ``throughput.py`` (every ``*/train_text.txt`` and ``*/val_text.txt``
under the corpus folder). One ``Linter()`` (built-in packs) lints them all while
``PhoneCheck.find`` is timed, so the figures are:

- the share of posts the prefilter lets through to the phone rule (a post must have a
  phone-shaped digit run), and how many of those get a phone finding;
- the seconds spent inside the phone rule, per post of the corpus and as a share of the
  whole lint time (median of ``--repeat`` passes over the corpus, after one warm-up pass
  that also pays for the first ``import phonenumbers``);
- the cost of that import, once per process, timed in a fresh interpreter.

Nothing is written; the figures go to stdout.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

import _common as c  # noqa: E402

IMPORT_PROBE = ("import time; t = time.perf_counter(); import phonenumbers; "
                "print(time.perf_counter() - t)")


def import_seconds(repeat: int) -> float:
    """Median wall seconds of ``import phonenumbers`` in a fresh interpreter."""
    runs = [float(subprocess.run([sys.executable, "-c", IMPORT_PROBE], check=True,
                                 capture_output=True, text=True).stdout)
            for _ in range(repeat)]
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="TweetEval folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N posts")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (default 3)")
    args = parser.parse_args(argv)

    from postlint import Linter
    from postlint.kinds.phone import PhoneCheck

    posts = c.load_posts(args.corpus, args.limit)
    linter = Linter()
    inside = [0.0]
    calls = [0]
    original = PhoneCheck.find

    def timed_find(self, post):
        calls[0] += 1
        t0 = time.perf_counter()
        hits = list(original(self, post))
        inside[0] += time.perf_counter() - t0
        return hits

    PhoneCheck.find = timed_find
    try:
        flagged = sum(any(f.rule == "oversharing/phone-number" for f in fs)
                      for fs in linter.lint_many(posts))  # warm-up, and the counts
        reached = calls[0]
        totals, phone = [], []
        for _ in range(args.repeat):
            inside[0] = 0.0
            t0 = time.perf_counter()
            for _ in linter.lint_many(posts):
                pass
            totals.append(time.perf_counter() - t0)
            phone.append(inside[0])
    finally:
        PhoneCheck.find = original

    total, in_phone = statistics.median(totals), statistics.median(phone)
    n = len(posts)
    rows = [
        ["posts", f"{n:,}"],
        ["posts the prefilter lets through to the phone rule",
         f"{reached:,} ({100 * reached / n:.1f}%)"],
        ["posts with a phone-number finding", f"{flagged:,} ({100 * flagged / n:.2f}%)"],
        ["lint time, whole corpus (median)", f"{total:.2f} s ({n / total:,.0f} posts/s)"],
        ["time inside the phone rule (median)",
         f"{in_phone:.3f} s ({100 * in_phone / total:.1f}% of lint time)"],
        ["phone rule per post of the corpus", f"{1e6 * in_phone / n:.1f} µs"],
        ["phone rule per post it runs on", f"{1e6 * in_phone / max(reached, 1):.0f} µs"],
        ["`import phonenumbers`, once per process (median, fresh interpreter)",
         f"{1000 * import_seconds(args.repeat):.0f} ms"],
    ]
    print(c.table(["figure", "value"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
