"""The lock (requirements/lock.txt) against an environment: standard library only.

    python requirements/lockfile.py install PIP    install the lock with that pip (hashes checked)
    python requirements/lockfile.py block NAME     print NAME's pinned block, hashes included
    python requirements/lockfile.py sync           uninstall what the lock does not name
    python requirements/lockfile.py verify         exit 1 unless installed == lock
    python requirements/lockfile.py moved          what differs from the lock, one line each

``sync``, ``verify`` and ``moved`` look at the environment of the Python that runs them.
The project itself (installed editable) and pip are not in the lock.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

LOCK = Path(__file__).with_name("lock.txt")
PROJECT = "openkitchen"
# The installer is the venv's own (the Python's bundled pip): not a package of the lock.
NOT_LOCKED = {PROJECT, "pip"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path = LOCK) -> dict[str, str]:
    """Package name (normalised) -> exact version, for every pin of the lock."""
    found = {}
    for line in path.read_text().splitlines():
        match = _PIN.match(line)
        if match:
            found[normalise(match[1])] = match[2]
    return found


def installed() -> dict[str, str]:
    found = {normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}
    return {name: version for name, version in found.items() if name not in NOT_LOCKED}


def differences(locked: dict[str, str], present: dict[str, str]) -> list[str]:
    """One line per package that is missing, extra or at another version."""
    lines = []
    for name in sorted(set(locked) | set(present)):
        want, have = locked.get(name), present.get(name)
        if want == have:
            continue
        if have is None:
            lines.append(f"{name}: {want} in the lock, not installed")
        elif want is None:
            lines.append(f"{name}: {have} installed, not in the lock")
        else:
            lines.append(f"{name}: {want} -> {have}")
    return lines


def block(name: str, path: Path = LOCK) -> str:
    """The lines that pin ``name``, with their hashes, as a requirements file."""
    lines, taking = [], False
    for line in path.read_text().splitlines():
        match = _PIN.match(line)
        if match:
            taking = normalise(match[1]) == normalise(name)
        elif not line.startswith(" "):
            taking = False
        if taking and not line.lstrip().startswith("#"):
            lines.append(line)
    if not lines:
        raise SystemExit(f"{name} is not pinned in {path}")
    return "\n".join(lines).rstrip(" \\") + "\n"


def install(pip: str, path: Path = LOCK) -> int:
    """Install every pin of the lock, hashes checked, and say in one line why not."""
    args = [pip, "install", "--require-hashes", "--no-deps", "-q", "-r", str(path)]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode == 0:
        return 0
    sys.stderr.write(done.stdout + done.stderr)
    print(install_failure(done.stdout + done.stderr), file=sys.stderr)
    return done.returncode


def install_failure(output: str) -> str:
    """One line for the person installing, from pip's output."""
    missing = re.search(r"No matching distribution found for (\S+)", output)
    if missing:
        return (
            f"{missing[1]} is not on the package index this machine reaches: check the index "
            "(pip config list) or run `make lock` where it is, and commit the new lock."
        )
    if "DO NOT MATCH THE HASHES" in output:
        return (
            "A downloaded file does not match the hash in requirements/lock.txt: the index "
            "served a different file for a locked version (see README, Installing)."
        )
    return "pip could not install requirements/lock.txt (its output is above)."


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "install" and len(argv) == 2:
        return install(argv[1])
    if command == "block" and len(argv) == 2:
        sys.stdout.write(block(argv[1]))
        return 0
    if command == "sync":
        extra = sorted(set(installed()) - set(pins()))
        if extra:
            print("Removing packages the lock does not name:", " ".join(extra))
            subprocess.run(
                [sys.executable, "-m", "pip", "uninstall", "-y", "-q", *extra], check=True
            )
        return 0
    if command in ("verify", "moved"):
        lines = differences(pins(), installed())
        print("\n".join(lines) if lines else "The environment equals the lock.")
        return 1 if lines and command == "verify" else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
