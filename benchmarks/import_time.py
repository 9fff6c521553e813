"""Measure the cumulative import time of `interaction_spec` next to `import typing`.

Each figure is the median over fresh interpreter processes (``python -X importtime``), with the
package's bytecode compiled first as a wheel install does,
alternating the two imports so that both see the same machine load.

Usage: python benchmarks/import_time.py [--runs N] [--budget-ms MS]
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import statistics
import subprocess
import sys


def cumulative_us(module: str) -> int:
    """Return the cumulative import time of ``module`` in a fresh interpreter, in microseconds."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stderr.splitlines():
        fields = [field.strip() for field in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1])
    raise RuntimeError(f"-X importtime printed no line for {module}")


def main() -> int:
    """Print the medians and the verdict; exit 1 if interaction_spec is over budget."""
    parser = argparse.ArgumentParser(description="Measure the import time of interaction_spec next to typing.")
    parser.add_argument("--runs", type=int, default=21, help="fresh interpreters per module (default 21)")
    parser.add_argument("--budget-ms", type=float, default=15.0, help="budget for interaction_spec (default 15)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    # An installed wheel has its bytecode compiled at install time; do the same for the source tree, even where
    # PYTHONDONTWRITEBYTECODE would stop the interpreter from writing it (py_compile writes regardless).
    package = importlib.util.find_spec("interaction_spec")
    if package is None or package.submodule_search_locations is None:
        raise RuntimeError("interaction_spec is not importable")
    for location in package.submodule_search_locations:
        compileall.compile_dir(location, quiet=1)
    spec: list[int] = []
    typing_: list[int] = []
    for _ in range(args.runs):
        spec.append(cumulative_us("interaction_spec"))
        typing_.append(cumulative_us("typing"))

    spec_ms = statistics.median(spec) / 1000
    typing_ms = statistics.median(typing_) / 1000
    verdict = "within" if spec_ms <= args.budget_ms else "OVER"
    print(f"import typing            {typing_ms:6.2f} ms (median of {args.runs})")
    print(f"import interaction_spec  {spec_ms:6.2f} ms (median of {args.runs}, typing included)")
    print(f"ratio to typing          {spec_ms / typing_ms:6.2f}x")
    print(f"own cost                 {spec_ms - typing_ms:6.2f} ms")
    print(f"budget                   {args.budget_ms:6.2f} ms: {verdict}")
    return 0 if spec_ms <= args.budget_ms else 1


if __name__ == "__main__":
    sys.exit(main())
