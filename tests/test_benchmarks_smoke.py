"""The benchmark code paths still run: scale 1, one repetition, results into a temp folder.

No timing is asserted (the machine is shared and noisy); what is checked is that every module
measures, writes its JSON and renders its section. The browser parts need the system Chromium:
skipped without it, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import bench_build, bench_memory, bench_network, bench_pages, bench_slider
from benchmarks.__main__ import BENCHMARKS, parse_args
from benchmarks.common import Context, chromium_path, pages_of_app, render

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Context:
    root = tmp_path_factory.mktemp("bench")
    return Context(scales=[1], runs=1, quick=True, command="pytest smoke", log=lambda _text: None,
                   work=root / "work", results=root / "results")


def needs_chromium() -> None:
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium fehlt (/usr/bin/chromium); in CI muss der Browser-Benchmark laufen.")
        pytest.skip("Chromium nicht installiert")


def in_thread(fn, *args, **kwargs):
    """Run a Playwright-using benchmark in its own thread: the sync API refuses a thread that already runs
    an event loop, as the session-wide browser of tests/e2e does in the same worker."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def saved(ctx: Context, module: str) -> dict:
    return json.loads((ctx.results / f"{module}.json").read_text(encoding="utf-8"))


def test_build_measures_every_figure_at_a_tiny_scale(ctx):
    data = bench_build.run(ctx)
    scale = data["scales"]["1"]
    assert {"full_build", "insert_floor", "parse", "unchanged_rebuild", "changed_rebuild", "targets"} <= set(scale)
    assert scale["rows"] > 0 and scale["protocols"] > 0
    assert saved(ctx, "build")["command"] == "pytest smoke"
    text = render([(b.name, b.markdown, b.targets) for b in BENCHMARKS], results=ctx.results)
    assert text.startswith("# Benchmark results")
    assert "## Build (ETL)" in text and "Command: `pytest smoke`" in text
    assert "## Targets" in text and "not measured in this run" in text  # scale 50 was not built


def test_parse_calls_the_parser_benchmark(ctx, monkeypatch):
    monkeypatch.setattr(bench_build, "PARSE_COUNT_QUICK", 20)
    data = bench_build.run_parse(ctx)
    assert data["protocols"] == 20 and data["misparsed"] == 0


def test_pages_run_every_registered_page(ctx, monkeypatch):
    monkeypatch.setattr(bench_pages, "first_view", lambda db, page: 1.0)  # a second Python process: covered below
    data = bench_pages.run(ctx)
    files = {p["file"] for p in data["pages"]}
    assert "pages/uebersicht.py" in files and "pages/partnernetz.py" in files
    assert set(data["scales"]["1"]) == files
    overview = data["scales"]["1"]["pages/uebersicht.py"]
    assert overview["queries"]["cold"] > overview["queries"]["warm"] >= 0  # every connection traced
    assert overview["cold_cpu"]["median"] > 0


@pytest.mark.browser
def test_slider_steps_are_timed_in_chromium(ctx):
    needs_chromium()
    data = in_thread(bench_slider.run, ctx)
    found = data["sizes"]["1"]
    assert found["years"] >= 10 and found["step"]["runs"] >= 6 and found["step_cpu"]["median"] >= 0
    # Each step is timed until the chart shows the year too (the chart component notes when it drew it).
    assert found["step_chart"]["runs"] == found["step"]["runs"] and 0 <= found["step_chart"]["median"]
    # The browser's share is measured too: Chromium computes and the server sends something on every step.
    assert found["step_browser_cpu"]["median"] > 0 and found["step_mb"]["median"] > 0 and "→" in found["load"]
    assert "## Partnernetz time slider in Chromium" in "\n".join(bench_slider.markdown(saved(ctx, "slider")))


@pytest.mark.browser
def test_network_html_is_drawn_in_chromium(ctx):
    needs_chromium()
    data = in_thread(bench_network.run, ctx, synthetic_nodes=60)
    assert data["synthetic"]["nodes_in_browser"] == 60
    assert all(v["html_bytes"] > 0 for v in data["scales"]["1"].values())


@pytest.mark.browser
def test_memory_of_a_real_server_visiting_pages(ctx, monkeypatch):
    needs_chromium()
    pages = [p for p in pages_of_app() if p["url_path"] in ("uebersicht", "partnernetz")]
    monkeypatch.setattr(bench_memory, "pages_of_app", lambda: pages)  # two pages keep the test short
    data = in_thread(bench_memory.run, ctx)
    assert data["peak"]["median"] > 0
    assert len(data["steps"]) == len(data["pages"]) + 2  # start, every page, the filter change


def test_options_parse():
    args = parse_args(["--quick", "--only", "pages", "--scales", "1,10"])
    assert (args.quick, args.only, args.scales) == (True, ["pages"], "1,10")


def test_first_view_in_a_new_process(ctx):
    from benchmarks.common import demo_db

    assert bench_pages.first_view(str(demo_db(1, ctx.work)), "pages/daten.py") > 0


def test_results_md_leaves_out_a_json_file_of_another_shape(tmp_path):
    """bench_accuracy writes its own per-file accuracy.json; RESULTS.md is still written, without it."""
    (tmp_path / "accuracy.json").write_text(json.dumps({"overall": {}, "per_file": {}}), encoding="utf-8")
    text = render([("accuracy", lambda result: ["## Protocol accuracy"], lambda result: [])], tmp_path)
    assert text.startswith("# Benchmark results\n") and "## Protocol accuracy" not in text
