"""Run an external program (OCR) so that it can never outlive the build that started it.

The program runs under a small Python guardian in a process group of its own. The kernel sends the
guardian SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG, Linux), and the guardian then kills
the whole group: tesseract and every worker it started. On a time-out the parent
kills the group itself. Killing only the program would leave its workers running, which is what the
last adversarial pass found (an OCR child still running after its parent was killed).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass

# The guardian: ask for SIGTERM when the parent dies, start the program in this (new) group, pass
# its exit code on; on SIGTERM (parent gone, or the parent's time-out) kill the whole group.
_GUARDIAN = r"""
import ctypes, os, signal, subprocess, sys
def end(*_):
    os.killpg(0, signal.SIGKILL)
signal.signal(signal.SIGTERM, end)
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[1]):
    end()
sys.exit(subprocess.run(sys.argv[2:], check=False).returncode)
"""


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


class TimedOut(Exception):
    """The program ran longer than allowed; its whole process group has been killed."""


def run_guarded(command: list[str], timeout: float, env: dict[str, str] | None = None) -> Finished:
    """Run `command` to its end (or `timeout` seconds) with its output captured, `env` added to the environment;
    see the module docstring."""
    process = subprocess.Popen(  # noqa: S603 - a fixed program list, no shell
        [sys.executable, "-c", _GUARDIAN, str(os.getpid()), *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, **env} if env else None)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        process.communicate()
        raise TimedOut from None
    except BaseException:
        _kill_group(process.pid)
        raise
    return Finished(process.returncode, stdout, stderr)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def tesseract_available() -> bool:
    """True when tesseract with German language data is installed."""
    if not shutil.which("tesseract"):
        return False
    try:
        languages = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30,
                                   check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "deu" in languages.split()
