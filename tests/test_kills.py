"""Property tests: random sequences of save, import, merge and build, killed with SIGKILL at random moments.

Each run checks what a user would: no event lost that was not asked to be
removed, no output mixing two runs, no staging or browser process left
behind. Examples are few and small so the suite stays fast.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from events_factory import event, settlements
from geomap.layers import EVENT_TYPES, read_layers
from geomap.layer_merge import merge_into

GEOMAP = Path(sys.executable).parent / "geomap"
FEW = settings(max_examples=3, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir() or os.name != "posix",
                                reason="SIGKILL and /proc are needed to kill runs and look for their processes")


def make_events(tag: int, n: int, start: int = 0, **over) -> list[dict]:
    places = settlements("RU", "41", 40)
    out = []
    for i in range(start, start + n):
        day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(event(places[i % len(places)], id=f"gm-{tag:02x}{i:010x}", date_start=day, date_end=day, **over))
    return out


RETYPE = {"event_type": "ground_assault", "sub_type": "assault", "weapons": []}


def types_by_id(layer_dir: Path) -> dict[str, str]:
    return {f["id"]: f["properties"]["event_type"] for f in read_layers(layer_dir)} if layer_dir.exists() else {}


def run_killed(args: list[str], kill_after: float | None, env: dict | None = None) -> int | None:
    """Run geomap; SIGKILL it after ``kill_after`` seconds (None: let it finish). The exit code, or None if killed."""
    proc = subprocess.Popen([str(GEOMAP), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    try:
        proc.wait(timeout=kill_after)
        return proc.returncode
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def run_here(args: list[str], env: dict | None = None) -> int:
    """Run the geomap command in this process (click's CliRunner) and return its exit code.

    For the runs a test does not kill: the run before a kill that makes the old output, and the run after
    one that must finish and sweep what the killed one left. They check what the command writes, the same
    code as a `geomap` process, without a Python and its geopandas started for each (~1 CPU-s a run).
    ``env``: variables set for the run only (CliRunner restores them).
    """
    from click.testing import CliRunner

    from geomap.cli.main import cli

    result = CliRunner().invoke(cli, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (e.g. a run's private temp directory)."""
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if text.encode() in (d / "cmdline").read_bytes():
                    stat = (d / "stat").read_text().rsplit(")", 1)[-1].split()
                    if stat[0] != "Z":
                        found.append(int(d.name))
            except OSError:
                continue
    return found


def no_process_left(text: str, wait: float = 10.0) -> bool:
    deadline = time.monotonic() + wait
    while processes_mentioning(text):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


op = st.one_of(
    st.tuples(st.just("save"), st.integers(1, 50)),
    st.tuples(st.just("import"), st.integers(1, 300), st.booleans(), st.booleans(),
              st.one_of(st.none(), st.floats(0.0, 4.0))),
    st.tuples(st.just("remove"), st.integers(1, 20)),
)


@FEW
@given(ops=st.lists(op, min_size=2, max_size=4))
def test_store_keeps_every_event_not_asked_to_be_removed(ops):
    tmp = Path(tempfile.mkdtemp(prefix="geomap-kills-"))
    try:
        store = tmp / "store"
        model = {f["id"]: "strike" for f in make_events(1, 1500)}
        merge_into(store, make_events(1, 1500))  # big enough that writing a generation takes a moment
        tag = 2
        for step in ops:
            tag += 1
            if step[0] == "save":
                merge_into(store, make_events(tag, step[1]))
                model.update({f"gm-{tag:02x}{i:010x}": "strike" for i in range(step[1])})
            elif step[0] == "remove":
                gone = sorted(model)[:step[1]]
                result = merge_into(store, [], remove=gone)
                assert sorted(result.ids_removed) == gone
                for i in gone:
                    del model[i]
            else:
                _, n, retype, dup, kill_after = step
                old = sorted(model)[: n // 3]
                feats = make_events(tag, n)
                if retype and old:  # existing events re-typed: they move layers within the transaction
                    feats += [{**f, "id": i, "properties": {**f["properties"], "id": i}}
                              for f, i in zip(make_events(tag, len(old), start=n, **RETYPE), old)]
                if dup:
                    feats.append(feats[0])
                src = tmp / f"in{tag}.geojson"
                src.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": feats}))
                after = dict(model)
                after.update({f["id"]: f["properties"]["event_type"] for f in feats})
                code = run_killed(["import", "geojson", str(src), "--into", str(store)], kill_after)
                got = types_by_id(store)
                if dup:
                    assert code in (None, 1) and got == model, "a refused import changed the store"
                elif code is None:
                    assert got in (model, after), "a killed import left a store that is neither old nor new"
                else:
                    assert code == 0 and got == after
                model = got
            assert types_by_id(store) == model
        merge_into(store, [])  # the next writer removes what a killed one left beside the store
        assert [p.name for p in tmp.iterdir() if p.name.startswith(".store.new-")] == []
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kill-project")
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


@pytest.fixture(scope="module")
def old_output(project, tmp_path_factory) -> Path:
    """The project (nothing imported) built by `geomap build --no-report`, once: each run copies it."""
    out = tmp_path_factory.mktemp("kill-old-output") / "out"
    assert run_here(["build", "--root", str(project), "--out", str(out), "--no-report"]) == 0
    return out


def copy_output(old_output: Path, out: Path) -> None:
    """The built output as it was, its generation links (relative) kept as links."""
    shutil.copytree(old_output, out, symlinks=True)


def _generation_of(out: Path) -> tuple[frozenset, Path]:
    """The published ids and the one generation directory every output resolves into."""
    gens = {Path(os.path.realpath(out / name)).parent for name in ("layers", "map.html")}
    assert len(gens) == 1, f"outputs from two builds: {gens}"
    (gen,) = gens
    assert sorted(p.name for p in (gen / "layers").iterdir()) == sorted(f"{t}.geojson" for t in EVENT_TYPES)
    return frozenset(f["id"] for f in read_layers(out / "layers")), gen


@FEW
@given(kill_after=st.floats(0.5, 25.0), with_report=st.booleans())
def test_killed_build_leaves_the_old_or_the_new_output_and_no_browser(project, old_output, kill_after, with_report):
    tmp = Path(tempfile.mkdtemp(prefix="geomap-kills-"))
    try:
        out, private_tmp = tmp / "out", tmp / "t"
        private_tmp.mkdir()
        shutil.rmtree(project / "data" / "imported", ignore_errors=True)
        copy_output(old_output, out)
        old, _ = _generation_of(out)
        merge_into(project / "data" / "imported", make_events(40, 5))
        new = old | {f"gm-28{i:010x}" for i in range(5)}
        args = ["build", "--root", str(project), "--out", str(out)] + ([] if with_report else ["--no-report"])
        code = run_killed(args, kill_after, env={"TMPDIR": str(private_tmp)})
        got, _ = _generation_of(out)
        assert got in (old, new) and (code is None or (code == 0 and got == new))
        assert no_process_left(str(private_tmp)), "a browser of the killed build is still running"
        assert run_here(["build", "--root", str(project), "--out", str(out), "--no-report"]) == 0
        got, gen = _generation_of(out)
        assert got == new
        assert sorted(p.name for p in (out / ".build").iterdir()) == sorted([".current.lock", "current", gen.name])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(project / "data" / "imported", ignore_errors=True)


@functools.cache
def export_bytes(seed_layers: Path, fmt: str) -> tuple[bytes, bytes]:
    """The old (strikes only) and new (every event) export of the seed layers, by `geomap export` runs,
    once per format: exports are deterministic, so every example starts from the same two files."""
    with tempfile.TemporaryDirectory(prefix="geomap-kills-") as tmp:
        target = Path(tmp) / f"events.{fmt}"
        assert run_here(["export", "-f", fmt, "-o", str(target), "--type", "strike", str(seed_layers)]) == 0
        old = target.read_bytes()
        assert run_here(["export", "-f", fmt, "-o", str(target), str(seed_layers)]) == 0
        return old, target.read_bytes()


@FEW
@given(kill_after=st.floats(0.0, 6.0), fmt=st.sampled_from(["gpkg", "geojson"]))
def test_killed_export_leaves_the_old_or_the_new_file(seed_layers, kill_after, fmt):
    tmp = Path(tempfile.mkdtemp(prefix="geomap-kills-"))
    try:
        target = tmp / f"events.{fmt}"
        old, new = export_bytes(seed_layers, fmt)
        target.write_bytes(old)
        assert old != new
        code = run_killed(["export", "-f", fmt, "-o", str(target), str(seed_layers)], kill_after)
        assert target.read_bytes() in (old, new) and (code is None or target.read_bytes() == new)
        assert run_here(["export", "-f", fmt, "-o", str(target), str(seed_layers)]) == 0
        assert [p.name for p in tmp.iterdir()] == [target.name], "a killed export's temp file was not removed"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@FEW
@given(kill_after=st.floats(0.0, 8.0))
def test_killed_gazetteer_import_leaves_the_old_or_the_new_places(kill_after):
    tmp = Path(tempfile.mkdtemp(prefix="geomap-kills-"))
    env = {"GEOMAP_DATA_DIR": str(tmp / "data")}  # the run's gazetteer index (conftest), not a build of its own
    try:
        places = settlements("UA", "21", 12)

        def csv(name, rows):
            lines = ["name,lat,lon,admin1,aliases,source"]
            lines += [f"Testplace {p['name']},{p['lat']},{p['lon']},Sumy Oblast,,test" for p in rows]
            (tmp / name).write_text("\n".join(lines) + "\n")
            return str(tmp / name)

        # the runs not killed in this process (run_here), the one killed in a process of its own
        assert run_here(["gazetteer", "import", csv("a.csv", places[:3])], env) == 0
        store = tmp / "data" / "gazetteer" / "places.json"
        names = lambda: sorted(p["name"] for p in orjson.loads(store.read_bytes())["places"])  # noqa: E731
        old = names()
        code = run_killed(["gazetteer", "import", csv("b.csv", places[3:])], kill_after, env)
        got = names()
        assert got == old or len(got) == 12
        assert code is None or len(got) == 12
        assert run_here(["gazetteer", "import", str(tmp / "b.csv")], env) == 0  # the next run sweeps
        assert len(names()) == 12
        assert [p.name for p in store.parent.iterdir() if ".tmp" in p.name or ".new-" in p.name] == []
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_build_killed_while_chromium_prints_leaves_old_output_and_no_browser(project, old_output, tmp_path):
    """Kill -9 the build at the moment its browser is running: no Chromium survives, the old output stands."""
    from geomap.render.pdf import find_chromium

    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI")
        pytest.skip("needs Chromium (scripts/install-system-deps.sh)")
    out, private_tmp = tmp_path / "out", tmp_path / "t"
    private_tmp.mkdir()
    copy_output(old_output, out)
    old, gen = _generation_of(out)
    proc = subprocess.Popen([str(GEOMAP), "build", "--root", str(project), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TMPDIR": str(private_tmp)})
    try:
        while not processes_mentioning(str(private_tmp)):
            assert proc.poll() is None, "the build ended before its browser started"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert no_process_left(str(private_tmp)), "Chromium outlived the killed build"
    assert _generation_of(out) == (old, gen)
    assert not (out / "report").exists()
