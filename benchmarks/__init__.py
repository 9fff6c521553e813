"""The benchmark scripts; `tests.test_load` imports `benchmarks.load_memory` for its load harness."""
