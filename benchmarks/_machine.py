"""The machine a benchmark ran on, in one line: cores, CPU model, Python, OS, load."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """``2 CPU (AMD EPYC), Python 3.11.7, Linux-…; load average 0.92 1.09 1.41``."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    text = f"{os.cpu_count()} CPU ({model}), Python {platform.python_version()}, {platform.platform()}"
    if hasattr(os, "getloadavg"):
        load = os.getloadavg()
        text += f"; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    return text
