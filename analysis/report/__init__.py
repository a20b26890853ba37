"""The Jahresbericht: `model.build_report` collects it once, one renderer per format lays it out.

`render(report, "docx")` returns the file's bytes; `write(report, path)` picks the format from the
suffix (.docx, .pdf, .pptx, .md) and, for Markdown, writes the charts as PNG files next to it.
"""

from __future__ import annotations

from pathlib import Path

from analysis.report.model import Report, build_report

FORMATS: dict[str, str] = {"docx": "Word", "pdf": "PDF", "pptx": "PowerPoint", "md": "Markdown"}
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "md": "text/markdown", "zip": "application/zip"}

__all__ = ["FORMATS", "MIME", "Report", "build_report", "render", "write", "format_of"]


def format_of(path: Path | str) -> str:
    """The report format of an output file name; ValueError (German) for an unknown suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"Unbekanntes Format „.{suffix}“: erlaubt sind " + ", ".join(f".{f}" for f in FORMATS) + ".")
    return suffix


def render(report: Report, fmt: str) -> bytes:
    """The report as a file in one format ('md' gives the text without images; see markdown.zip_bytes)."""
    if fmt == "docx":
        from analysis.report import docx

        return docx.render(report)
    if fmt == "pdf":
        from analysis.report import pdf

        return pdf.render(report)
    if fmt == "pptx":
        from analysis.report import pptx

        return pptx.render(report)
    if fmt == "md":
        from analysis.report import markdown

        return markdown.render(report, image_dir=None).encode("utf-8")
    if fmt == "zip":
        from analysis.report import markdown

        return markdown.zip_bytes(report)
    raise ValueError(f"Unbekanntes Format „{fmt}“.")


def write(report: Report, path: Path | str) -> list[Path]:
    """Write the report to `path` (format by suffix); returns every file written (Markdown: also its PNGs)."""
    path = Path(path)
    fmt = format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        from analysis.report import markdown

        return markdown.write(report, path)
    path.write_bytes(render(report, fmt))
    return [path]
