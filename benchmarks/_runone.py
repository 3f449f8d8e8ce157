"""Run one benchmark function in this (fresh) process; print seconds and peak RSS as JSON."""
import importlib
import json
import resource
import sys
import time

mod_name, func_name = sys.argv[1].split(":")
func = getattr(importlib.import_module(mod_name), func_name)
setup = getattr(importlib.import_module(mod_name), func_name + "_setup", None)
state = setup(*sys.argv[2:]) if setup else None
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
extra = func(*sys.argv[2:]) if state is None else func(state, *sys.argv[2:])
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
out = {"seconds": seconds, "peak_rss_mb": rss / 1024, "rss_before_mb": rss_before / 1024}
if isinstance(extra, dict):
    out.update(extra)
print(json.dumps(out))
