"""Benchmarks of Netzwerkradar: `python -m benchmarks` (or `make bench`) measures and rewrites RESULTS.md."""
