"""Safety net for speed work on the parser: parse every open protocol and compare with a recorded snapshot.

A refactor that only makes the parser faster must not change one output. `record` parses every file of the
own corpus and of the practice sets (the open sets; never the blind exams) through the CLI's entry point
(tests/fixtures/corpus/run_parser.py) and writes one JSON per file; `compare` parses again and lists every
file whose output differs. Run
`python -m benchmarks.parse_snapshot record DIR` before a change and `... compare DIR` after it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.corpus import run_parser  # noqa: E402

# Only the open sets: the blind sets are exams the parser's authors never open.
OPEN_FOLDERS = (run_parser.PROTOCOLS,
                *(ROOT / "tests" / "fixtures" / name / "protokolle" for name in run_parser.PRACTICE_SETS))


def outputs() -> dict[str, object]:
    """Every open protocol's parse (or the message it was refused with), keyed by set and file name."""
    result: dict[str, object] = {}
    for folder in OPEN_FOLDERS:
        for path in run_parser.corpus_files(folder):
            outcome = run_parser.parse(path)
            key = f"{folder.parent.name}/{path.name}"
            result[key] = outcome.parsed if outcome.error is None else {"error": outcome.error}
    return result


def _dump(value: object) -> str:
    # The checkout's own path (in 'source') differs between copies of the tree, the parse does not.
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str).replace(str(ROOT), "<ROOT>")


def _file(folder: Path, key: str) -> Path:
    return folder / (key.replace("/", "__") + ".json")


def main() -> None:
    parser = argparse.ArgumentParser(description="Parser-Ausgaben aufzeichnen oder vergleichen")
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    started = time.process_time()
    current = outputs()
    cpu = time.process_time() - started
    if args.mode == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for key, value in current.items():
            _file(args.folder, key).write_text(_dump(value), "utf-8")
        print(f"{len(current)} Ausgaben aufgezeichnet in {args.folder} ({cpu:.1f} s Rechenzeit)")
        return
    differing = [key for key, value in current.items()
                 if not (path := _file(args.folder, key)).is_file()
                 or path.read_text("utf-8") != _dump(value)]
    print(f"{len(current)} Ausgaben verglichen, {len(differing)} abweichend ({cpu:.1f} s Rechenzeit)")
    for key in differing:
        print(f"  abweichend: {key}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
