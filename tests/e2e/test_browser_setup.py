"""Without Chromium the browser tests skip with a German hint, except on CI (CI=true), where they fail."""

from __future__ import annotations

import pytest

from tests.e2e import browser


def test_missing_chromium_skips_with_a_hint(monkeypatch):
    monkeypatch.setattr(browser, "playwright_expect", lambda: None)
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="^Chromium fehlt: apt-get install chromium$"):
        browser.require_browser()


def test_missing_chromium_fails_on_ci(monkeypatch):
    monkeypatch.setattr(browser, "playwright_expect", lambda: None)
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium fehlt: apt-get install chromium"):
        browser.require_browser()

