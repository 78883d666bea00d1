"""The cycle collector's settings during a run (:mod:`migrator.run.garbage`): changed within,
as they were after, whatever the run does."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from migrator.core.config import Config
from migrator.engine.registry import selected
from migrator.run import runner
from migrator.run.garbage import YOUNG_THRESHOLD, collected_rarely
from migrator.run.run_report import Mode
from migrator.run.runner import run

LEGACY = """\
import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2", max_tokens_to_sample=5, prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}"
)
print(response.completion)
"""


def test_within_a_run_what_exists_is_set_aside_and_young_objects_wait_longer() -> None:
    before = gc.get_threshold()
    with collected_rarely():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        with collected_rarely():  # a run inside a run
            pass
        assert gc.get_freeze_count() > 0, "the inner run leaves the outer's objects aside"
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_collects_rarely_and_leaves_the_collector_as_it_found_it(
    tmp_path: Path, jobs: int
) -> None:
    (tmp_path / "app.py").write_text(LEGACY)
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    report = run(
        [tmp_path],
        Config(),
        selected(),
        Mode.DIFF,
        progress=lambda _name: during.append(gc.get_threshold()),
        jobs=jobs,
        use_cache=False,
    )
    assert report.files and not report.errors
    assert during and all(threshold[0] == YOUNG_THRESHOLD for threshold in during)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_run_that_fails_leaves_the_collector_as_it_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the walk failed")

    monkeypatch.setattr(runner, "discover", broken)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError, match="the walk failed"):
        run([tmp_path], Config(), selected(), Mode.DIFF, jobs=1, use_cache=False)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
