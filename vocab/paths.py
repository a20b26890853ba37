"""Where things live: the database, the source folders and the environment variables that move them.

Resolved from this file, so commands work from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_ENV = "NETZWERKRADAR_DB"
SOURCE_ENV = "NETZWERKRADAR_SOURCE"
AS_OF_ENV = "NETZWERKRADAR_AS_OF"
DEMO_SOURCE = ROOT / "data" / "demo"
DEFAULT_DB = ROOT / "data" / "netzwerk.db"
# Source files the app writes (besides korrekturen.csv): attendance captured in meetings, outreach to partners.
CAPTURE_FILE = "erfasste_anwesenheit.csv"
OUTREACH_FILE = "ansprache.csv"
# Working copy of the demo that uploads from the Daten page go to (gitignored): the committed demo stays clean.
UPLOAD_SOURCE = ROOT / "data" / "uploads" / "quelle"


def database_path() -> Path:
    """The database the app reads: NETZWERKRADAR_DB when set, else data/netzwerk.db."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def source_path() -> Path:
    """The source folder a build reads: NETZWERKRADAR_SOURCE when set, else the upload working copy
    once the Daten page created it (so the app keeps the uploaded files), else the demo folder."""
    configured = os.environ.get(SOURCE_ENV)
    if configured:
        return Path(configured)
    return UPLOAD_SOURCE if UPLOAD_SOURCE.is_dir() else DEMO_SOURCE
