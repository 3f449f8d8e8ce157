"""Conventions every geomap command keeps (issue 12): one meaning per option name, exit codes 0/1/2,
old option spellings kept as hidden deprecated aliases, and no deprecated click API in geomap's own code."""
from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import geomap
from conftest import DATA, REPO
from geomap.cli.main import cli

GEOMAP = Path(sys.executable).parent / "geomap"


def _commands(cmd: click.Command = cli, path: tuple[str, ...] = ()):
    """(path, command) for the group and every command under it."""
    yield path, cmd
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)  # the geomap group imports a command's module when it is asked for
        for name in cmd.list_commands(ctx):
            yield from _commands(cmd.get_command(ctx, name), path + (name,))


COMMANDS = dict(_commands())


def _options(hidden: bool):
    """{option string: [(command path, click.Option)]} over every command."""
    out: dict[str, list] = {}
    for path, cmd in COMMANDS.items():
        for p in cmd.params:
            if isinstance(p, click.Option) and p.hidden == hidden:
                for o in p.opts + p.secondary_opts:
                    out.setdefault(o, []).append((" ".join(path), p))
    return out


def _signature(p: click.Option):
    """What a user types for the option: its value type (choices), flag-ness, repetition, checker."""
    t = p.type
    kind = ("choice", tuple(t.choices)) if isinstance(t, click.Choice) else type(t).__name__
    return kind, p.is_flag, p.multiple, getattr(p.callback, "__qualname__", None), p.metavar


# Option names whose help text differs by command, with the one meaning each keeps everywhere.
# Any other name shared by two commands has the same help there, word for word.
SHARED_MEANINGS = {
    "--admin1": "an oblast, by name or ISO code (checked by cb_admin1)",
    "--root": "the project directory (data/, seeds/)",
    "-o": "where the command writes its output",
    "--output": "where the command writes its output",
    "--out": "the output directory",
    "--json": "print JSON instead of a table",
    "--min-confidence": "the least extraction confidence, 0 to 1",
    "--published": "the publication date of a document that gives none",
}

# Old spellings kept, hidden, for users' scripts: (command, old) → new.
DEPRECATED = {
    ("report", "--format"): "--outputs",
    ("report", "--boundaries"): "--boundaries-file",
    ("review merge", "--into"): "--keep",
    ("import acled", "--region"): "--admin1 or --all-rows",
}


def test_a_shared_option_name_means_the_same_in_every_command():
    shared = {name: uses for name, uses in _options(hidden=False).items()
              if name not in ("-h", "--help") and len(uses) > 1}
    problems = []
    for name, uses in sorted(shared.items()):
        sigs = {_signature(p) for _, p in uses}
        if len(sigs) > 1:
            problems.append(f"{name}: different types in {[c for c, _ in uses]}: {sigs}")
        helps = {p.help for _, p in uses}
        if len(helps) > 1 and name not in SHARED_MEANINGS:
            problems.append(f"{name}: different help in {[c for c, _ in uses]}")
    assert not problems, "\n".join(problems)
    assert set(SHARED_MEANINGS) <= set(shared), "a SHARED_MEANINGS entry no command shares any longer"
    # the names that used to mean two things now mean one
    assert {c for c, _ in shared.get("--boundaries", [])} <= {"export"}
    assert {c for c, _ in shared.get("--format", [])} <= {"export"}
    assert all(c.startswith("import ") for c, _ in _options(hidden=False)["--into"])


def test_hidden_options_are_exactly_the_deprecated_aliases():
    hidden = {(c, name) for name, uses in _options(hidden=True).items() for c, _ in uses}
    assert hidden == set(DEPRECATED)
    for (command, old), new in DEPRECATED.items():
        visible = {o for p in COMMANDS[tuple(command.split())].params
                   if isinstance(p, click.Option) and not p.hidden for o in p.opts}
        assert old not in visible and all(n in visible for n in new.split(" or "))


def test_deprecated_aliases_still_work_and_warn(tmp_path):
    runner = CliRunner()
    acled = DATA / "acled_sample.csv"
    old = runner.invoke(cli, ["import", "acled", str(acled), "--dry-run", "--region", "all"])
    new = runner.invoke(cli, ["import", "acled", str(acled), "--dry-run", "--all-rows"])
    assert old.exit_code == new.exit_code == 1  # the sample has bad rows on purpose
    assert "warning: --region is deprecated; use --admin1 or --all-rows" in old.stderr
    assert old.stdout == new.stdout and "outside the region" not in new.stdout
    default = runner.invoke(cli, ["import", "acled", str(acled), "--dry-run", "--region", "kursk-sumy"])
    assert default.stdout == runner.invoke(cli, ["import", "acled", str(acled), "--dry-run"]).stdout

    layers, boundaries = DATA / "report_layers", geomap.regions.default_boundaries_path()
    res = runner.invoke(cli, ["report", str(layers), "-o", str(tmp_path / "old"), "--format", "html",
                              "--boundaries", str(boundaries)])
    assert res.exit_code == 0, res.output
    assert "warning: --format is deprecated; use --outputs" in res.stderr
    assert "warning: --boundaries is deprecated; use --boundaries-file" in res.stderr
    assert sorted(p.name for p in (tmp_path / "old").iterdir()) == ["index.html"]  # html only, as asked


# --- exit codes: 0 done, 1 bad data or a problem found, 2 usage error ----------------------------------

def _bad_inputs(tmp: Path) -> dict[tuple[str, ...], tuple[list[str], dict[str, str]]]:
    """For every command, arguments (and environment) that give it bad data to read."""
    layers = tmp / "layers"
    layers.mkdir()
    (layers / "strike.geojson").write_text('{"type": "FeatureCollection", "features": [{"type": "Feat')
    (tmp / "bad.csv").write_text("not,a,known,layout\n1,2,3,4\n")
    (tmp / "bad.json").write_text("{nope")
    (tmp / "bad.gpkg").write_bytes(b"not a database")
    (tmp / "bad.parquet").write_bytes(b"not parquet")
    (tmp / "doc.md").write_bytes(b"\xff\xfe\x00 not text")
    project = tmp / "project"
    (project / "data" / "events").mkdir(parents=True)
    (project / "data" / "events" / "bad.yaml").write_text("- event_type: parade\n")
    empty = tmp / "empty-project"
    empty.mkdir()
    gazdir = tmp / "gazdata"
    (gazdir / "gazetteer").mkdir(parents=True)
    (gazdir / "gazetteer" / "places.json").write_text("{broken")
    t = str(tmp)
    return {
        ("build",): (["--root", str(project), "--out", f"{t}/out"], {}),
        ("validate",): ([str(layers / "strike.geojson")], {}),
        ("layers",): ([str(layers)], {}),
        ("extract",): ([f"{t}/doc.md"], {}),
        ("geocode",): (["Qwxzqwxz"], {}),
        ("gazetteer",): (["stats"], {"GEOMAP_DATA_DIR": str(gazdir)}),
        ("gazetteer", "search"): (["Qwxzqwxz"], {}),
        ("gazetteer", "import"): ([f"{t}/bad.csv"], {}),
        ("gazetteer", "stats"): ([], {"GEOMAP_DATA_DIR": str(gazdir)}),
        ("map",): ([str(layers), "-o", f"{t}/m.html"], {}),
        ("report",): ([str(layers), "-o", f"{t}/r"], {}),
        ("export",): ([str(layers), "-o", f"{t}/e.geojson"], {}),
        ("import",): (["geojson", f"{t}/bad.json", "--into", f"{t}/store"], {}),
        ("import", "acled"): ([f"{t}/bad.csv", "--into", f"{t}/store"], {}),
        ("import", "geojson"): ([f"{t}/bad.json", "--into", f"{t}/store"], {}),
        ("import", "gpkg"): ([f"{t}/bad.gpkg", "--into", f"{t}/store"], {}),
        ("import", "geoparquet"): ([f"{t}/bad.parquet", "--into", f"{t}/store"], {}),
        ("fetch",): (["ftp://example.invalid/page", "-o", f"{t}/fetched"], {}),
        ("review",): (["--root", str(empty), "--no-browser"], {}),
        **{("review", sub): (args + ["--root", str(empty)], {}) for sub, args in (
            ("list", []), ("accept", ["gm-000000000000"]), ("reject", ["gm-000000000000", "--reason", "other"]),
            ("set", ["gm-000000000000", "place=Sudzha"]), ("merge", ["gm-000000000000", "--keep", "gm-111111111111"]),
            ("flag", ["gm-000000000000"]))},
    }


def test_every_command_is_in_the_exit_code_table(tmp_path):
    assert set(_bad_inputs(tmp_path)) == {p for p in COMMANDS if p}


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_exit_codes_usage_2_bad_data_1(path, tmp_path, monkeypatch):
    runner = CliRunner()
    usage = runner.invoke(cli, [*path, "--no-such-option"])
    assert usage.exit_code == 2 and "No such option '--no-such-option'" in usage.output, usage.output
    args, env = _bad_inputs(tmp_path)[path]
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    bad = runner.invoke(cli, [*path, *args])
    assert bad.exit_code == 1, bad.output
    assert isinstance(bad.exception, SystemExit) and "Traceback" not in bad.output
    assert "Error: " in bad.output or "failed" in bad.output


def test_option_conflicts_are_usage_errors(seed_layers, tmp_path):
    runner = CliRunner()
    for args in (["-f", "gpkg", "--split", "-o", str(tmp_path / "e")],
                 ["-f", "csv", "--boundaries", "-o", str(tmp_path / "e.csv")],
                 ["-f", "geojson", "--raw-cells", "-o", str(tmp_path / "e.geojson")],
                 ["--since", "2025-02-01", "--until", "2025-01-01", "-o", str(tmp_path / "e.geojson")]):
        res = runner.invoke(cli, ["export", str(seed_layers), *args])
        assert res.exit_code == 2 and "Error: " in res.output, (args, res.output)
    res = runner.invoke(cli, ["report", str(seed_layers), "-o", str(tmp_path / "r"), "--outputs", "html,svg"])
    assert res.exit_code == 2 and "unknown report format svg" in res.output
    assert not (tmp_path / "r").exists() and not list(tmp_path.glob("e*"))


# --- no deprecated API in geomap's own modules ---------------------------------------------------------

def test_no_deprecation_warning_from_geomap_code(tmp_path):
    """``geomap extract`` to stdout with every DeprecationWarning raised in a geomap module made an error."""
    modules = ["geomap"] + [m.name for m in pkgutil.walk_packages(geomap.__path__, "geomap.")]
    env = {**os.environ, "PYTHONWARNINGS": ",".join(f"error::DeprecationWarning:{m}" for m in modules)}
    seed = sorted((REPO / "seeds").glob("*.md"))[0]
    res = subprocess.run([str(GEOMAP), "extract", str(seed)], capture_output=True, env=env, timeout=300)
    assert res.returncode == 0 and b"DeprecationWarning" not in res.stderr, res.stderr
    assert res.stdout.startswith(b'{"type":"Feature"')


def test_acled_summary_names_what_rows_were_left_outside_of():
    runner = CliRunner()
    acled = DATA / "acled_sample.csv"
    one = runner.invoke(cli, ["import", "acled", str(acled), "--dry-run", "--admin1", "kursk"])
    both = runner.invoke(cli, ["import", "acled", str(acled), "--dry-run"])
    assert "outside RU-KRS" in one.stdout and "outside Kursk and Sumy oblasts" in both.stdout
