// Peer benchmark for postlint: run alex over posts in one node process.
//
// Usage: node bench.mjs POSTS.jsonl [--mode text|markdown]
//
// POSTS.jsonl holds one JSON object per line with a "text" field (the same file
// that benchmarks/throughput.py feeds to `postlint check`). Prints one JSON object
// on stdout: counts and timings measured inside node (module import, then the
// lint loop alone). The whole-process wall time is measured by the caller.
import {readFileSync} from 'node:fs'
import {performance} from 'node:perf_hooks'

const t0 = performance.now()
const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const modeIdx = args.indexOf('--mode')
const mode = modeIdx >= 0 ? args[modeIdx + 1] : 'text'
if (!file) {
  console.error('usage: node bench.mjs POSTS.jsonl [--mode text|markdown]')
  process.exit(2)
}

const alex = await import('alex')
const check = mode === 'markdown' ? alex.markdown : alex.text
const tImported = performance.now()

const posts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line).text)
const tRead = performance.now()

const cpuStart = process.cpuUsage()
let messages = 0
let flagged = 0
for (const post of posts) {
  const result = check(post)
  messages += result.messages.length
  if (result.messages.length > 0) flagged += 1
}
const tDone = performance.now()
const cpu = process.cpuUsage(cpuStart)
const cpuSeconds = (cpu.user + cpu.system) / 1e6

const loopSeconds = (tDone - tRead) / 1000
process.stdout.write(
  JSON.stringify({
    tool: 'alex',
    mode,
    node: process.version,
    posts: posts.length,
    messages,
    flagged,
    import_seconds: (tImported - t0) / 1000,
    read_seconds: (tRead - tImported) / 1000,
    loop_seconds: loopSeconds,
    posts_per_second: posts.length / loopSeconds,
    cpu_seconds: cpuSeconds,
    posts_per_cpu_second: posts.length / cpuSeconds,
    max_rss_mb: process.resourceUsage().maxRSS / 1024
  }) + '\n'
)
