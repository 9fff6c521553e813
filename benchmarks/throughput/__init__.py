"""The parts of ``benchmarks/http_throughput.py``: workloads, servers, peers, load generator, floor and report."""
