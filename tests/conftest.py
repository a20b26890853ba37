"""Shared test helpers: fixture paths, building fixture sources with the real ETL, reading tables."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from etl.build.pipeline import BuildResult, build

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
MASTER = FIXTURES / "stammdaten"
SEEDS = ROOT.parent / "shared" / "seeds"


E2E = TESTS / "e2e"


# Tests whose cost is their subject (OCR, Chromium drawing charts, every project of the demo): `slow`, so the
# fast loop leaves them to `make test`. Node id prefix -> why. Kept here in one place, measured with
# `pytest --durations=30` (README, "Development").
SLOW = {
    "tests/test_report.py::test_charts_are_embedded_in_every_format": "Chromium draws every chart four times",
    # The tests of the printed PDF share one report whose charts Chromium draws at 300 dpi (36 s of setup on a
    # loaded machine); print figures, column widths and the DOCX stay in the fast loop.
    "tests/test_report_print.py::test_pdf_text_is_at_least_8_pt_and_charts_print_at_300_dpi":
        "Chromium draws the report's charts at 300 dpi",
    "tests/test_report_print.py::test_pdf_title_is_not_justified_and_table_headers_keep_their_words":
        "the PDF whose charts Chromium draws",
    "tests/test_report_print.py::test_pdf_no_heading_ends_a_page": "the PDF whose charts Chromium draws",
    "tests/test_report_print.py::test_pdf_page_flow_leaves_no_page_with_one_small_item":
        "the PDF whose charts Chromium draws",
    "tests/test_report_print.py::test_pdf_pages_render_as_images_with_readable_charts": "pdftoppm on every page",
    "tests/test_exports.py::test_cli_animates_the_network_through_the_years_as_gif": "a network per year, as GIF",
    # 1.9 s of Chromium's CPU (kaleido) per run; the PNG of a chart and of the network stays in the fast loop
    # (test_png_of_a_chart_and_of_the_network), so does the command's HTML export.
    "tests/test_exports.py::test_cli_exports_the_network_as_png": "Chromium draws the network for the command's PNG",
    "tests/test_pages_projects_network.py::test_demo_meetings_search_and_project_detail":
        "one rerun per project of the demo",
    "tests/test_protocol_corpus.py::test_overall_accuracy_holds":
        "parses all 72 corpus files, OCR of the scanned one included (the per-file tests stay in the fast loop)",
    "tests/test_attendance_facts.py::test_every_page_tells_the_same_facts_on_a_second_network":
        "generates and builds a second network for this one test (the demo at two dates stays in the fast loop)",
}

# Page sweeps: the same check on every page of the app, each page a cold AppTest run on a built network (together
# about 17 s of CPU, a tenth of `make check`). The fast loop runs the one page named here, the one that shows the
# most of what the sweep looks for; `make test` runs every page.
SWEEPS = {
    "tests/test_hostile_names.py::test_pages_render_hostile_names_only_escaped": "pages/sitzungen.py",
    "tests/test_pseudonymised_outputs.py::test_pages_show_no_name_when_names_are_hidden": "pages/beteiligung.py",
    "tests/test_app_shell.py::test_no_table_cell_reads_none_on_the_demo_network": "pages/beteiligung.py",
}


def _swept_elsewhere(item: pytest.Item) -> bool:
    """A page of a sweep other than the one the fast loop keeps."""
    test, _, param = item.nodeid.partition("[")
    return test in SWEEPS and param != f"{SWEEPS[test]}]"


def _scanned_pdf(item: pytest.Item) -> bool:
    """A test parametrised with a scanned PDF runs tesseract on it (minutes on a loaded 2-core machine)."""
    name = item.name.lower()
    return "[" in name and ".pdf" in name and ("scan" in name or "gescannt" in name)


# The files that cost the most CPU in `make check`, most first (2026-12-07, the per-file sum of each test's CPU time
# under xdist; see README, "Development"). They are handed out first, so two workers end close together: with
# `--dist loadfile --no-loadscope-reorder` xdist deals out whole files in collection order, and a costly file
# dealt last would leave one worker running alone at the end (xdist's own reordering sorts by the number of
# tests, which put files of eight 1-second tests last). Every other file follows in its usual order.
FIRST = (
    "tests/test_hostile_names.py", "tests/test_pseudonymised_outputs.py", "tests/test_incremental_build.py",
    "tests/test_attendance_facts.py", "tests/test_pages_projects_network.py", "tests/test_presentation.py",
    "tests/test_app_shell.py", "tests/test_briefing.py", "tests/test_protocol_corpus.py", "tests/test_build_guard.py",
    "tests/test_erasure_everywhere.py", "tests/test_forget.py", "tests/test_pages_participation.py",
    "tests/test_demo.py", "tests/test_privacy_links.py", "tests/test_review_page.py", "tests/test_pending_upload.py",
    "tests/test_loader_fuzz.py",
)


def _dealing_order(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return FIRST.index(path) if path in FIRST else len(FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e drives a real Chromium against a started app: marked `browser` here, so
    `make check` (-m "not browser and not slow") never starts a server because one file forgot its mark.
    The tests in SLOW, the pages of a sweep but one and those that OCR a scanned PDF are marked `slow`. The files
    in FIRST come first (the order inside a file is kept)."""
    for item in items:
        if E2E in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        if _scanned_pdf(item) or _swept_elsewhere(item) or any(item.nodeid.startswith(prefix) for prefix in SLOW):
            item.add_marker(pytest.mark.slow)
    items.sort(key=_dealing_order)  # stable


@pytest.fixture(autouse=True, scope="session")
def components_scanned_once():
    """Each new AppTest scans the metadata of every installed package for Streamlit components (about 0.2 s of
    CPU each, together about a quarter of `make check`'s CPU); a server scans once, at start. The installed
    packages do not change during a test session, so the first scan's result serves every AppTest after it
    (same components, same registration)."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list = []

    def scanned_once(max_workers: int | None = None) -> list:
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    patch = pytest.MonkeyPatch()
    patch.setattr(manifest_scanner, "scan_component_manifests", scanned_once)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Streamlit's caches live in the process: clear them around every test so AppTests don't leak."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


APP = str(ROOT / "app.py")


@pytest.fixture
def navigation_registered(monkeypatch):
    """AppTest as a running server is after its first request: st.navigation known, no legacy page run.

    AppTest resets Streamlit's legacy-multipage flag before every run, so each run of a page whose file stem is
    its URL starts as a fresh server's first request: the page guard registers the navigation and reruns, and
    that rerun drops the click a test just made (a form's submit button then reads False).
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def assert_page_ok(at) -> None:
    """A page ran without an exception and without an error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []


def open_page(monkeypatch, db: Path, page: str, as_of: str = "2024-12-31"):
    """Run app.py through AppTest on `db` with a fixed 'today' on `page`, check it ran cleanly.

    The first run goes straight to `page`, as a link to it does: the app draws its shell and that page, not the
    Übersicht first (which cost a third of a second per test on the demo)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NETZWERKRADAR_DB", str(db))
    monkeypatch.setenv("NETZWERKRADAR_AS_OF", as_of)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page).run()
    assert_page_ok(at)
    return at


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """All rows of a query against a built database, as plain tuples."""
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def copy_source(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


@pytest.fixture
def master_source(tmp_path: Path) -> Path:
    """A writable copy of the small master-data fixture."""
    return copy_source(MASTER, tmp_path / "quelle")


@pytest.fixture
def built(master_source: Path, tmp_path: Path) -> BuildResult:
    """The master-data fixture built by the real ETL into a fresh database."""
    return build(master_source, tmp_path / "netz.db")


DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed scale-1 demo network, built once per test session by the real ETL."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    build(DEMO, db)
    return db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo folder and its database built from it by the real ETL, once per session (per worker)."""
    folder = tmp_path_factory.mktemp("demo_vorlage")
    build(copy_source(DEMO, folder / "quelle"), folder / "netz.db")
    return folder


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the demo folder with the database a build of it leaves (database and master-data
    snapshot), copied instead of built again for every test. A build writes the folder's absolute path only into
    `load_runs.source` (what `forget` falls back to): that is set to the copy."""
    source = copy_source(demo_template / "quelle", tmp_path / "quelle")
    db = tmp_path / "netz.db"
    shutil.copyfile(demo_template / "netz.db", db)
    shutil.copyfile(demo_template / "netz.db-build-cache", tmp_path / "netz.db-build-cache")
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("UPDATE load_runs SET source = ?", (str(source),))
    finally:
        conn.close()
    return source, db


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database with the schema but no rows, as after a build of an empty source."""
    from etl.build.schema import ensure_schema

    db = tmp_path / "leer.db"
    conn = sqlite3.connect(db)
    ensure_schema(conn)
    conn.close()
    return db
