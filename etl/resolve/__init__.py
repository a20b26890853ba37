"""Resolve: names as people write them -> stable ids, master data and protocols merged into one dataset.

master_data (staged CSV/XLSX rows -> Dataset, names through `etl.core.registry`), protocols (parsed protocols
merged into it), fieldwork (captured attendance, outreach), exclusions and redaction (people who must not appear),
scrub (the same erasure for the files the app writes).
"""
