"""The version is written once (moto_kendra/_version.py): the installed package's
metadata, ``moto_kendra.__version__`` and the changelog agree."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import moto_kendra

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"


def test_the_package_metadata_and_the_module_agree():
    assert importlib.metadata.version("moto-kendra") == moto_kendra.__version__


def test_the_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+", moto_kendra.__version__)


def test_the_changelog_has_a_section_for_this_version():
    headings = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", CHANGELOG.read_text(), flags=re.M)
    assert headings[0] == moto_kendra.__version__
    assert "0.1.0" in headings
