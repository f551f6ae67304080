"""Every Python example in README.md runs as written.

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

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def block_id(block: str) -> str:
    first = next(line for line in block.splitlines() if line.strip())
    return re.sub(r"\W+", "-", first)[:40]


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("block", BLOCKS, ids=[block_id(b) for b in BLOCKS])
def test_readme_example_runs(block: str, tmp_path: Path) -> None:
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
