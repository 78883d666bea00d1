"""The comments the tool writes keep to the file's width, and still read as one finding."""

from __future__ import annotations

from migrator.code.wrapping import CONTINUATION, comment_lines, file_width, written_already
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source

# A call the tool leaves for a person, with a long reason: its response is printed whole.
PRINTED = """import anthropic

client = anthropic.Anthropic()


def ask(text):
    response = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=text)
    print(response)
"""


def migrate(source: str):
    return migrate_source(source, "example.py", Config(), registry.all_rules())


def test_a_short_comment_stays_on_its_line():
    assert comment_lines("# migrator: manual [TCM001] short", 80) == [
        "# migrator: manual [TCM001] short"
    ]


def test_a_long_comment_goes_over_lines_within_the_room():
    text = "# migrator: manual [TCM001] " + " ".join(["word"] * 40)
    lines = comment_lines(text, 60)
    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].startswith("# migrator: manual [TCM001] ")
    assert all(line.startswith(CONTINUATION) for line in lines[1:])
    assert " ".join(line.lstrip("#").strip() for line in lines) == text.lstrip("#").strip()


def test_a_word_longer_than_the_room_is_not_split():
    url = "https://example.com/" + "x" * 80
    assert url in comment_lines(f"# migrator: manual [TCM015] see {url} for it", 40)[1]


def test_the_width_is_the_files_longest_line_or_100():
    assert file_width("x = 1\n") == 100
    assert file_width("x = '" + "a" * 120 + "'\n") == 126


def test_a_comment_written_before_is_found_wrapped_or_not():
    text = "# migrator: manual [TCM001]" + " reason" * 30
    lines = comment_lines(text, 50)
    assert written_already(lines, ["# mine", *lines])
    assert written_already(lines, [text])
    assert not written_already(lines, lines[:-1])


def test_a_manual_comment_keeps_to_the_files_width():
    result = migrate(PRINTED)
    comments = [line for line in result.new_source.splitlines() if line.lstrip().startswith("#")]
    assert comments[0].lstrip().startswith("# migrator: manual [TCM009]")
    assert [line.lstrip()[:4] for line in comments[1:]] == [CONTINUATION], result.new_source
    assert all(len(line) <= 100 for line in result.new_source.splitlines())
    (finding,) = result.findings
    assert PRINTED.splitlines()[finding.line - 1].strip() == "print(response)"


def test_a_second_run_writes_the_wrapped_comment_once():
    once = migrate(PRINTED).new_source
    twice = migrate(once)
    assert twice.new_source == once
    assert twice.manual_sites == migrate(PRINTED).manual_sites


# Evidence no rule migrates: the leftover net writes its comment above the statement.
LEFT_OVER = """import anthropic

from chats import BaseChat


class Chat(BaseChat):
    HUMAN_PROMPT = anthropic.HUMAN_PROMPT

    def build(self, turns):
        return "".join(f"{self.HUMAN_PROMPT} {turn}" for turn in turns)
"""


def test_the_leftover_nets_comment_keeps_to_the_files_width_once():
    from migrator.files.filekinds import kind_of, migrate_text

    def run(source: str):
        return migrate_text(kind_of("chat.py"), source, "chat.py", Config(), registry.all_rules())

    once = run(LEFT_OVER)
    lines = once.new_source.splitlines()
    marker = next(at for at, line in enumerate(lines) if "# migrator: manual [TCM020]" in line)
    assert lines[marker + 1].lstrip().startswith(CONTINUATION)
    assert all(len(line) <= 100 for line in lines)
    assert run(once.new_source).new_source == once.new_source


def test_a_quoted_directive_is_never_split_into_one():
    # Split between "`#" and "migrator: ignore`", a line would read as a suppression.
    from migrator.contract.suppression import DIRECTIVE

    text = (
        "# migrator: manual [TCM001] left as written: the `# migrator: ignore` on line 3 silences"
    )
    for room in range(30, len(text)):
        lines = comment_lines(text, room)
        assert not any(DIRECTIVE.search(line) for line in lines), lines
        assert " ".join(line.lstrip("#").strip() for line in lines) == text[1:].strip()
