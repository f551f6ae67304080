"""The `pkg` check: build, twine check, install the wheel alone, run conftest_plugin/ on it.

Usage: python .ci/check_package.py WORKDIR   (tox passes its env's temporary directory)

The wheel is installed into a new virtual environment (not editable, not the source
tree), and the example suite in conftest_plugin/ runs from a copy outside the source
tree with plugin autoloading off, so it loads moto_kendra only through its conftest's
``pytest_plugins`` and only from the installed wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, check=False)
    if result.returncode != 0:
        sys.exit(f"check_package: command failed (exit {result.returncode}): {args[:3]}")


def output(*args: str | Path, cwd: Path | None = None) -> str:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def main(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    dist = workdir / "dist"

    # The sdist first, then the wheel built from the unpacked sdist: a file the sdist
    # misses fails here.
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        sys.exit(f"check_package: expected one wheel and one sdist in {dist}")
    wheel = wheels[0]
    run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists)

    names = zipfile.ZipFile(wheel).namelist()
    for required in ("moto_kendra/__init__.py", "moto_kendra/py.typed"):
        if required not in names:
            sys.exit(f"check_package: {wheel.name} lacks {required}")
    strays = sorted(
        {n.split("/")[0] for n in names}
        - {"moto_kendra"}
        - {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
    )
    if strays:
        sys.exit(f"check_package: {wheel.name} installs unexpected top-level names: {strays}")

    env_dir = workdir / "wheel-venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    run(python, "-m", "pip", "check")

    suite = workdir / "conftest_plugin"
    shutil.copytree(ROOT / "conftest_plugin", suite)
    where = "import moto_kendra; print(moto_kendra.__file__)"
    location = Path(output(python, "-c", where, cwd=suite))
    if env_dir.resolve() not in location.resolve().parents:
        sys.exit(f"check_package: moto_kendra was imported from {location}, not the wheel")
    print(f"moto_kendra imported from {location}")
    script = bindir / ("moto-kendra-server.exe" if os.name == "nt" else "moto-kendra-server")
    if not script.exists():
        sys.exit(f"check_package: the wheel did not install the {script.name} console script")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    print("+ pytest conftest_plugin/ (copy) against the installed wheel", flush=True)
    code = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-ra"], cwd=suite, env=env
    ).returncode
    if code == 5:
        sys.exit("check_package: conftest_plugin/ collected no tests")
    if code != 0:
        sys.exit(f"check_package: conftest_plugin/ failed against the wheel (exit {code})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve() / "check_package")
