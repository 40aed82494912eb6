"""Run a command and write its wall time and peak memory to a JSON file:

    python -m bench.peak RESULT.json COMMAND...

Peak memory is that of the largest process among the command and its descendants. It must be
read from a small parent: on Linux a child's peak starts at its parent's size when it forks,
so the benchmark's own process (tens of MB, more with a browser driver) would inflate it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    result, command = Path(sys.argv[1]), sys.argv[2:]
    start = time.perf_counter()
    returncode = subprocess.run(command).returncode
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result.write_text(json.dumps({"seconds": seconds, "peak_mb": peak_mb}), encoding="utf-8")
    sys.exit(returncode)
