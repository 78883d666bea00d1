"""A request dict bound in one module and sent from another (migrator.analysis.shared).

The dict is converted where it is written when the run sees both modules, every module
that sends it makes the same of it, and no other module of the run names it; otherwise
the call converts it at run time and the binding module keeps it, reported. The two
modules run the same before and after migration, against the fake API.
"""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from differential import run_pair  # noqa: E402

from migrator.analysis import (
    project_summary,  # noqa: E402
    shared,
)
from migrator.core.config import Config  # noqa: E402
from migrator.engine.registry import selected  # noqa: E402
from migrator.run.run_report import Mode  # noqa: E402
from migrator.run.runner import run  # noqa: E402
from migrator.testing import FakeAnthropic  # noqa: E402

CONFIG = """\
MODEL = "claude-2"
PARAMS = {
    "model": "claude-2",
    "max_tokens_to_sample": 300,
    "stop_sequences": ["\\n\\nHuman:", "END"],
}
"""

APP = """\
import anthropic

from settings import PARAMS

client = anthropic.Anthropic()


def ask(question):
    reply = client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}", **PARAMS
    )
    return reply.completion


print(ask("What is a codemod?"))
"""


def _project(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("")
    for name, text in files.items():
        (root / f"{name}.py").write_text(text)
    return root


def _migrate(root: Path, mode: Mode = Mode.WRITE, jobs: int = 1, use_cache: bool = False):
    return run([root], Config(), selected(), mode, jobs=jobs, use_cache=use_cache)


def _findings(report) -> list[str]:
    return [f"{Path(f.path).name}:{f.line} {f.rule} {f.fix.value}" for f in report.findings]


def test_the_dict_is_converted_where_it_is_bound(tmp_path: Path) -> None:
    root = _project(tmp_path, settings=CONFIG, app=APP)
    report = _migrate(root)
    assert not report.errors
    settings, app = (root / "settings.py").read_text(), (root / "app.py").read_text()
    assert "max_tokens_to_sample" not in settings
    assert '"max_tokens": 300' in settings and '"stop_sequences": ["END"]' in settings
    assert 'MODEL = "claude-2"' in settings  # not sent: left as it is
    assert "**PARAMS" in app and "_legacy_" not in app  # no converter at run time
    assert "settings.py:2 TCM001 review" in _findings(report)
    again = run([root], Config(), selected(), Mode.CHECK, jobs=1, use_cache=False)
    assert not again.findings


def _runs_the_same(tmp_path: Path, **files: str) -> None:
    """The project's ``app.py`` sends and prints the same before and after migration."""
    before = _project(tmp_path, **files)
    after = tmp_path / "after"
    after.mkdir()
    for path in before.iterdir():
        (after / path.name).write_bytes(path.read_bytes())
    _migrate(after)
    sources = "".join(path.read_text() for path in sorted(after.glob("*.py")))
    with FakeAnthropic() as api:
        pair = run_pair(before / "app.py", after / "app.py", api, migrated_source=sources)
    assert pair.before.requests and not pair.problems(), pair.report()


def test_they_run_the_same_after_migration(tmp_path: Path) -> None:
    _runs_the_same(tmp_path, settings=CONFIG, app=APP)


def test_a_module_that_reads_it_for_something_else_keeps_it(tmp_path: Path) -> None:
    other = "from settings import PARAMS\n\nprint(PARAMS['max_tokens_to_sample'])\n"
    root = _project(tmp_path, settings=CONFIG, app=APP, report=other)
    report = _migrate(root)
    assert "max_tokens_to_sample" in (root / "settings.py").read_text()
    app = (root / "app.py").read_text()
    assert "_legacy_request_to_messages(PARAMS)" in app  # converted at run time
    assert any(f.startswith("settings.py:") and "TCM020 manual" in f for f in _findings(report))


def test_senders_that_make_different_things_of_it_convert_it_at_run_time(
    tmp_path: Path,
) -> None:
    # The model of a request that ends in a prefill is one that accepts it.
    prefilled = APP.replace("{anthropic.AI_PROMPT}", "{anthropic.AI_PROMPT} Sure,")
    root = _project(tmp_path, settings=CONFIG, app=APP, prefilled=prefilled)
    _migrate(root)
    assert "max_tokens_to_sample" in (root / "settings.py").read_text()
    for name in ("app.py", "prefilled.py"):
        assert "_legacy_request_to_messages(PARAMS" in (root / name).read_text()


def test_senders_that_agree_share_it(tmp_path: Path) -> None:
    root = _project(tmp_path, settings=CONFIG, app=APP, second=APP)
    _migrate(root, jobs=2)
    assert "max_tokens_to_sample" not in (root / "settings.py").read_text()
    for name in ("app.py", "second.py"):
        assert "_legacy_" not in (root / name).read_text()


def test_a_module_outside_the_run_is_not_rewritten(tmp_path: Path) -> None:
    root = _project(tmp_path, settings=CONFIG, app=APP)
    report = run([root / "app.py"], Config(), selected(), Mode.WRITE, jobs=1, use_cache=False)
    assert (root / "settings.py").read_text() == CONFIG
    assert "_legacy_request_to_messages(PARAMS)" in (root / "app.py").read_text()
    assert not report.errors


def test_a_dry_run_shows_both_modules_and_writes_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, settings=CONFIG, app=APP)
    report = _migrate(root, Mode.DIFF)
    assert (root / "settings.py").read_text() == CONFIG
    changed = sorted(Path(f.path).name for f in report.files if f.changed)
    assert changed == ["app.py", "settings.py"]


def test_the_cache_gives_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(tmp_path / "cache"))
    root = _project(tmp_path, settings=CONFIG, app=APP)
    first = _findings(_migrate(root, Mode.CHECK, use_cache=True))
    second = _findings(_migrate(root, Mode.CHECK, use_cache=True))
    assert first == second and "settings.py:2 TCM001 review" in second


@pytest.mark.parametrize(
    "module",
    [
        'PARAMS = {"max_tokens_to_sample": 1}\nPARAMS["model"] = "claude-2"\n',  # read
        'PARAMS = {"max_tokens_to_sample": 1}\nPARAMS = {}\n',  # bound twice
        'PARAMS = {KEY: 1, "max_tokens_to_sample": 1}\n',  # a key not spelled
        'PARAMS = {"max_tokens": 1}\n',  # not Text Completions'
        'def f():\n    global PARAMS\n    PARAMS = 1\nPARAMS = {"max_tokens_to_sample": 1}\n',
    ],
)
def test_only_a_dict_nothing_else_touches_is_offered(module: str) -> None:
    assert project_summary.shared_literals(ast.parse(module), module) == {}


def test_a_dict_is_offered_with_its_text() -> None:
    module = textwrap.dedent(CONFIG)
    offered = shared.offers(module)
    assert dict(offered)["MODEL"] == '"claude-2"'
    assert dict(offered)["PARAMS"].startswith("{\n") and dict(offered)["PARAMS"].endswith("}")


def test_a_dict_its_module_cannot_take_back_is_converted_at_run_time(tmp_path: Path) -> None:
    # The senders read the literal's text without the brackets around it, which the
    # binding module's rewrite does not find as such: the grant is withdrawn.
    bracketed = 'PARAMS = ({"model": "claude-2", "max_tokens_to_sample": 300})\n'
    root = _project(tmp_path, settings=bracketed, app=APP)
    report = _migrate(root)
    assert (root / "settings.py").read_text().endswith(bracketed)
    assert "_legacy_request_to_messages(PARAMS)" in (root / "app.py").read_text()
    assert not report.errors


# --- a model name bound in another module --------------------------------------------------

MODEL_SETTINGS = 'import os\n\nMODEL = "claude-2"\nKEY = os.environ.get("KEY")\n'
MODEL_APP = """\
import anthropic

from settings import MODEL

client = anthropic.Anthropic()


def ask(question):
    reply = client.completions.create(
        model=MODEL,
        max_tokens_to_sample=300,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    return reply.completion


print(ask("What is a codemod?"))
"""


def test_a_model_name_is_rewritten_where_it_is_bound(tmp_path: Path) -> None:
    # The settings module holds nothing of the legacy API: the byte test passes over it.
    asserting = "import settings\n\n\ndef test_it():\n    assert settings.MODEL\n"
    root = _project(tmp_path, settings=MODEL_SETTINGS, app=MODEL_APP, test_app=asserting)
    report = _migrate(root)
    assert (root / "settings.py").read_text() == MODEL_SETTINGS.replace(
        '"claude-2"', '"claude-sonnet-5-5"'
    )
    app = (root / "app.py").read_text()
    assert "model=MODEL," in app and "_legacy_" not in app
    assert "settings.py:3 TCM006 review" in _findings(report)


def test_a_rewritten_model_name_runs_the_same(tmp_path: Path) -> None:
    _runs_the_same(tmp_path, settings=MODEL_SETTINGS, app=MODEL_APP)


def test_a_model_name_read_for_something_else_is_mapped_at_run_time(tmp_path: Path) -> None:
    printing = "from settings import MODEL\n\nprint(MODEL)\n"
    root = _project(tmp_path, settings=MODEL_SETTINGS, app=MODEL_APP, show=printing)
    _migrate(root)
    assert (root / "settings.py").read_text() == MODEL_SETTINGS
    assert "model=_legacy_model_to_current(MODEL)" in (root / "app.py").read_text()


def test_a_current_model_name_is_kept_and_sent_as_it_is(tmp_path: Path) -> None:
    current = MODEL_SETTINGS.replace("claude-2", "claude-opus-4-5")
    root = _project(tmp_path, settings=current, app=MODEL_APP)
    report = _migrate(root)
    assert (root / "settings.py").read_text() == current
    app = (root / "app.py").read_text()
    assert "model=MODEL," in app and "_legacy_model_to_current" not in app
    assert "settings.py:3 TCM006 review" in _findings(report)


def test_calls_that_need_different_models_map_it_at_run_time(tmp_path: Path) -> None:
    prefilled = MODEL_APP.replace("{anthropic.AI_PROMPT}", "{anthropic.AI_PROMPT} Sure,")
    root = _project(tmp_path, settings=MODEL_SETTINGS, app=MODEL_APP, prefilled=prefilled)
    _migrate(root)
    assert (root / "settings.py").read_text() == MODEL_SETTINGS
    assert "_legacy_model_to_current(MODEL" in (root / "prefilled.py").read_text()


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("assert settings.MODEL == 'x'\n", True),
        ("from settings import MODEL\nassert MODEL\n", True),
        ("from settings import MODEL\nassert MODEL\nprint(MODEL)\n", False),
        ("import settings\nx = settings.MODEL\n", False),
    ],
)
def test_a_test_that_only_asserts_on_a_model_name_lets_it_change(
    module: str, expected: bool
) -> None:
    assert shared.asserted_only(ast.parse(module), "MODEL") is expected


def test_a_module_that_binds_one_literal_and_sends_another(tmp_path: Path) -> None:
    # `settings` binds PARAMS, which `app` sends, and sends MODEL, which `models` binds:
    # the binder is migrated once, with what `app` made of PARAMS; its own call maps
    # MODEL at run time.
    binder = (
        "import anthropic\n\nfrom models import MODEL\n\n"
        + CONFIG.replace('MODEL = "claude-2"\n', "")
        + "\nclient = anthropic.Anthropic()\n"
        "reply = client.completions.create(\n"
        "    model=MODEL, max_tokens_to_sample=5, prompt=f'{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}'\n"
        ")\n"
    )
    root = _project(tmp_path, models='MODEL = "claude-2"\n', settings=binder, app=APP)
    report = _migrate(root)
    assert not report.errors
    settings = (root / "settings.py").read_text()
    assert "max_tokens_to_sample" not in settings
    assert "_legacy_model_to_current(MODEL)" in settings
    assert (root / "models.py").read_text() == 'MODEL = "claude-2"\n'


def test_a_settings_module_imported_whole_shares_its_literals(tmp_path: Path) -> None:
    app = (
        MODEL_APP.replace("from settings import MODEL", "import settings")
        .replace("model=MODEL", "model=settings.MODEL")
        .replace("max_tokens_to_sample=300,", "**settings.PARAMS,")
    )
    both = MODEL_SETTINGS + 'PARAMS = {"max_tokens_to_sample": 300}\n'
    root = _project(tmp_path, settings=both, app=app)
    _migrate(root)
    settings = (root / "settings.py").read_text()
    assert 'MODEL = "claude-sonnet-5-5"' in settings and '{"max_tokens": 300}' in settings
    migrated = (root / "app.py").read_text()
    assert "model=settings.MODEL," in migrated and "**settings.PARAMS" in migrated
    assert "_legacy_" not in migrated


def test_a_settings_module_handed_on_whole_keeps_its_literals(tmp_path: Path) -> None:
    app = (
        MODEL_APP.replace("from settings import MODEL", "import settings")
        .replace("model=MODEL", "model=settings.MODEL")
        .replace("print(", "print(vars(settings), ")
    )
    root = _project(tmp_path, settings=MODEL_SETTINGS, app=app)
    _migrate(root)
    assert (root / "settings.py").read_text() == MODEL_SETTINGS
    assert "_legacy_model_to_current(settings.MODEL)" in (root / "app.py").read_text()


ENV_SETTINGS = 'import os\n\nMODEL = os.environ.get("ANTHROPIC_MODEL", "claude-2")\n'


def test_a_default_from_the_environment_is_rewritten_and_still_mapped(tmp_path: Path) -> None:
    """The value may come from outside the code: the call maps it at run time, and the
    default written in the code is the table's model already."""
    root = _project(tmp_path, settings=ENV_SETTINGS, app=MODEL_APP)
    report = _migrate(root)
    assert (root / "settings.py").read_text() == ENV_SETTINGS.replace(
        '"claude-2"', '"claude-sonnet-5-5"'
    )
    assert "model=_legacy_model_to_current(MODEL)" in (root / "app.py").read_text()
    assert "settings.py:3 TCM006 review" in _findings(report)


def test_a_default_from_the_environment_runs_the_same(tmp_path: Path) -> None:
    _runs_the_same(tmp_path, settings=ENV_SETTINGS, app=MODEL_APP)


@pytest.mark.parametrize(
    "module",
    [
        'import os\nMODEL = os.getenv("M", "claude-instant-1")\n',
        'from os import environ\nMODEL = environ.get("M", "claude-2")\n',
    ],
)
def test_a_read_of_the_environment_with_a_claude_default_is_offered(module: str) -> None:
    assert [name for name, _ in shared.offers(module)] == ["MODEL"]


def test_a_read_of_the_environment_with_another_default_is_not_offered() -> None:
    assert shared.offers('import os\nMODEL = os.environ.get("M", "gpt-4")\n') == ()


CLASS_SETTINGS = (
    'import os\n\n\nclass Config:\n    MODEL = "claude-2"\n'
    '    FAST_MODEL: str = os.environ.get("FAST_MODEL", "claude-instant-1")\n    RETRIES = 3\n'
)
CLASS_APP = MODEL_APP.replace("from settings import MODEL", "from settings import Config").replace(
    "model=MODEL", "model=Config.MODEL"
)
CLASS_TEST = (
    "from unittest import mock\n\nimport app\nfrom settings import Config as Settings\n\n\n"
    "def test_the_model_sent():\n    with mock.patch.object(app, 'client') as client:\n"
    "        app.ask('Hi')\n"
    "    assert client.mock_calls[0].kwargs['model'] == Settings.MODEL\n"
)


def test_a_class_attribute_is_rewritten_where_the_class_binds_it(tmp_path: Path) -> None:
    root = _project(tmp_path, settings=CLASS_SETTINGS, app=CLASS_APP, test_app=CLASS_TEST)
    report = _migrate(root)
    assert (root / "settings.py").read_text() == CLASS_SETTINGS.replace(
        '"claude-2"', '"claude-sonnet-5-5"'
    )
    app = (root / "app.py").read_text()
    assert "model=Config.MODEL," in app and "_legacy_" not in app
    assert (root / "test_app.py").read_text() == CLASS_TEST
    assert "settings.py:5 TCM006 review" in _findings(report)


def test_a_rewritten_class_attribute_runs_the_same(tmp_path: Path) -> None:
    _runs_the_same(tmp_path, settings=CLASS_SETTINGS, app=CLASS_APP)


def test_a_class_attribute_of_a_module_imported_whole_with_an_environment_default(
    tmp_path: Path,
) -> None:
    app = CLASS_APP.replace("from settings import Config", "import settings").replace(
        "model=Config.MODEL", "model=settings.Config.FAST_MODEL"
    )
    root = _project(tmp_path, settings=CLASS_SETTINGS, app=app)
    _migrate(root)
    assert (root / "settings.py").read_text() == CLASS_SETTINGS.replace(
        '"claude-instant-1"', '"claude-haiku-4-5"'
    )
    migrated = (root / "app.py").read_text()
    assert "model=_legacy_model_to_current(settings.Config.FAST_MODEL)," in migrated


@pytest.mark.parametrize(
    "other",
    [
        "from settings import Config\n\nprint(Config.MODEL)\n",
        'from settings import Config as C\n\nC.MODEL = "claude-instant-1"\n',
        'import settings\n\n\nclass Prod(settings.Config):\n    MODEL = "claude-2.1"\n',
    ],
)
def test_a_class_attribute_another_module_names_is_mapped_at_run_time(
    tmp_path: Path, other: str
) -> None:
    root = _project(tmp_path, settings=CLASS_SETTINGS, app=CLASS_APP, other=other)
    _migrate(root)
    assert (root / "settings.py").read_text() == CLASS_SETTINGS
    assert "model=_legacy_model_to_current(Config.MODEL)," in (root / "app.py").read_text()


def test_a_class_its_sender_hands_on_keeps_its_attribute(tmp_path: Path) -> None:
    app = CLASS_APP.replace("print(", "print(vars(Config), ")
    root = _project(tmp_path, settings=CLASS_SETTINGS, app=app)
    _migrate(root)
    assert (root / "settings.py").read_text() == CLASS_SETTINGS
    assert "_legacy_model_to_current(Config.MODEL)" in (root / "app.py").read_text()


@pytest.mark.parametrize(
    ("module", "offered"),
    [
        (CLASS_SETTINGS, ["Config.FAST_MODEL", "Config.MODEL"]),
        ('class C:\n    MODEL = "claude-2"\n    def f(self):\n        return self.MODEL\n', []),
        ('class C:\n    MODEL = "claude-2"\n    MODEL = "claude-2.1"\n', []),
        ('class C(Base):\n    MODEL = "claude-2"\n', []),
        ('@decorate\nclass C:\n    MODEL = "claude-2"\n', []),
        ('class C:\n    MODEL = "claude-2"\n\n\nD = C\n', []),
        ('class C:\n    MODEL = "claude-2"\n\n\nsetattr(D, "X", 1)\n', []),
        ('class C:\n    MODEL = "claude-2"\n    OTHER = MODEL\n', []),
    ],
)
def test_a_class_attribute_nothing_in_its_module_touches_is_offered(
    module: str, offered: list[str]
) -> None:
    assert [name for name, _ in shared.offers(module)] == offered


FIELD_SETTINGS = (
    "from dataclasses import dataclass\n\n\n@dataclass\nclass Settings:\n"
    '    max_tokens: int = 300\n    model: str = "claude-instant-1"\n\n\n'
    "settings = Settings(max_tokens=200)\n"
)
FIELD_APP = MODEL_APP.replace(
    "from settings import MODEL", "from settings import settings"
).replace("model=MODEL", "model=settings.model")


def test_a_field_default_of_an_instance_another_module_sends_is_rewritten(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, settings=FIELD_SETTINGS, app=FIELD_APP)
    report = _migrate(root)
    assert (root / "settings.py").read_text() == FIELD_SETTINGS.replace(
        '"claude-instant-1"', '"claude-haiku-4-5"'
    )
    app = (root / "app.py").read_text()
    assert "model=settings.model," in app and "_legacy_" not in app
    assert "settings.py:7 TCM006 review" in _findings(report)


def test_a_rewritten_field_default_runs_the_same(tmp_path: Path) -> None:
    _runs_the_same(tmp_path, settings=FIELD_SETTINGS, app=FIELD_APP)


def test_a_field_another_module_reads_is_mapped_at_run_time(tmp_path: Path) -> None:
    other = "from settings import settings\n\nprint(settings.model)\n"
    root = _project(tmp_path, settings=FIELD_SETTINGS, app=FIELD_APP, other=other)
    _migrate(root)
    assert (root / "settings.py").read_text() == FIELD_SETTINGS
    assert "model=_legacy_model_to_current(settings.model)," in (root / "app.py").read_text()


@pytest.mark.parametrize(
    ("module", "offered"),
    [
        (FIELD_SETTINGS, ["settings.model"]),
        (FIELD_SETTINGS.replace("Settings(max_tokens=200)", 'Settings(model="claude-2")'), []),
        (FIELD_SETTINGS.replace("Settings(max_tokens=200)", "Settings(200)"), []),
        (FIELD_SETTINGS + "other = Settings(**options)\n", []),
        (FIELD_SETTINGS + "print(settings)\n", []),
        (FIELD_SETTINGS + "print(Settings)\n", []),
        (FIELD_SETTINGS + 'settings.model = "claude-2.1"\n', []),
        (
            "import pydantic\n\n\nclass Settings(pydantic.BaseModel):\n"
            '    model: str = "claude-2"\n\n\nsettings = Settings()\n',
            ["settings.model"],
        ),
        (
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            '    model: str = "claude-2"\n\n\nsettings = Settings()\n',
            [],
        ),
        (
            "import pydantic\n\n\nclass Settings(pydantic.BaseModel):\n"
            '    model: str = "claude-2"\n\n'
            "    @pydantic.field_validator('model')\n    def check(cls, value):\n"
            "        return value\n\n\nsettings = Settings()\n",
            [],
        ),
    ],
)
def test_a_field_default_every_construction_keeps_is_offered(
    module: str, offered: list[str]
) -> None:
    assert [name for name, _ in shared.offers(module)] == offered


@pytest.mark.parametrize(
    "module",
    [
        CLASS_SETTINGS + "\nprint(vars(object).__dict__)\n",
        CLASS_SETTINGS + "\nobject.__setattr__(thing, name, 1)\n",
    ],
)
def test_a_module_that_may_set_any_attribute_offers_no_class_attribute(module: str) -> None:
    assert shared.offers(module) == ()
