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
