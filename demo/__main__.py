"""`python -m demo [--scale N | --preset netzwerk] --seed S --out DIR`: write the fictional demo network as a
source folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from demo import PRESETS, write_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo",
                                     description="Netzwerkradar: fiktives Demo-Netzwerk als Quellordner schreiben.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--scale", type=int, default=1, help="Größe des Netzwerks (1 = Demo im Repository)")
    size.add_argument("--preset", choices=sorted(PRESETS),
                      help="; ".join(f"{name}: {p.about}" for name, p in PRESETS.items()))
    parser.add_argument("--seed", type=int, default=42, help="Zufalls-Seed; gleicher Seed, byte-gleiche Dateien")
    parser.add_argument("--out", required=True, help="Zielordner")
    args = parser.parse_args(argv)
    counts = write_demo(Path(args.out), scale=args.scale, seed=args.seed, preset=args.preset)
    total = sum(counts.values())
    size = f"Voreinstellung {args.preset}" if args.preset else f"Skala {args.scale}"
    print(f"Demo-Netzwerk ({size}, Seed {args.seed}) nach {args.out} geschrieben: {total} Einträge.")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
