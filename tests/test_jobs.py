"""Parsing in a process pool: the same report as one process, in the same order, errors contained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrator.core.config import Config
from migrator.engine import migrate as engine
from migrator.engine.registry import selected
from migrator.rules.model import Model
from migrator.run import held_run, one_file, runner, workers
from migrator.run.run_report import Mode
from migrator.run.runner import run

LEGACY = """\
import anthropic

client = anthropic.Anthropic()
reply = client.completions.create(model="claude-2", max_tokens_to_sample=50, prompt="{prompt}")
print(reply.completion)
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for index in range(12):
        folder = tmp_path / f"pkg{index % 3}"
        folder.mkdir(exist_ok=True)
        prompt = f"\\n\\nHuman: question {index}\\n\\nAssistant:"
        (folder / f"mod{index:02d}.py").write_text(LEGACY.format(prompt=prompt))
        (folder / f"clean{index:02d}.py").write_text(f"VALUE = {index}\n")
    return tmp_path


def _run(tree: Path, jobs: int, mode: Mode = Mode.DIFF):
    return run([tree], Config(), selected(), mode, jobs=jobs, use_cache=False)


def test_a_pool_gives_the_report_of_one_process(tree):
    serial, parallel = _run(tree, 1), _run(tree, 2)
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert parallel.findings == serial.findings
    assert [f.diff for f in parallel.files] == [f.diff for f in serial.files]
    assert len(serial.files) == 12 and all(f.changed for f in serial.files)


def test_reports_come_in_discovery_order(tree):
    paths = [Path(f.path) for f in _run(tree, 3).files]
    assert paths == sorted(paths, key=lambda p: p.as_posix())


def test_the_pool_is_used_only_when_it_pays(tree, monkeypatch):
    pools = []
    real = workers.migrate_all

    def spy(work, config, rules, jobs, *rest):
        pools.append(len(work))
        return real(work, config, rules, jobs, *rest)

    monkeypatch.setattr(runner, "migrate_all", spy)
    import concurrent.futures

    started = []
    monkeypatch.setattr(
        concurrent.futures,
        "ProcessPoolExecutor",
        lambda *a, **k: started.append(1) or pytest.fail("pool started for too few files"),
    )
    few = sorted(tree.rglob("mod0[0-2].py"))
    assert len(few) < workers.MIN_FILES_FOR_POOL
    report = run(few, Config(), selected(), Mode.CHECK, jobs=2, use_cache=False)
    assert report.findings and not started


def test_a_reading_worker_migrates_what_passes_its_prefilter(tree, monkeypatch):
    """In a pool, the worker that read a file migrates it too, while the others are still
    read: nothing is left for a second pool, nor for the run's own process."""
    serial = _run(tree, 1)
    monkeypatch.setattr(workers, "MIN_FILES_FOR_READING_POOL", 2)
    monkeypatch.setattr(workers, "READ_BATCH", 3)
    log = tree / "migrated.log"
    real = engine.migrate_source

    def spy(source, path, *args, **options):  # forked workers see the patch
        with log.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(source, path, *args, **options)

    monkeypatch.setattr(engine, "migrate_source", spy)
    left: list[int] = []
    real_all = workers.migrate_all
    monkeypatch.setattr(
        runner, "migrate_all", lambda work, *rest: left.append(len(work)) or real_all(work, *rest)
    )
    parallel = _run(tree, 2)
    pids = log.read_text().split()
    assert len(pids) == 12 and str(os.getpid()) not in pids
    assert left == [0]
    assert parallel.findings == serial.findings
    assert [f.diff for f in parallel.files] == [f.diff for f in serial.files]


def test_an_error_in_a_worker_costs_one_file(tree, monkeypatch):
    real = Model.apply

    def broken(self, plan):
        if "question 5" in plan.analysis.module.code:
            raise RuntimeError("boom")
        return real(self, plan)

    monkeypatch.setattr(Model, "apply", broken)  # workers are forked: they see it too
    report = _run(tree, 2)
    (error,) = report.errors
    assert "mod05.py" in error and "internal error (RuntimeError: boom)" in error
    assert sum(f.changed for f in report.files) == 11


def test_jobs_on_the_command_line(tree):
    from typer.testing import CliRunner

    from migrator.cli.app import app

    cli = CliRunner()
    one = cli.invoke(app, ["check", "--jobs", "1", "--no-cache", str(tree)])
    two = cli.invoke(app, ["check", "-j", "2", "--no-cache", str(tree)])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    bad = cli.invoke(app, ["check", "--jobs", "0", str(tree)])
    assert bad.exit_code == 2


def test_files_read_and_prefiltered_by_a_pool_give_the_same_report(tree, monkeypatch):
    # A tree of a few files, read in batches of three by two processes.
    (tree / "broken.py").write_bytes(b"import anthropic\x00")  # not text: an error
    serial = _run(tree, 1)
    monkeypatch.setattr(workers, "MIN_FILES_FOR_READING_POOL", 2)
    monkeypatch.setattr(workers, "READ_BATCH", 3)
    reads = tree / "reads.log"
    real = workers._read_and_prefilter

    def spy(path):  # called in a worker (forked: it sees the patch); it leaves a trace
        with reads.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return real(path)

    monkeypatch.setattr(workers, "_read_and_prefilter", spy)
    parallel = _run(tree, 2)
    pids = reads.read_text().split()
    assert len(pids) == 25 and str(os.getpid()) not in pids  # every file, read by workers
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert parallel.findings == serial.findings and parallel.errors == serial.errors
    assert [f.diff for f in parallel.files] == [f.diff for f in serial.files]
    assert len(serial.errors) == 1 and "NUL byte" in serial.errors[0]
    one = _run(tree, 1)  # one process reads every file itself
    assert one.findings == serial.findings


MODULE = """\
import anthropic

{client} = anthropic.Anthropic()


def summarize(text):
    response = {client}.completions.create(
        model="claude-2", max_tokens_to_sample=300, prompt=f"\\n\\nHuman: {{text}}\\n\\nAssistant:"
    )
    return response.completion
"""

DOUBLES = """\
from unittest import mock

import {module}


def test_summarize():
    with mock.patch.object({module}.client.completions, "create") as create:
        create.return_value = mock.Mock(completion="Short.")
        assert {module}.summarize("A long text.") == "Short."
"""


@pytest.fixture
def doubled(tmp_path: Path, monkeypatch) -> Path:
    """Modules and the tests that patch their clients (held back until every module is
    known), and two modules that answer to the dotted name ``shared``: ``shared.py``,
    found first, migrates a client the test does not patch; ``src/shared.py`` migrates
    the one it does. The first found is also the largest, so its result comes back
    first from a pool and last from :func:`_in_reverse`."""
    for index in range(6):
        (tmp_path / f"svc{index}.py").write_text(MODULE.format(client="client"))
        tests = tmp_path / "tests"
        tests.mkdir(exist_ok=True)
        (tests / f"test_svc{index}.py").write_text(DOUBLES.format(module=f"svc{index}"))
    padding = "# The module the tests mean.\n" * 200
    (tmp_path / "shared.py").write_text(padding + MODULE.format(client="other"))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "shared.py").write_text(MODULE.format(client="client"))
    (tmp_path / "tests" / "test_shared.py").write_text(DOUBLES.format(module="shared"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _in_reverse(real):
    """``workers.in_pool`` with its results in the reverse of the order they ended in."""

    def pool(workers, function, jobs):
        yield from reversed(list(real(workers, function, jobs)))

    return pool


def _migrate_output(*options: str) -> str:
    from typer.testing import CliRunner

    from migrator.cli.app import app

    arguments = ["migrate", "--diff", "--no-cache", "--no-progress", *options, "."]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output  # files would change
    return result.stdout


@pytest.mark.parametrize("output", [(), ("--format", "json")])
def test_two_processes_print_what_one_prints_with_held_tests(doubled, monkeypatch, output):
    one = _migrate_output("--jobs", "1", *output)
    reversed_pool = _in_reverse(workers.in_pool)
    monkeypatch.setattr(workers, "in_pool", reversed_pool)
    monkeypatch.setattr(held_run, "in_pool", reversed_pool)
    two = _migrate_output("--jobs", "2", *output)
    assert two == one
    if not output:  # the held tests were migrated again with what the run learned
        assert one.count('mock.patch.object(svc0.client.messages, "create")') == 1
        assert "shared.client.messages" not in one
        assert "tests/test_shared.py" in one  # left as written, with its finding


def test_workers_show_the_files_they_migrate(doubled, monkeypatch):
    shows = doubled / "shows.log"
    real_diff, real_known = one_file.unified_diff, held_run.known_clients

    def logged(kind: str, real):
        def spy(*arguments):  # runs in a worker (forked: it sees the patch) or here
            with shows.open("a") as log:
                log.write(f"{kind} {os.getpid()}\n")
            return real(*arguments)

        return spy

    monkeypatch.setattr(one_file, "unified_diff", logged("diff", real_diff))
    monkeypatch.setattr(held_run, "known_clients", logged("held", real_known))
    report = _run(doubled, 2)
    lines = [line.split() for line in shows.read_text().splitlines()]
    assert sorted(kind for kind, _ in lines) == ["diff"] * 15 + ["held"] * 7
    assert str(os.getpid()) not in {pid for _, pid in lines}
    assert report.files_changed == 15  # the modules and six tests; test_shared.py is not
