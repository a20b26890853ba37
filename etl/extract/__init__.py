"""Extract: source files -> raw rows (CSV/XLSX) and format-independent documents (protocols)."""
