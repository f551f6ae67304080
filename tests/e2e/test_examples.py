"""Every Python example in README.md and on the documentation site (docs/) runs as written.

Blocks that define ``test_`` functions run as a pytest file (with the plugin loaded
from its entry point, as a user's suite would); every other Python block runs as a
script. Each runs in a subprocess, in a temporary directory.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
EXAMPLES = [
    (page.relative_to(ROOT).as_posix(), block)
    for page in PAGES
    for block in re.findall(r"```python\n(.*?)```", page.read_text(), flags=re.S)
]


def example_id(example: tuple[str, str]) -> str:
    page, block = example
    first = next(line for line in block.splitlines() if line.strip())
    slug = re.sub(r"\W+", "-", first)[:40]
    return f"{page}:{slug}"


def test_the_readme_and_the_site_have_python_examples() -> None:
    pages = {page for page, _ in EXAMPLES}
    assert "README.md" in pages
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("example", EXAMPLES, ids=[example_id(e) for e in EXAMPLES])
def test_example_runs(example: tuple[str, str], tmp_path: Path) -> None:
    _, block = example
    if re.search(r"^def test_", block, flags=re.M):
        (tmp_path / "test_example.py").write_text(block)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
        ]
    else:
        (tmp_path / "example.py").write_text(block)
        command = [sys.executable, "example.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
