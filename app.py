"""Netzwerkradar: the entry point. ui.guard.run_app draws page config, navigation, login, the shared sidebar
filters and the chosen page; a page file run without this script (first request to a fresh server) runs
the same function, so both ways show the same."""

from ui import guard

guard.run_app()
