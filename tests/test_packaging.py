"""A non-editable install into a fresh virtual environment finds the built-in packs."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True, timeout=600)
    [built] = list(out.glob("postlint-*.whl"))
    return built


def test_wheel_ships_the_builtin_packs(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    packs = [n for n in names if n.startswith("postlint/_builtin_rules/") and n.endswith(".yaml")]
    assert packs, names
    assert len(packs) == len(list((ROOT / "rules").glob("*.yaml")))


def test_wheel_ships_the_profiles_and_optional_packs(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    profiles = {p.name for p in (ROOT / "src/postlint/profiles").glob("*.yaml")}
    packs = {p.name for p in (ROOT / "src/postlint/profiles/packs").glob("*.yaml")}
    assert profiles and packs
    assert {f"postlint/profiles/{n}" for n in profiles} <= names
    assert {f"postlint/profiles/packs/{n}" for n in packs} <= names


def test_fresh_venv_install_checks_examples(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # Dependencies come from this test environment's site-packages (appended to sys.path,
    # without its .pth files, so the editable postlint stays invisible); postlint itself is
    # installed from the wheel, without the network.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True).stdout
    (tmp_path / "x").mkdir()
    with open(os.path.join(site.strip(), "deps.pth"), "w", encoding="utf-8") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, timeout=300)
    where = subprocess.run([str(python), "-c", "import postlint; print(postlint.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path / "x")
    assert str(env_dir) in where.stdout
    result = subprocess.run([str(bindir / "postlint"), "check", str(ROOT / "examples")],
                            capture_output=True, text=True, cwd=tmp_path / "x", timeout=300)
    assert result.returncode == 1, result.stderr
    assert "oversharing/phone-number" in result.stdout
    assert "examples/clean" not in result.stdout
    listing = subprocess.run([str(bindir / "postlint"), "rules"], capture_output=True,
                             text=True, cwd=tmp_path / "x", check=True).stdout
    assert "controversy/" in listing and "negativity/" in listing


def test_wheel_ships_the_compiled_packs_and_a_start_uses_them(wheel, tmp_path):
    """The build hook's compiled form is in the wheel; an installed start with a read-only,
    empty cache folder reads it (no compile, no write), with the findings of a fresh
    compile; a changed pack or a damaged file means compiling as before."""
    import json
    import stat
    import zipfile

    assert "postlint/_compiled/builtin.rules" in zipfile.ZipFile(wheel).namelist()
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True).stdout
    site = site.strip()
    with open(os.path.join(site, "deps.pth"), "w", encoding="utf-8") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, timeout=300)
    cache = tmp_path / "ro-cache"
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    script = ("import dataclasses, json; from postlint import Linter, compiled; "
              "from test_compiled_cache import POSTS; l = Linter(); "
              "print(json.dumps([compiled.last_source, [[dataclasses.asdict(f) for f in fs] "
              "for fs in l.lint_many(POSTS)]]))")

    def start(cache_dir: str) -> tuple[str, list]:
        env = dict(os.environ, POSTLINT_CACHE_DIR=cache_dir,
                   PYTHONPATH=str(ROOT / "tests"), PYTHONDONTWRITEBYTECODE="1")
        out = subprocess.run([str(python), "-c", script], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=300)
        assert out.returncode == 0, out.stderr
        source, found = json.loads(out.stdout)
        return source, found

    try:
        source, shipped = start(str(cache))
        assert source == "bundled"
        assert list(cache.iterdir()) == []
        assert start("off")[0] == "bundled"
        packs = sorted((tmp_path / "venv").rglob("_builtin_rules/*.yaml"))
        first = packs[0]
        first.write_text(first.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        source, fresh = start("off")
        assert source == "compiled"
        assert fresh == shipped  # a comment changes no finding: same as a fresh compile
        first.write_text(first.read_text(encoding="utf-8").removesuffix("\n# changed\n"),
                         encoding="utf-8")
        assert start("off")[0] == "bundled"
        [bundle] = list((tmp_path / "venv").rglob("postlint/_compiled/builtin.rules"))
        data = bundle.read_bytes()
        bundle.write_bytes(data[:-1000])
        assert start("off") == ("compiled", shipped)
    finally:
        cache.chmod(stat.S_IRWXU)
