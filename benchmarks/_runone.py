"""Run one benchmark function in this (fresh) process; print seconds and peak RSS as JSON."""
import importlib
import json
import resource
import sys
import threading
import time

mod_name, func_name = sys.argv[1].split(":")
func = getattr(importlib.import_module(mod_name), func_name)
setup = getattr(importlib.import_module(mod_name), func_name + "_setup", None)
state = setup(*sys.argv[2:]) if setup else None


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


peak = [current_rss_mb()]
start_rss = peak[0]
done = threading.Event()


def sample() -> None:
    while not done.wait(0.005):
        peak[0] = max(peak[0], current_rss_mb())


sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
time.sleep(0.05)  # the sampler thread's own memory is not the step's
peak[0] = start_rss = current_rss_mb()
t0 = time.perf_counter()
cpu0 = time.process_time()
extra = func(*sys.argv[2:]) if state is None else func(state, *sys.argv[2:])
seconds = time.perf_counter() - t0
cpu = time.process_time() - cpu0
done.set()
sampler.join()
peak[0] = max(peak[0], current_rss_mb())
# VmHWM is this process's own peak RSS; ru_maxrss would include the parent's
# peak, which Linux carries across exec into the child.
with open("/proc/self/status") as fh:
    hwm_kb = int(next(line.split()[1] for line in fh if line.startswith("VmHWM:")))
out = {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": hwm_kb / 1024, "step_peak_mb": peak[0] - start_rss}
if isinstance(extra, dict):
    out.update(extra)
print(json.dumps(out))
