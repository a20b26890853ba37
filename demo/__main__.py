"""`python -m demo --scale N --seed S --out DIR`: write the fictional demo network as a source folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from demo import write_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo",
                                     description="Netzwerkradar: fiktives Demo-Netzwerk als Quellordner schreiben.")
    parser.add_argument("--scale", type=int, default=1, help="Größe des Netzwerks (1 = Demo im Repository)")
    parser.add_argument("--seed", type=int, default=42, help="Zufalls-Seed; gleicher Seed, byte-gleiche Dateien")
    parser.add_argument("--out", required=True, help="Zielordner")
    args = parser.parse_args(argv)
    counts = write_demo(Path(args.out), scale=args.scale, seed=args.seed)
    total = sum(counts.values())
    print(f"Demo-Netzwerk (Skala {args.scale}, Seed {args.seed}) nach {args.out} geschrieben: {total} Einträge.")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
