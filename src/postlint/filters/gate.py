"""The fail gate: which findings make the exit code 1, and which setting said so.

Each finding is judged by the most specific ``fail`` entry that matches it (a rule id, a
pattern, a tag, a category), looked up from the last settings layer to the first, else by
``fail-on``; ``--fail-on`` on the command line replaces both. ``--explain-exit`` prints the
verdicts (on stderr, so that stdout formats stay clean).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config.settings import FAIL_RANK, Entry, Settings, Value
from ..finding import Finding
from ..reporters import FileResult

SHOWN = 20  # failing findings listed by --explain-exit


def describe_setting(setting: Value | Entry) -> str:
    """``fail.category:controversy: warning (postlint.yaml:12)``."""
    origin = setting.origin
    where = f"{origin.source}:{origin.line}" if origin.line else origin.source
    return f"{origin.key}: {setting.value} ({where})"


@dataclass
class Verdict:
    where: str
    finding: Finding
    setting: Value | Entry

    @property
    def threshold(self) -> str:
        return str(self.setting.value)


@dataclass
class Gate:
    """Judges findings as they come and keeps what ``--explain-exit`` needs."""

    failing: list[Verdict] = field(default_factory=list)
    failing_count: int = 0
    passing: dict[str, int] = field(default_factory=dict)  # setting described -> count

    def judge(self, result: FileResult, settings: Settings) -> list[bool]:
        """Judge the findings of one post: whether each fails."""
        verdicts = []
        for f in result.findings:
            setting = settings.gate_for(f.rule, f.category, f.tags)
            fails = f.rank >= FAIL_RANK[str(setting.value)]
            verdicts.append(fails)
            if fails:
                self.failing_count += 1
                if len(self.failing) < SHOWN:
                    loc = result.location(f)
                    self.failing.append(Verdict(f"{result.path}:{loc.line}:{loc.column}", f,
                                                setting))
            else:
                key = describe_setting(setting)
                self.passing[key] = self.passing.get(key, 0) + 1
        return verdicts

    @property
    def fails(self) -> bool:
        return self.failing_count > 0

    def explain(self, exit_code: int, problems: int, suppressed: int = 0,
                baselined: int = 0) -> str:
        """Why the run exits with ``exit_code``, one reason per line."""
        n = self.failing_count
        total = sum(self.passing.values())
        if exit_code == 2:
            head = (f"{problems} input{'s' * (problems != 1)} could not be checked (see the "
                    "problems reported), and 2 wins over 1")
        elif n:
            head = f"{n} finding{'s' * (n != 1)} at or above {'its' if n == 1 else 'their'} " \
                   "fail level"
        elif total:
            head = f"{total} finding{'s' * (total != 1)}, none at or above its fail level"
        else:
            head = "no findings"
        left_out = [f"{n} suppressed" for n in [suppressed] if n] + \
            [f"{n} in the baseline" for n in [baselined] if n]
        if left_out:
            head += f" ({', '.join(left_out)}, not judged)"
        lines = [f"postlint: exit code {exit_code}: {head}"]
        for v in self.failing:
            lines.append(f"  {v.where} {v.finding.rule} ({v.finding.severity}) fails by "
                         f"{describe_setting(v.setting)}")
        if n > len(self.failing):
            lines.append(f"  ... and {n - len(self.failing)} more")
        if total:
            lines.append(f"postlint: {total} finding{'s' * (total != 1)} below "
                         f"{'its' if total == 1 else 'their'} fail level:")
            for key, count in sorted(self.passing.items()):
                lines.append(f"  {count} below {key}")
        return "\n".join(lines) + "\n"
