"""Benchmarks: each one command printing one JSON object, with a baseline measured in the same run.

See bench/README.md.
"""
