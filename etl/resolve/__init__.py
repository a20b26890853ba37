"""Resolve: names as people write them -> stable ids, master data and protocols merged into one dataset.

registry (spellings -> ids), master_data (CSV/XLSX rows -> Dataset), protocols (parsed protocols
merged into it), exclusions (people who must not appear).
"""
