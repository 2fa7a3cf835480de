"""``postlint test-rules``: every rule's ``flag`` examples must flag it, ``pass`` ones must not."""

from __future__ import annotations

from dataclasses import dataclass

from .api import Linter
from .post import Post


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    expected: str  # "flag" or "pass"
    text: str
    path: str
    line: int

    def __str__(self) -> str:
        verb = "should flag but did not" if self.expected == "flag" else "should pass but flagged"
        return f"{self.path}:{self.line}: rule '{self.rule}': {verb}: {self.text!r}"


def run_examples(linter: Linter) -> tuple[str, list[ExampleFailure]]:
    """Run all examples; return a report and the failures."""
    failures: list[ExampleFailure] = []
    checked = skipped = 0
    nlp = linter.nlp
    ruleset = linter.ruleset
    with nlp.select_pipes(disable=["postlint"]):
        for compiled in ruleset.compiled:
            rule = compiled.rule
            if compiled.skipped:
                skipped += 1
                continue
            platforms = compiled.check.platforms()
            platform = sorted(platforms)[0] if platforms else None
            for expected, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
                for text in examples:
                    checked += 1
                    post = Post(nlp(text), platform)
                    # Each rule on its own: the overlap policy would hide a rule's example
                    # behind a stronger rule on the same words.
                    found = ruleset.run(post, merge_overlaps=False)
                    fired = any(f.rule == rule.id for f in found)
                    if fired != (expected == "flag"):
                        failures.append(ExampleFailure(rule.id, expected, text, rule.path,
                                                       rule.line))
    lines = [str(f) for f in failures]
    lines.append(f"{checked} examples of {len(ruleset.compiled)} rules: {len(failures)} failed"
                 + (f", {skipped} rules skipped (they need a trained pipeline)" if skipped else ""))
    return "\n".join(lines) + "\n", failures
