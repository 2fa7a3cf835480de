"""Engines: posts/s of ``postlint audit`` on one machine, on Spark and on Dask, 1 and 2 workers.

    python benchmarks/scaling_engines.py --corpus /work/shared/eval/tweeteval
        [--posts 100000] [--startup-posts 200] [--engines local,spark,dask] [--workers 1,2]
        [--rss-sizes 100000,1000000] [--rss-jobs 2] [--json]

Every engine audits the same posts: the corpus lines repeated to ``--posts``, written once to
a Parquet file under benchmarks/results/ (row groups of 5,000 posts, with an id, an account,
a date and a network per post). Each measurement is one whole ``postlint audit`` process
(``--engine E --jobs W``; for Spark ``local[W]``, for Dask a local cluster of W one-thread
worker processes). Start-up is measured apart, as the same command on ``--startup-posts``
posts (interpreter, JVM or cluster start, packs, the per-worker linters, the summary's
stages); the marginal rate is ``(posts - startup posts) / (wall - startup wall)``.

Then peak RSS of ``postlint audit --jobs --rss-jobs`` over a JSON Lines export at each of
``--rss-sizes`` (flat memory: the largest within 1.2x + 20 MB of the smallest).

The 1-minute load average is printed before and after every run: the machine is shared, and
a loaded machine gives low and noisy figures. Writes only under benchmarks/results/.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import _common as c  # noqa: E402

NETWORKS = ("x", "linkedin", "mastodon", "bluesky", "facebook")
FLAT_RSS = 1.2
FLAT_RSS_SLACK_MB = 20.0


def record(n: int, text: str) -> dict[str, str]:
    return {"id": f"post-{n}", "account": f"account-{n % 50:02d}",
            "date": f"{2019 + n // 12 % 6}-{n % 12 + 1:02d}-15",
            "network": NETWORKS[n % len(NETWORKS)], "text": text}


def write_parquet(corpus: list[str], n: int, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [record(i, corpus[i % len(corpus)]) for i in range(n)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=5000)
    return path


def write_jsonl(corpus: list[str], n: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps(record(i, corpus[i % len(corpus)])) + "\n")
    return path


def audit(source: Path, engine: str, workers: int, tag: str) -> dict[str, object]:
    out = c.results_dir() / f"engines-out-{tag}"
    summary = c.results_dir() / f"engines-summary-{tag}.json"
    for stale in (out, Path(f"{out}.audit-state.json"), summary):
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink(missing_ok=True)
    load_before = c.load_average()
    run = c.run_child([*c.postlint_cmd(), "audit", source, "-o", out, "--output-format",
                       "parquet", "--engine", engine, "--jobs", str(workers), "--progress",
                       "never", "--summary", summary])
    result: dict[str, object] = {
        "engine": engine, "workers": workers, "wall": run.wall, "user": run.user,
        "sys": run.sys, "max_rss_mb": run.max_rss_mb, "exit_code": run.returncode,
        "load_before": load_before, "load_after": c.load_average()}
    if run.ok and summary.exists():
        report = json.loads(summary.read_text())
        result["posts"] = report["posts"]
        result["findings"] = report["findings"]
    else:
        result["error"] = (run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"])[0]
    shutil.rmtree(out, ignore_errors=True)
    Path(f"{out}.audit-state.json").unlink(missing_ok=True)
    summary.unlink(missing_ok=True)
    return result


def rss_run(source: Path, n: int, jobs: int) -> dict[str, object]:
    out = c.results_dir() / f"engines-rss-{n}.jsonl"
    out.unlink(missing_ok=True)
    Path(f"{out}.audit-state.json").unlink(missing_ok=True)
    load_before = c.load_average()
    run = c.run_child([*c.postlint_cmd(), "audit", source, "-o", out, "--jobs", str(jobs),
                       "--progress", "never"])
    result = {"posts": n, "jobs": jobs, "wall": run.wall, "max_rss_mb": run.max_rss_mb,
              "exit_code": run.returncode, "load_before": load_before,
              "load_after": c.load_average(), "output_mb": out.stat().st_size / 2**20
              if out.exists() else None}
    if not run.ok:
        result["error"] = (run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"])[0]
    out.unlink(missing_ok=True)
    Path(f"{out}.audit-state.json").unlink(missing_ok=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="TweetEval folder")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--startup-posts", type=int, default=200)
    parser.add_argument("--engines", default="local,spark,dask")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--rss-sizes", default="100000,1000000",
                        help='post counts for the peak-RSS runs ("" for none)')
    parser.add_argument("--rss-jobs", type=int, default=2)
    parser.add_argument("--json", action="store_true",
                        help="write results to benchmarks/results/scaling_engines.json")
    args = parser.parse_args(argv)
    engines = [e for e in args.engines.split(",") if e]
    workers = [int(w) for w in args.workers.split(",") if w]
    sizes = sorted(int(s) for s in args.rss_sizes.split(",") if s.strip())

    info = c.machine_info()
    c.print_machine(info)
    if not c.check_help():
        print("postlint is not installed in this environment (pip install -e '.[test]')",
              file=sys.stderr)
        return 2
    corpus = c.load_posts(args.corpus)
    print(f"corpus: {len(corpus):,} distinct posts, repeated to {args.posts:,}", flush=True)
    big = write_parquet(corpus, args.posts, c.results_dir() / f"engines-{args.posts}.parquet")
    small = write_parquet(corpus, args.startup_posts,
                          c.results_dir() / f"engines-{args.startup_posts}.parquet")

    runs = []
    for engine in engines:
        for count in workers:
            started = time.strftime("%H:%M:%S")
            fixed = audit(small, engine, count, f"{engine}-{count}-small")
            full = audit(big, engine, count, f"{engine}-{count}-big")
            entry = {"engine": engine, "workers": count, "started": started,
                     "startup": fixed, "full": full}
            if "error" not in fixed and "error" not in full:
                marginal = full["wall"] - fixed["wall"]
                entry["posts_per_s"] = args.posts / full["wall"]
                entry["marginal_posts_per_s"] = (args.posts - args.startup_posts) / marginal \
                    if marginal > 0 else None
            runs.append(entry)
            print(f"{engine} x{count}: start-up {fixed['wall']:.1f} s, {args.posts:,} posts "
                  f"{full['wall']:.1f} s, load {full['load_before']:.2f}->"
                  f"{full['load_after']:.2f} {full.get('error', '')}", flush=True)

    print()
    print(c.table(
        ["engine", "workers", "start-up (s)", f"{args.posts:,} posts (s)", "posts/s (whole)",
         "posts/s (marginal)", "findings", "peak RSS of the driver (MB)", "load before/after"],
        [[r["engine"], r["workers"], f"{r['startup']['wall']:.1f}", f"{r['full']['wall']:.1f}",
          c.fmt_rate(r.get("posts_per_s")), c.fmt_rate(r.get("marginal_posts_per_s")),
          r["full"].get("findings", r["full"].get("error")),
          f"{r['full']['max_rss_mb']:.0f}",
          f"{r['full']['load_before']:.2f}/{r['full']['load_after']:.2f}"] for r in runs]))
    findings = {r["full"].get("findings") for r in runs if "findings" in r["full"]}
    print(f"\nsame findings count on every engine: {'yes' if len(findings) == 1 else 'NO'} "
          f"({', '.join(map(str, sorted(findings)))})")

    rss = []
    for n in sizes:
        source = write_jsonl(corpus, n, c.results_dir() / f"engines-rss-{n}-input.jsonl")
        rss.append(rss_run(source, n, args.rss_jobs))
        source.unlink()
        print(f"rss {n:,}: {rss[-1]['max_rss_mb']:.0f} MB in {rss[-1]['wall']:.0f} s, load "
              f"{rss[-1]['load_before']:.2f}->{rss[-1]['load_after']:.2f}", flush=True)
    verdict = None
    if len(rss) >= 2 and all("error" not in r for r in rss):
        low, high = rss[0]["max_rss_mb"], rss[-1]["max_rss_mb"]
        verdict = high <= low * FLAT_RSS + FLAT_RSS_SLACK_MB
        print()
        print(c.table(["posts", "jobs", "wall (s)", "peak RSS (MB)", "findings file (MB)",
                       "load before/after"],
                      [[f"{r['posts']:,}", r["jobs"], f"{r['wall']:.0f}",
                        f"{r['max_rss_mb']:.0f}", f"{r['output_mb']:.0f}",
                        f"{r['load_before']:.2f}/{r['load_after']:.2f}"] for r in rss]))
        print(f"\npeak RSS flat ({FLAT_RSS}x + {FLAT_RSS_SLACK_MB:.0f} MB): "
              f"{'met' if verdict else 'MISSED'} ({low:.0f} -> {high:.0f} MB)")
    big.unlink(missing_ok=True)
    small.unlink(missing_ok=True)
    if args.json:
        path = c.save_json("scaling_engines", {"machine": info, "when": c.now_iso(),
                                               "posts": args.posts, "runs": runs,
                                               "rss": rss, "rss_flat": verdict})
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
