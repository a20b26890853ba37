"""Protocol readers: Word reading scales linearly, XML bombs are refused at once, PDF and OCR pages per second.

`python -m benchmarks.bench_readers [--runs N] [--quick] [--no-ocr]` prints the figures and writes
benchmarks/results/readers.json.

- docx scaling: documents with 1,000 … 80,000 empty paragraphs (the file that took 112 s before) and
  with 20,000 paragraphs of text, read by `read_document`; "per 10k" must stay flat (linear). For
  contrast the previous reader (python-docx objects, `etl.protocol.extract`) is timed on the small sizes
  while it still exists.
- refusal: a 95 MB document.xml in a small .docx is refused before parsing (target: under 1 s).
- PDF: text pages per second (the two-page test protocol, ruled and unruled tables) and OCR pages per
  second (German, tesseract on the rendered page, as for a photo) for an image-only scan, when OCR is installed.
- Images: OCR pages per second of a 3-page TIFF (a photographed and a scanned sign-in sheet, a faxed protocol;
  tests/fixtures/readers/make_scans.py), when tesseract is installed.
- PDF text before/after: every text PDF of the corpus and the demo read with pdfium (pdfplumber only on
  pages with drawn lines) against pdfplumber on every page (the reader before issue 22), same blocks.
- hostile files: how long each limit takes to refuse its file (2,000 blank PDF pages, a 400-megapixel
  scan, 1 million XML elements in a .docx, 50,000 MIME parts; a 400-megapixel photo, a 31-page TIFF,
  1 million XML elements in a .pptx, a transcript of 50,001 cues).

`make bench` runs it as the "readers" module (`python -m benchmarks --only readers`).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import machine, now, stats  # noqa: E402
from etl.core.errors import ProtocolError  # noqa: E402
from etl.extract.readers import read_document  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "readers.json"
EMPTY_SIZES = (1_000, 10_000, 40_000, 80_000)
OLD_SIZES = (1_000, 5_000, 10_000)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARAGRAPH = "<w:p><w:r><w:t>Die Fachgruppe bespricht den Stand der Arbeiten, Punkt {n}.</w:t></w:r></w:p>"


def _docx(paragraphs: str) -> bytes:
    """A minimal valid .docx whose body is `paragraphs` (python-docx opens it too)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
                        f'<w:p><w:r><w:t>Protokoll</w:t></w:r></w:p>{paragraphs}'
                        "<w:p><w:r><w:t>Datum: 01.02.2024</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"
                        ).encode()
            target.writestr(item, data)
    return out.getvalue()


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return seconds


def docx_scaling(folder: Path, runs: int, sizes: tuple[int, ...]) -> dict:
    rows = []
    for size in sizes:
        path = folder / f"leer-{size}.docx"
        path.write_bytes(_docx("<w:p/>" * size))
        seconds = _time(partial(read_document, path), runs)
        figure = stats(seconds)
        rows.append({"paragraphs": size, "kind": "empty", "bytes": path.stat().st_size, "seconds": figure,
                     "per_10k_s": round(figure["median"] / size * 10_000, 4)})
        print(f"docx {size:>6} empty paragraphs: {figure['median']:.3f} s", flush=True)
    path = folder / "text-20000.docx"
    path.write_bytes(_docx("".join(_PARAGRAPH.format(n=n) for n in range(20_000))))
    figure = stats(_time(lambda: read_document(path), runs))
    rows.append({"paragraphs": 20_000, "kind": "text", "bytes": path.stat().st_size, "seconds": figure,
                 "per_10k_s": round(figure["median"] / 2, 4)})
    print(f"docx  20000 text paragraphs: {figure['median']:.3f} s", flush=True)
    return {"rows": rows}


def old_reader(folder: Path, runs: int) -> dict | None:
    """The previous python-docx based reader on the small sizes, while it still exists."""
    try:
        from etl.protocol.extract import read_lines
    except ImportError:
        return None
    rows = []
    for size in OLD_SIZES:
        path = folder / f"alt-{size}.docx"
        path.write_bytes(_docx("<w:p/>" * size))
        figure = stats(_time(partial(read_lines, path), max(1, runs // 2)))
        rows.append({"paragraphs": size, "seconds": figure, "per_10k_s": round(figure["median"] / size * 10_000, 4)})
        print(f"old reader {size:>6} empty paragraphs: {figure['median']:.3f} s", flush=True)
    return {"rows": rows}


def refusal(folder: Path, runs: int) -> dict:
    body = f"<w:document {W}><w:body>".encode() + b"<w:p/>" * (95 * 1024 * 1024 // 6) + b"</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", body)
    path = folder / "bombe.docx"
    path.write_bytes(buffer.getvalue())
    message = ""

    def attempt() -> None:
        nonlocal message
        try:
            read_document(path)
        except ProtocolError as exc:
            message = exc.message

    figure = stats(_time(attempt, runs))
    print(f"95 MB XML refused in {figure['median']:.3f} s: {message}", flush=True)
    return {"file_bytes": path.stat().st_size, "xml_bytes": len(body), "seconds": figure, "message": message}


def pdf_pages(folder: Path, runs: int, ocr: bool) -> dict:
    from etl.extract.readers.pdf import ocr_available
    from tests.fixtures.readers.make_pdfs import protocol_pdf, scanned_pdf

    text = folder / "protokoll.pdf"
    protocol_pdf(text)
    figure = stats(_time(lambda: read_document(text), runs))
    result: dict = {"text": {"pages": 2, "seconds": figure, "pages_per_s": round(2 / figure["median"], 2)}}
    print(f"PDF text: {result['text']['pages_per_s']} pages/s", flush=True)
    if not ocr or not ocr_available():
        result["ocr"] = None
        return result
    from pypdf import PdfReader, PdfWriter

    single = folder / "scan-1.pdf"
    scanned_pdf(single)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_page(PdfReader(single).pages[0])
    scan = folder / "scan-3.pdf"
    with open(scan, "wb") as handle:
        writer.write(handle)
    figure = stats(_time(lambda: read_document(scan), max(1, runs // 2)))
    result["ocr"] = {"pages": 3, "seconds": figure, "pages_per_s": round(3 / figure["median"], 3)}
    print(f"PDF OCR: {result['ocr']['pages_per_s']} pages/s", flush=True)
    return result


def image_pages(folder: Path, runs: int, ocr: bool) -> dict | None:
    """OCR of photographed and scanned pages (the image reader: one tesseract run per page, layout rebuilt from its
    word boxes): a 3-page TIFF of a photographed sign-in sheet, a scanned one and a faxed typed protocol."""
    from etl.extract.child import tesseract_available
    from tests.fixtures.readers.make_scans import generated_set

    if not ocr or not tesseract_available():
        return None
    chosen = {name.split("-")[0]: image for name, image, _ in generated_set()}
    frames = [chosen["foto"].convert("L"), chosen["scan"], chosen["protokoll"].convert("L")]
    path = folder / "seiten.tif"
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    figure = stats(_time(lambda: read_document(path), max(1, runs // 2)))
    result = {"pages": len(frames), "seconds": figure, "pages_per_s": round(len(frames) / figure["median"], 3)}
    print(f"Image OCR: {result['pages_per_s']} pages/s", flush=True)
    return result


def pdf_compare(runs: int) -> dict:
    """Text PDFs of the corpus and the demo: the fast reader against pdfplumber on every page."""
    from etl.extract.readers import pdf as pdf_reader

    files = sorted({*ROOT.glob("tests/fixtures/corpus/protokolle/*.pdf"), *ROOT.glob("data/demo/**/*.pdf")})
    files = [path for path in files if "scan" not in path.name]
    pages = 0
    for path in files:
        import pypdfium2

        document = pypdfium2.PdfDocument(path.read_bytes())
        pages += len(document)
        document.close()

    def read_all() -> None:
        for path in files:
            read_document(path)

    after = stats(_time(read_all, runs))
    original = pdf_reader._TABLE_PATHS
    pdf_reader._TABLE_PATHS = 0  # every page through pdfplumber, as before
    try:
        before = stats(_time(read_all, runs))
    finally:
        pdf_reader._TABLE_PATHS = original
    result = {"files": len(files), "pages": pages, "before": before, "after": after,
              "pages_per_s_before": round(pages / before["median"], 1),
              "pages_per_s_after": round(pages / after["median"], 1),
              "speedup": round(before["median"] / max(after["median"], 1e-9), 2)}
    print(f"PDF text, {len(files)} files / {pages} pages: pdfplumber everywhere {before['median']:.2f} s, "
          f"pdfium {after['median']:.2f} s ({result['speedup']}×)", flush=True)
    return result


def hostile(folder: Path) -> dict:
    """Seconds until each hostile file is refused, with the refusal."""
    from tests.fixtures.readers.hostile_files import blank_pdf, element_docx, image_pdf, parts_eml
    from tests.fixtures.readers.hostile_office import cue_vtt, element_pptx, huge_png, many_page_tiff

    cases = {"2000 blank PDF pages": blank_pdf(folder / "leer.pdf", 2000),
             "20000 × 20000 px scan": image_pdf(folder / "riesenscan.pdf", 1, 20_000),
             "1 million XML elements (.docx)": element_docx(folder / "elemente.docx"),
             "50000 MIME parts (.eml)": parts_eml(folder / "teile.eml"),
             "20000 × 20000 px photo (.png)": huge_png(folder / "riesenfoto.png"),
             "31-page TIFF": many_page_tiff(folder / "stapel.tif"),
             "1 million XML elements (.pptx)": element_pptx(folder / "elemente.pptx"),
             "50001 cues (.vtt)": cue_vtt(folder / "transkript.vtt")}
    rows = []
    for name, path in cases.items():
        message = ""
        started = time.perf_counter()
        try:
            read_document(path)
        except ProtocolError as exc:
            message = exc.message
        seconds = round(time.perf_counter() - started, 3)
        rows.append({"file": name, "bytes": path.stat().st_size, "seconds": seconds, "refused": bool(message),
                     "message": message})
        print(f"{name}: {seconds:.2f} s – {message}", flush=True)
    return {"rows": rows}


def collect(folder: Path, runs: int, sizes: tuple[int, ...], ocr: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"docx": docx_scaling(folder, runs, sizes), "docx_old_reader": old_reader(folder, runs),
                            "xml_refusal": refusal(folder, runs), "pdf": pdf_pages(folder, runs, ocr),
                            "image_ocr": image_pages(folder, runs, ocr), "pdf_compare": pdf_compare(runs),
                            "hostile": hostile(folder)}
    rows = data["docx"]["rows"]
    empty = [row for row in rows if row["kind"] == "empty"]
    data["docx"]["linear"] = round(empty[-1]["per_10k_s"] / max(empty[0]["per_10k_s"], 1e-9), 2)
    return data


def run(ctx: Any) -> dict:
    """`python -m benchmarks --only readers`: the figures above, saved as results/readers.json."""
    from benchmarks.common import save

    with tempfile.TemporaryDirectory(prefix="bench-readers-") as name:
        data = collect(Path(name), ctx.runs, EMPTY_SIZES[:2] if ctx.quick else EMPTY_SIZES, ocr=True)
    save("readers", ctx, data)
    return data


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    d = result["data"]
    ocr = d["pdf"].get("ocr")
    found = [("PDF text reading faster than pdfplumber on every page", f"{d['pdf_compare']['speedup']}×",
              d["pdf_compare"]["speedup"] > 1.0),
             ("every hostile file refused within 5 s", ", ".join(f"{r['seconds']:.1f} s" for r in d["hostile"]["rows"]),
              all(r["refused"] and r["seconds"] < 5 for r in d["hostile"]["rows"])),
             ("OCR pages per second (reported)", f"{ocr['pages_per_s']}" if ocr else "OCR nicht installiert", None)]
    image = d.get("image_ocr")
    found.append(("Image OCR pages per second (reported)", f"{image['pages_per_s']}" if image else
                  "OCR nicht installiert", None))
    return found


def markdown(result: dict) -> list[str]:
    from benchmarks.common import fmt

    d = result["data"]
    compare, ocr, image = d["pdf_compare"], d["pdf"].get("ocr"), d.get("image_ocr")
    lines = ["## Protocol readers", "",
             "PDF text of the corpus and the demo: pdfium for the text, pdfplumber's table finder only on pages with "
             "drawn lines, against pdfplumber on every page (before); both give the same blocks.", "",
             "| figure | value |", "|---|---|",
             f"| PDF text, {compare['files']} files / {compare['pages']} pages, before | {fmt(compare['before'])} "
             f"({compare['pages_per_s_before']} pages/s) |",
             f"| PDF text, after | {fmt(compare['after'])} ({compare['pages_per_s_after']} pages/s, "
             f"{compare['speedup']}×) |",
             f"| PDF test protocol (2 pages, tables) | {d['pdf']['text']['pages_per_s']} pages/s |",
             f"| OCR (German, {ocr['pages'] if ocr else 0} scanned pages) | "
             f"{str(ocr['pages_per_s']) + ' pages/s' if ocr else 'OCR nicht installiert'} |",
             f"| OCR of images (photo, scan, fax; {image['pages'] if image else 0} pages) | "
             f"{str(image['pages_per_s']) + ' pages/s' if image else 'OCR nicht installiert'} |",
             f"| .docx 95 MB XML refused | {fmt(d['xml_refusal']['seconds'])} |", "",
             "| hostile file | size | refused after | message |", "|---|---|---|---|"]
    lines += [f"| {r['file']} | {r['bytes'] // 1024} KB | {r['seconds']:.2f} s | {r['message']} |"
              for r in d["hostile"]["rows"]]
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_readers", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions per figure (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run, sizes up to 10,000")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR figure")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    sizes = EMPTY_SIZES[:2] if args.quick else EMPTY_SIZES
    with tempfile.TemporaryDirectory(prefix="bench-readers-") as name:
        data = collect(Path(name), runs, sizes, not args.no_ocr)
    result = {"module": "readers", "command": " ".join(["python -m benchmarks.bench_readers", *(argv or sys.argv[1:])]),
              "date": now(), "machine": machine(), "runs": runs, "data": data}
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
