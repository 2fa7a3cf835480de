"""Scaling: time per post and peak RSS of the CLI at 1k, 10k and 100k posts; --jobs 1 vs 2.

    python benchmarks/scaling.py --corpus /work/shared/eval/tweeteval [--sizes 1000,10000,100000]
        [--jobs-posts 50000] [--jobs-repeat 1] [--json]

Each size is one ``postlint check --format json posts.jsonl`` in a fresh process (the corpus
is repeated to reach the size). Its fixed cost (start-up, packs, one post) is measured the
same way on a one-post file, so the marginal time per post is ``(wall - fixed) / posts``.
Flat means: marginal time per post and peak RSS at the largest size within 1.2x of the
10k figures (RSS: 1.2x + 20 MB; caches that fill up over the first posts are allowed).
Then ``--jobs 1`` against ``--jobs 2`` on ``--jobs-posts`` posts, when ``postlint check
--help`` lists ``--jobs`` (otherwise reported as not available). Writes only under
benchmarks/results/.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

import _common as c  # noqa: E402

FLAT_TIME = 1.2
FLAT_RSS = 1.2
FLAT_RSS_SLACK_MB = 20.0
JOBS_TARGET = 1.6


def run_cli(posts_file: Path, n: int, help_text: str, extra: list[str] | None = None
            ) -> dict[str, object]:
    out = c.results_dir() / "scaling-report.json"
    size_args = c.cli_extra_args(help_text, posts_file.stat().st_size)
    run = c.run_child([*c.postlint_cmd(), "check", "--format", "json", *size_args,
                       *(extra or []), posts_file], stdout_path=out)
    result: dict[str, object] = {"posts": n, "wall": run.wall, "user": run.user,
                                 "sys": run.sys, "max_rss_mb": run.max_rss_mb,
                                 "exit_code": run.returncode}
    if not run.ok:
        result["error"] = (run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"])[0]
        return result
    summary = c.cli_summary(out) or {}
    result["findings"] = summary.get("findings")
    if summary.get("posts") not in (None, n):
        result["warning"] = f"CLI reported {summary.get('posts')} posts, expected {n}"
    out.unlink(missing_ok=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="TweetEval folder")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated post counts (default 1000,10000,100000)")
    parser.add_argument("--jobs-posts", type=int, default=50000,
                        help="posts for the --jobs 1 vs --jobs 2 run (default 50000)")
    parser.add_argument("--jobs-repeat", type=int, default=1,
                        help="interleaved --jobs 1 / --jobs 2 pairs (median kept; default 1)")
    parser.add_argument("--json", action="store_true",
                        help="write results to benchmarks/results/scaling.json")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())

    info = c.machine_info()
    c.print_machine(info)
    help_text = c.check_help()
    if not help_text:
        print("postlint is not installed in this environment (pip install -e .)",
              file=sys.stderr)
        return 2
    corpus = c.load_posts(args.corpus)
    print(f"corpus: {len(corpus):,} distinct posts, repeated to reach each size", flush=True)

    one = c.write_jsonl(corpus[:1], c.results_dir() / "scaling-1.jsonl")
    fixed_runs = [run_cli(one, 1, help_text) for _ in range(3)]
    if any("error" in r for r in fixed_runs):
        print(f"postlint check failed: {fixed_runs[0].get('error')}", file=sys.stderr)
        return 2
    fixed = c.median([float(r["wall"]) for r in fixed_runs])
    fixed_cpu = c.median([float(r["user"]) + float(r["sys"]) for r in fixed_runs])
    print(f"fixed cost (one post, median of 3): {fixed * 1000:.0f} ms wall, "
          f"{fixed_cpu * 1000:.0f} ms CPU", flush=True)

    results = []
    for n in sizes:
        path = c.write_jsonl(c.repeat_to(corpus, n), c.results_dir() / f"scaling-{n}.jsonl")
        print(f"{n:,} posts ({path.stat().st_size / 1e6:.1f} MB) ...", flush=True)
        r = run_cli(path, n, help_text)
        if "error" not in r:
            r["per_post_ms"] = float(r["wall"]) / n * 1000
            r["marginal_per_post_ms"] = max(float(r["wall"]) - fixed, 0.0) / n * 1000
            r["posts_per_second"] = n / float(r["wall"])
            r["cpu_per_post_ms"] = (float(r["user"]) + float(r["sys"])) / n * 1000
            r["marginal_cpu_per_post_ms"] = max(float(r["user"]) + float(r["sys"]) - fixed_cpu,
                                                0.0) / n * 1000
        results.append(r)
        path.unlink(missing_ok=True)

    rows = []
    for r in results:
        if "error" in r:
            rows.append([f"{r['posts']:,}", "-", "-", "-", "-", "-", "-", "-",
                         f"error: {r['error']}"])
            continue
        rows.append([f"{r['posts']:,}", f"{float(r['wall']):.2f}",
                     f"{r['per_post_ms']:.3f}", f"{r['marginal_per_post_ms']:.3f}",
                     f"{r['cpu_per_post_ms']:.3f}", f"{r['marginal_cpu_per_post_ms']:.3f}",
                     c.fmt_rate(float(r["posts_per_second"])), f"{float(r['max_rss_mb']):.0f}",
                     r.get("warning", "")])
    print()
    print(c.table(["posts", "wall s", "ms/post", "marginal ms/post", "CPU ms/post",
                   "marginal CPU ms/post", "posts/s", "peak RSS MB", "notes"], rows))

    ok = [r for r in results if "error" not in r]
    verdicts = []
    if len(ok) >= 2:
        big, small = ok[-1], ok[0]
        mid = next((r for r in ok[:-1] if r["posts"] == 10000), ok[-2])
        t_ratio = big["marginal_per_post_ms"] / mid["marginal_per_post_ms"]
        rss_limit = float(mid["max_rss_mb"]) * FLAT_RSS + FLAT_RSS_SLACK_MB
        cpu_ratio = big["marginal_cpu_per_post_ms"] / mid["marginal_cpu_per_post_ms"]
        verdicts.append([f"time/post flat: {big['posts']:,} vs {mid['posts']:,} "
                         f"(marginal) <= {FLAT_TIME}x", c.fmt_ratio(t_ratio),
                         "met" if t_ratio <= FLAT_TIME else "MISSED"])
        verdicts.append(["(the same by CPU time, less sensitive to other load)",
                         c.fmt_ratio(cpu_ratio), ""])
        verdicts.append([f"peak RSS flat: {big['posts']:,} vs {mid['posts']:,} "
                         f"<= {FLAT_RSS}x + {FLAT_RSS_SLACK_MB:.0f} MB",
                         f"{float(big['max_rss_mb']):.0f} MB vs {float(mid['max_rss_mb']):.0f}"
                         f" MB", "met" if float(big["max_rss_mb"]) <= rss_limit else "MISSED"])
        verdicts.append([f"(peak RSS growth from {small['posts']:,} posts)",
                         f"+{float(big['max_rss_mb']) - float(small['max_rss_mb']):.0f} MB", ""])

    jobs: dict[str, object] = {"available": "--jobs" in help_text}
    if jobs["available"]:
        path = c.write_jsonl(c.repeat_to(corpus, args.jobs_posts),
                             c.results_dir() / f"scaling-jobs-{args.jobs_posts}.jsonl")
        runs: dict[int, list[dict[str, object]]] = {1: [], 2: []}
        for i in range(args.jobs_repeat):
            for j in (1, 2):
                print(f"--jobs {j} on {args.jobs_posts:,} posts ({i + 1}/{args.jobs_repeat})"
                      " ...", flush=True)
                runs[j].append(run_cli(path, args.jobs_posts, help_text, ["--jobs", str(j)]))
        path.unlink(missing_ok=True)
        for j in (1, 2):  # the run with the median wall time
            ok_runs = sorted((r for r in runs[j] if "error" not in r),
                             key=lambda r: float(r["wall"]))
            jobs[f"jobs{j}"] = ok_runs[len(ok_runs) // 2] if ok_runs else runs[j][0]
            jobs[f"jobs{j}_walls"] = [r.get("wall") for r in runs[j]]
        j1, j2 = jobs["jobs1"], jobs["jobs2"]
        if "error" in j1 or "error" in j2:
            err = j1.get("error") or j2.get("error")
            verdicts.append([f"--jobs 2 vs --jobs 1 on {args.jobs_posts:,} posts "
                             f">= {JOBS_TARGET}x", f"error: {err}", "n/a"])
        else:
            speedup = float(j1["wall"]) / float(j2["wall"])
            jobs["speedup"] = speedup
            print()
            print(c.table(["run", "posts", "wall s", "posts/s", "CPU s (all processes)",
                           "peak RSS MB (largest process)", "every run's wall s"], [
                [f"--jobs {j}", f"{args.jobs_posts:,}", f"{float(r['wall']):.2f}",
                 c.fmt_rate(args.jobs_posts / float(r["wall"])),
                 f"{float(r['user']) + float(r['sys']):.1f}", f"{float(r['max_rss_mb']):.0f}",
                 " ".join(f"{float(w):.1f}" for w in jobs[f"jobs{j}_walls"] if w is not None)]
                for j, r in ((1, j1), (2, j2))]))
            verdicts.append([f"--jobs 2 vs --jobs 1 on {args.jobs_posts:,} posts "
                             f">= {JOBS_TARGET}x", c.fmt_ratio(speedup),
                             "met" if speedup >= JOBS_TARGET else "MISSED"])
    else:
        verdicts.append([f"--jobs 2 vs --jobs 1 >= {JOBS_TARGET}x", "not available", "n/a"])
    print()
    print(c.table(["target", "measured", "verdict"], verdicts))

    if args.json:
        payload = {"benchmark": "scaling", "date": c.now_iso(), "machine": info,
                   "corpus": os.path.abspath(args.corpus), "fixed_seconds": fixed,
                   "fixed_cpu_seconds": fixed_cpu,
                   "fixed_runs": fixed_runs, "sizes": results, "jobs": jobs}
        print(f"\nwrote {c.save_json('scaling.json', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
