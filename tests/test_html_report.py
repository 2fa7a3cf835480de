"""The HTML report in a real headless Chromium (Debian's package, driven by Playwright over
the DevTools protocol): it loads with no console error and no request, the highlights sit
exactly on the findings' spans, the filters work from the keyboard, reasons show on hover
and focus, names, descriptions and contrast are there for assistive technology, and a
screenshot is written to the test's output folder."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from corpus import FEED, INPUTS, RECORDS, SECRETS, TEXTS, make_corpus, run_check

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """The corpus checked once: the HTML report and the same run as JSON."""
    root = tmp_path_factory.mktemp("html")
    make_corpus(root)
    result = run_check(root, *INPUTS, "--format", "html", "--output", "json:run.json")
    assert result.exit_code == 2
    path = root / "report.html"
    path.write_text(result.stdout, encoding="utf-8")
    doc = json.loads((root / "run.json").read_text(encoding="utf-8"))
    return {"path": path, "html": result.stdout, "doc": doc}


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1100, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(context, report):
    """The report opened in a new tab; console errors and every request recorded."""
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(report["path"].as_uri())
    page.wait_for_load_state("load")
    yield page
    page.close()


def display(text: str) -> str:
    """The text as the page shows it: CRLF and CR as LF, controls as their pictures."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 32 and c not in "\t\n" else
                   "\u2421" if c == "\x7f" else c for c in text)


def units(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript counts."""
    return len(text.encode("utf-16-le")) // 2


def post_texts(doc) -> list[tuple[str, str, list[dict]]]:
    """(title, text, findings) of every post with findings, in report order."""
    posts: list[tuple[str, str, list[dict]]] = []
    key = None
    for f in doc["findings"]:
        here = (f["path"], f.get("record"))
        if here != key:
            key = here
            if f["path"] == FEED:
                text, title = RECORDS[f["record"] - 1]["text"], f"{FEED}:{f['record']}"
            else:
                text, title = TEXTS[f["path"]], f"{f['path']}:1"
            posts.append((title, text, []))
        posts[-1][2].append(f)
    return posts


MARKS_JS = """() => Array.from(document.querySelectorAll("article.post")).map(post => {
  const marks = [];
  let offset = 0;
  for (const node of post.querySelector(".text").childNodes) {
    if (node.nodeType === Node.TEXT_NODE) { offset += node.data.length; continue; }
    const own = Array.from(node.childNodes).filter(n => n.nodeType === Node.TEXT_NODE)
      .map(n => n.data).join("");
    const box = node.getBoundingClientRect();
    marks.push({offset, text: own, findings: node.dataset.findings.split(" "),
                cls: node.className, width: box.width, height: box.height,
                background: getComputedStyle(node).backgroundColor});
    offset += own.length;
  }
  return {title: post.querySelector("h3").textContent, marks,
          findings: Array.from(post.querySelectorAll("li.finding")).map(li => li.id)};
})"""


def test_loads_without_errors_or_requests(page, report):
    assert page.errors == []  # a CSP violation (a wrong hash) would be a console error
    assert page.requests == [report["path"].as_uri()]
    assert page.title().startswith("postlint report: ")
    html = report["html"]
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src 'none'" in html
    assert not re.search(r"""(?:src|href)=["'](?!#)""", html)  # in-page links only
    assert "<link" not in html and "url(" not in html and "@import" not in html


def test_highlights_are_where_the_findings_are(page, report):
    shown = page.evaluate(MARKS_JS)
    expected = post_texts(report["doc"])
    assert [p["title"] for p in shown] == [title for title, _, _ in expected]
    for post, (_, text, findings) in zip(shown, expected, strict=True):
        assert len(post["findings"]) == len(findings)
        for finding_id, f in zip(post["findings"], findings, strict=True):
            marks = sorted((m for m in post["marks"] if finding_id in m["findings"]),
                           key=lambda m: m["offset"])
            runs: list[list[dict]] = []  # marks that touch form one highlighted span
            for mark in marks:
                last = runs[-1][-1] if runs else None
                if last and last["offset"] + units(last["text"]) == mark["offset"]:
                    runs[-1].append(mark)
                else:
                    runs.append([mark])
            spans = [f, *f["related"]]
            assert len(runs) == len(spans), (f["rule"], runs)
            for run, span in zip(runs, spans, strict=True):
                start = units(display(text[:span["start"]]))
                assert run[0]["offset"] == start, (f["rule"], span)
                assert "".join(m["text"] for m in run) == display(span["match"]), f["rule"]
            for mark in marks:
                assert mark["width"] > 0 and mark["height"] > 0
                assert mark["background"] != "rgba(0, 0, 0, 0)"


def test_secrets_are_masked_in_the_page(page):
    text = page.locator("body").inner_text()
    assert not [s for s in SECRETS if s in text]
    assert "07*** ***123" in text and "j********@g****.com" in text


def test_filters_work_from_the_keyboard(page, report, tmp_path):
    doc = report["doc"]
    total = len(doc["findings"])
    negativity = sum(f["category"] == "negativity" for f in doc["findings"])
    info = sum(f["severity"] == "info" for f in doc["findings"])
    both = sum(f["category"] == "negativity" and f["severity"] == "info"
               for f in doc["findings"])
    status = page.get_by_role("status")
    assert status.inner_text().startswith(f"Showing {total} of {total} findings")

    box = page.get_by_role("checkbox", name=re.compile(r"^negativity \(\d+\)$"))
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    assert status.inner_text().startswith(f"Showing {total - negativity} of {total} findings")
    assert page.locator('li.finding[data-category="negativity"]:visible').count() == 0
    assert page.locator("li.finding:visible").count() == total - negativity
    # a piece covered only by negativity findings is no longer highlighted
    off = page.evaluate("""() => Array.from(document.querySelectorAll("mark")).filter(m =>
        m.dataset.findings.split(" ").every(id =>
          document.getElementById(id).dataset.category === "negativity"))
        .map(m => [m.className, m.tabIndex])""")
    assert off and all(cls == "off" and tab == -1 for cls, tab in off)

    page.get_by_role("checkbox", name=re.compile(r"^info \(\d+\)$")).focus()
    page.keyboard.press("Space")
    assert status.inner_text().startswith(
        f"Showing {total - negativity - info + both} of {total} findings")
    page.screenshot(path=str(tmp_path / "report-filtered.png"), full_page=True)

    page.get_by_role("button", name="Show all").focus()
    page.keyboard.press("Enter")
    assert status.inner_text().startswith(f"Showing {total} of {total} findings")
    assert page.locator("li.finding:visible").count() == total


def test_tab_reaches_filters_and_highlights(page):
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "() => { const e = document.activeElement; return e.tagName + ':' + "
            "(e.getAttribute('type') || e.className || e.textContent.slice(0, 20)); }"))
    assert "A:skip" in reached[0]
    assert any(r == "INPUT:checkbox" for r in reached)
    assert any(r.startswith("BUTTON:") for r in reached)
    assert any(r.startswith("MARK:sev-") for r in reached)


def test_the_reason_shows_on_focus_and_hover(page, tmp_path):
    from playwright.sync_api import expect

    mark = page.locator("mark").nth(1)
    tip = mark.locator(".tip")
    expect(tip).to_be_hidden()
    mark.focus()
    expect(tip).to_be_visible()
    assert re.match(r"(Error|Warning|Info), \w+: ", tip.inner_text())
    expect(mark).to_have_accessible_description(re.compile(r"(Error|Warning|Info), \w+: .*Why: "))
    page.screenshot(path=str(tmp_path / "report-tooltip.png"))
    page.keyboard.press("Escape")  # dismissible without moving focus
    expect(tip).to_be_hidden()
    page.locator("h1").hover()
    mark.hover()
    expect(tip).to_be_visible()


def test_structure_names_and_contrast(page, report):
    from playwright.sync_api import expect

    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("postlint report")
    expect(page.get_by_role("table", name="Findings by category and severity")).to_be_visible()
    expect(page.get_by_role("group", name="Category")).to_be_visible()
    expect(page.get_by_role("group", name="Severity")).to_be_visible()
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 7
    for n in range(boxes.count()):
        expect(boxes.nth(n)).to_have_accessible_name(re.compile(r"^\w+ \(\d+\)$"))
    articles = page.get_by_role("article")
    assert articles.count() == len(post_texts(report["doc"]))
    expect(articles.first).to_have_accessible_name(re.compile(r"^posts/.+:\d+$"))
    expect(page.get_by_role("main")).to_be_visible()
    ratios = page.evaluate("""() => {
      const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05); };
      const out = [];
      const check = (el, bgEl) => {
        const fg = rgb(getComputedStyle(el).color);
        let node = bgEl || el, bg = getComputedStyle(node).backgroundColor;
        while (bg === "rgba(0, 0, 0, 0)" && node.parentElement) {
          node = node.parentElement; bg = getComputedStyle(node).backgroundColor; }
        if (bg === "rgba(0, 0, 0, 0)") { bg = "rgb(255, 255, 255)"; }
        out.push([el.tagName + "." + el.className, ratio(fg, rgb(bg))]);
      };
      document.querySelectorAll("mark, .badge, .findings p, .text, td, label, .tip")
        .forEach(el => check(el));
      return out;
    }""")
    low = [(name, round(r, 2)) for name, r in ratios if r < 4.5]
    assert ratios and low == []


def test_without_script_everything_is_shown(context, report):
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(report["path"].as_uri())
    assert not page.locator("#filters").is_visible()  # filters need the script
    assert page.locator("li.finding:visible").count() == len(report["doc"]["findings"])
    assert page.locator("mark").count() > 0
    page.close()


def test_a_screenshot_is_written(page, tmp_path):
    path = tmp_path / "report.png"
    page.screenshot(path=str(path), full_page=True)
    data = Path(path).read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000
