"""Benchmarks and robustness tooling for yzdocs (generated case repositories, runners)."""
