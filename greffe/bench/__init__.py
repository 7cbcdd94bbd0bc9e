"""Benchmarks of greffe: synthetic decisions (`generate`) and the full-text search comparison (`search`)."""
