"""Building: the pipeline that turns a source folder into the database, and what makes it safe and fast.

pipeline (orchestration), load (the only writer), schema, validate, guard (refuses a lossy build),
lock (one writer per database), cache and fingerprint (skip unchanged work), apply_corrections
(korrekturen.csv applied in the build), preview (`python -m etl parse FILE`).
"""
