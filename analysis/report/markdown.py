"""The Jahresbericht as Markdown; charts as PNG files in a folder next to it (or left out with a note).

Text from data is HTML-escaped and table pipes are escaped, so a name such as "<img …>" or "A | B"
shows as written in every Markdown viewer instead of becoming markup; `$` is escaped as well, because
GitHub and many editors render `$…$` as a formula.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from analysis.report.model import Bullets, Chart, Paragraph, Report, Table
from analysis.tables import defuse_links

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")


def _text(value: str) -> str:
    """Data as literal Markdown: HTML escaped, emphasis/link/table characters backslash-escaped, one line."""
    return defuse_links(_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False)))


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_text(c) for c in table.columns) + " |",
             "|" + "|".join(" --- " for _ in table.columns) + "|"]
    lines += ["| " + " | ".join(_text(c) for c in row) + " |" for row in table.rows]
    return lines


def image_folder(path: Path) -> Path:
    """Where the charts of `bericht.md` go: `bericht_abbildungen/` next to it."""
    return path.with_name(f"{path.stem}_abbildungen")


def render(report: Report, image_dir: str | None) -> str:
    """Markdown text; with `image_dir` (relative folder name) charts are linked as `image_dir/<name>.png`."""
    lines = [f"# {_text(report.title)} – {_text(report.group)}", "", f"**{_text(report.subtitle)}**", "",
             f"Erstellt am {report.created} mit Netzwerkradar.", ""]
    lines += [f"> {_text(note)}" for note in report.notes]
    if report.charts and image_dir is None:
        lines.append("> Die Diagramme sind in dieser Datei nicht enthalten (siehe Word-, PDF- oder "
                     "PowerPoint-Fassung).")
    lines.append("")
    for section in report.sections:
        lines += [f"## {_text(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = _text(block.text)
                lines += [f"**{text}**" if block.bold else text, ""]
            elif isinstance(block, Bullets):
                lines += [f"- {_text(item)}" for item in block.items] + [""]
            elif isinstance(block, Table):
                lines += _table(block) + [""]
            elif isinstance(block, Chart) and image_dir is not None:
                lines += [f"![{_text(block.title)}]({image_dir}/{block.name}.png)", "", f"*{_text(block.title)}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def write(report: Report, path: Path) -> list[Path]:
    """`path` plus one PNG per chart in `<stem>_abbildungen/`; returns every file written."""
    written = [path]
    folder = image_folder(path)
    if report.charts:
        folder.mkdir(parents=True, exist_ok=True)
        for chart in report.charts:
            target = folder / f"{chart.name}.png"
            target.write_bytes(chart.png)
            written.append(target)
    path.write_text(render(report, folder.name if report.charts else None), encoding="utf-8")
    return written


def zip_bytes(report: Report, stem: str = "jahresbericht") -> bytes:
    """The Markdown file and its chart folder in one ZIP, for a single download button."""
    buffer = io.BytesIO()
    folder = f"{stem}_abbildungen"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.md", render(report, folder if report.charts else None))
        for chart in report.charts:
            archive.writestr(f"{folder}/{chart.name}.png", chart.png)
    return buffer.getvalue()
