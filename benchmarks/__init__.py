"""Speed figures for OKR Planner: python -m benchmarks [--quick]."""
