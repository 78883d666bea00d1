"""`responses` registrations move with the raw HTTP posts they serve, when the run proves it.

The fixtures (``fixtures/raw_http/responses_*``) cover a module that is its own
run. These cover what a run of several modules learns (``Endpoints``: the
URLs its ``requests`` posts were moved off, and those its code still names),
how it reaches a test module held back until every module is known, and what
each module tells the run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrator.analysis.doubled import NO_ENDPOINTS, Endpoints
from migrator.analysis.evidence import left_endpoints
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.run.run_report import Mode
from migrator.run.runner import run

RULES = registry.all_rules()
URL = "https://api.anthropic.com/v1/complete"

CODE = """\
import requests

API_URL = "https://api.anthropic.com/v1/complete"


def quote(topic):
    response = requests.post(
        API_URL,
        headers={"x-api-key": "test", "anthropic-version": "2023-06-01"},
        json={
            "model": "claude-2.1",
            "max_tokens_to_sample": 100,
            "prompt": f"\\n\\nHuman: A quote about {topic}\\n\\nAssistant:",
        },
    )
    response.raise_for_status()
    return response.json()["completion"].strip()
"""

TEST = """\
import responses

from quotes import quote


@responses.activate
def test_quote():
    responses.add(
        responses.POST,
        "https://api.anthropic.com/v1/complete",
        json={"completion": " Be yourself.", "stop_reason": "stop_sequence"},
    )
    assert quote("life") == "Be yourself."
"""

MOVED = '"https://api.anthropic.com/v1/messages",'
MESSAGE = '"content": [{"type": "text", "text": " Be yourself."}]'


def _test(endpoints: Endpoints | None, source: str = TEST):
    result = migrate_source(source, "test_quotes.py", Config(), RULES, known_endpoints=endpoints)
    assert result.error is None, result.error
    ast.parse(result.new_source)
    return result


# --------------------------------------------------------------------------- one test module


def test_a_registration_moves_when_the_run_moved_every_post_to_its_url():
    result = _test(Endpoints(migrated=frozenset({URL})))
    assert MOVED in result.new_source
    assert MESSAGE in result.new_source
    assert '"stop_reason": "end_turn"' in result.new_source
    assert [f.rule for f in result.findings] == ["TCM015"]
    assert "moves to /v1/messages with the code it serves" in result.findings[0].message


@pytest.mark.parametrize(
    "left",
    [
        URL,  # a post to it left for a person
        "*/v1/complete",  # a post whose URL's start the code does not spell out
    ],
)
def test_a_registration_stays_while_anything_of_the_run_may_still_ask_its_url(left: str):
    result = _test(Endpoints(migrated=frozenset({URL}), left=frozenset({left})))
    assert MOVED not in result.new_source
    assert "# migrator: manual [TCM020] a `responses` test double serves" in result.new_source


def test_a_registration_stays_when_the_run_moved_no_post_off_its_url():
    for endpoints in (NO_ENDPOINTS, Endpoints(migrated=frozenset({"https://x.test/v1/complete"}))):
        result = _test(endpoints)
        assert MOVED not in result.new_source
        assert [f.rule for f in result.findings] == ["TCM020"]


def test_a_registration_tells_the_run_it_waits_for_its_endpoints():
    assert _test(NO_ENDPOINTS).served_endpoints
    plain = "import responses\n\nresponses.add(responses.GET, 'https://api.anthropic.com/v1/complete')\n"
    assert not _test(NO_ENDPOINTS, plain).served_endpoints  # a GET serves no post


def test_responses_post_is_a_registration_not_a_request():
    source = TEST.replace("responses.add(\n        responses.POST,\n", "responses.post(\n")
    result = _test(NO_ENDPOINTS, source)
    assert {f.rule for f in result.findings} == {"TCM020"}  # no TCM015 "request ... by hand"
    assert _test(Endpoints(migrated=frozenset({URL})), source).new_source.count(MOVED) == 1


# --------------------------------------------------------------------------- what a module tells


def test_a_module_names_the_urls_its_requests_posts_left():
    result = migrate_source(CODE, "quotes.py", Config(), RULES)
    assert result.endpoints_migrated == (URL,)
    assert result.endpoints_left == ()


@pytest.mark.parametrize(
    "code",
    [
        CODE.replace("requests.post(", "httpx.post(").replace("import requests", "import httpx"),
        CODE.replace(
            '"https://api.anthropic.com/v1/complete"', 'os.environ["BASE"] + "/v1/complete"'
        ).replace("import requests", "import os\n\nimport requests"),
    ],
    ids=["httpx, which responses does not intercept", "a URL whose start is not spelled out"],
)
def test_only_a_requests_post_to_a_url_spelled_out_proves_one(code: str):
    result = migrate_source(code, "quotes.py", Config(), RULES)
    assert result.migrated_sites == 1
    assert not Endpoints.of([result]).proven(URL)


@pytest.mark.parametrize(
    "client",
    ["", "client = httpx.Client()\n", "client = httpx.AsyncClient()\n"],
    ids=["httpx.post", "a client", "an async client"],
)
def test_an_httpx_post_proves_its_url_to_respx_routes_only(client: str):
    post = "client.post(" if client else "httpx.post("
    code = CODE.replace("requests.post(", post).replace("import requests", "import httpx")
    code = code.replace("\n\ndef quote", f"\n{client}\n\ndef quote")
    if "Async" in client:
        code = code.replace("def quote", "async def quote").replace("= client", "= await client")
    endpoints = Endpoints.of([migrate_source(code, "quotes.py", Config(), RULES)])
    assert endpoints.proven(URL, "httpx")
    assert not endpoints.proven(URL)


def test_what_the_output_still_names_is_left():
    manual = CODE.replace(
        "    return response.json()", "    print(response)\n    return response.json()"
    )
    result = migrate_source(manual, "quotes.py", Config(), RULES)
    assert result.endpoints_migrated == ()
    assert result.endpoints_left == (URL,)
    assert left_endpoints('BASE = "http://localhost"\nPATH = "/v1/complete"\n') == (
        "*/v1/complete",
    )
    assert left_endpoints("url = f'{base}/v1/complete'\n") == ("*{}/v1/complete",)
    assert left_endpoints("def broken(:\n    '/v1/complete'\n") == ("*/v1/complete",)


def test_a_request_in_a_module_that_imports_responses_is_no_registration():
    source = "import requests\nimport responses\n\nrequests.get('https://api.anthropic.com/v1/complete')\n"
    assert left_endpoints(source) == (URL,)


def test_endpoints_prove_a_url_only_while_nothing_may_still_ask_it():
    endpoints = Endpoints.of([], left=["*/v1/complete"])
    assert not endpoints.proven(URL)
    assert Endpoints(frozenset({URL}), frozenset({"https://x.test/v1/complete"})).proven(URL)
    assert not Endpoints(frozenset({URL}), frozenset({URL})).proven(URL)


# --------------------------------------------------------------------------- a run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(tmp_path / ".migrator_cache"))
    (tmp_path / "tests").mkdir()
    (tmp_path / "quotes.py").write_text(CODE)
    (tmp_path / "tests" / "test_quotes.py").write_text(TEST)
    return tmp_path


def _run(paths: list[Path], mode: Mode = Mode.WRITE, use_cache: bool = False):
    return run(paths, Config(), RULES, mode, jobs=1, use_cache=use_cache)


def test_a_registration_moves_with_the_module_it_serves(project: Path):
    report = _run([project])
    assert not report.errors
    test = (project / "tests" / "test_quotes.py").read_text()
    assert MOVED in test and MESSAGE in test
    assert report.manual_sites == 0


def test_the_cache_carries_what_the_run_learned(project: Path):
    first = _run([project], Mode.DIFF, use_cache=True)
    second = _run([project], Mode.DIFF, use_cache=True)
    diffs = [[report.diff for report in each.files] for each in (first, second)]
    assert diffs[0] == diffs[1]
    assert MOVED.rstrip(",") in diffs[1][1]


def test_a_test_migrated_alone_keeps_its_registration(project: Path):
    report = _run([project / "tests"])
    assert "/v1/complete" in (project / "tests" / "test_quotes.py").read_text()
    assert [f.rule for f in report.findings] == ["TCM020"]


def test_a_post_left_for_a_person_keeps_the_registration(project: Path):
    code = project / "quotes.py"
    code.write_text(
        CODE.replace(
            "    return response.json()", "    print(response)\n    return response.json()"
        )
    )
    _run([project])
    assert "/v1/complete" in (project / "tests" / "test_quotes.py").read_text()


def test_a_module_that_does_not_parse_may_ask_any_url(project: Path):
    (project / "broken.py").write_text(f"def broken(:\n    return '{URL}'\n")
    report = _run([project])
    assert report.errors
    assert "/v1/complete" in (project / "tests" / "test_quotes.py").read_text()


def test_a_test_is_migrated_again_only_when_the_run_moves_what_it_serves(
    project: Path, parses: list[str]
):
    """Its doubles move only with the run's posts to their URL: when the run moves none
    of them, its first migration is its last."""
    code = project / "quotes.py"
    code.write_text(CODE.replace("api.anthropic.com", "proxy.example.com"))
    _run([project])
    assert parses.count("test_quotes.py") == 1
    assert "/v1/complete" in (project / "tests" / "test_quotes.py").read_text()
    code.write_text(CODE)
    parses.clear()
    _run([project])
    assert parses.count("test_quotes.py") == 2
    assert MOVED in (project / "tests" / "test_quotes.py").read_text()
