"""Every ``avenue-desk`` command README.md shows is real, and runs (issue 17's "every command
in the README works against PostgreSQL in CI"; issue 19 item 1: a test fails when the README
names a command or a setting that does not exist).

The commands are read from README.md itself — the "## The command line" block, and the
lines of "## For a trust: one server" that run Avenue Desk — split with ``shlex`` and run in
the README's order through the ``cli`` fixture, against a throwaway school on the run's
database (a SQLite folder under ``make test``; its own database on the server under
``make test-postgres``). The README's words and options are kept exactly: only the values in
``SUBSTITUTIONS`` are replaced (each says why), ``--data-dir`` is put in front (the
throwaway school), and the files the README names (pupils.csv, log.csv, school.zip…) are
made in, or written to, the folder the commands run in. What cannot run here is in
``NOT_RUN``, with the reason.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
from contextlib import redirect_stderr
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from avenue_desk.cli.parser import build_parser
from avenue_desk.paths import AppPaths
from avenue_desk.policy import settings_registry
from tests.helpers.cli import Ran
from tests.helpers.csv_files import row as log_row
from tests.helpers.csv_files import write as write_log
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.mis_files import school as mis_school
from tests.helpers.mis_files import write_layout
from tests.helpers.postgres import ON_POSTGRES, superuser_url

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PASSWORD = "Seven long words walk home"  # init's and demo's (AVENUE_DESK_PASSWORD)

# --- what the README's commands are -------------------------------------------------------

COMMAND_SECTION = "The command line"
TRUST_SECTION = "For a trust: one server"
PROGRAMS = ("avenue-desk", "avenue-desk-cli.exe")  # the same parser (README: Windows build)


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README.md has no “## {title}” section"
    return match[1]


def _pieces(text: str) -> list[tuple[str, str]]:
    """("block", line) for each line of a fenced code block and ("span", text) for each
    `inline` span, in the order the README has them."""
    found = []
    for match in re.finditer(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", text, re.S):
        if match[1] is not None:
            found += [("block", line.strip()) for line in match[1].splitlines()]
        else:
            found.append(("span", match[2]))
    return found


def _command_names() -> set[str]:
    parser = build_parser()
    return set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001 - argparse's own


COMMANDS = _command_names()


def command_lines(text: str) -> list[str]:
    """The lines that run Avenue Desk: a code block's ``avenue-desk …`` lines, an inline
    ``avenue-desk …``, and an inline ``server migrate`` (a command named without the
    program's name, written out as the README means it). Not the synopsis with its
    [brackets], nor ``... backup``, nor the bare program name in a sentence."""
    lines = []
    for kind, piece in _pieces(text):
        words = piece.split()
        if not words or "[" in piece:
            continue
        if words[0] in PROGRAMS and (kind == "block" or len(words) > 1):
            lines.append(piece)
        elif kind == "span" and words[0] in COMMANDS and len(words) > 1:
            lines.append(f"avenue-desk {piece}")
    return lines


def argv_of(line: str) -> tuple[list[str], str | None]:
    """The arguments after the program's name, and the file a ``>`` sends the output to."""
    words = shlex.split(line, comments=True)
    assert words[0] in PROGRAMS, line
    words = words[1:]
    if ">" in words:
        at = words.index(">")
        return words[:at], words[at + 1]
    return words, None


def parser_refusal(argv: list[str]) -> str:
    """What argparse says of ``argv`` ("" when it takes it)."""
    said = StringIO()
    try:
        with redirect_stderr(said):
            build_parser().parse_args(argv)
    except SystemExit as stop:
        return said.getvalue().strip() or f"exit {stop.code}"
    return ""


# --- what is changed, and what is not run --------------------------------------------------

@dataclass(frozen=True)
class Substitution:
    after: str  # the word before the value (an option or a command)
    value: str  # as the README has it, after shlex
    why: str


SUBSTITUTIONS = (
    Substitution("--incidents", "300", "40 incidents keep the test quick (incident 12 and "
                 "person 287 are still there)"),
    Substitution("--user", "apatel", "on the demo school the Headteacher is `head` (demo "
                 "makes head, office, governor, staff); apatel is the account init makes, and "
                 "is used wherever init made it"),
    Substitution("migrate-to", "postgresql+psycopg://desk@db.trust/avenue", "the trust's "
                 "server: a new database on the test cluster, or a new folder on SQLite"),
    Substitution("--database-url", "URL", "where the line before moved the records"),
    Substitution("migrate-to", "D:\\Avenue Desk", "a Windows path: a new folder here"),
    Substitution("--run", "postgresql://postgres:PASSWORD@HOST/postgres", "the test "
                 "cluster's superuser (trusted on its socket)"),
    Substitution("--database-url", "OWNER_URL", "the owner's URL server init printed"),
    Substitution("--database-url", "APP_URL", "the application's URL server init printed"),
    Substitution("migrate-to", "OWNER_URL", "the owner's URL of a second trust database "
                 "(the first has init's school in it; migrate-to wants an empty one)"),
)

NOT_RUN = {  # README line -> why it is not run as written (it is still parsed)
    "avenue-desk --data-dir D:\\AvenueDesk": "a Windows path, opening the window: the window "
    "is opened (smoke test) by the command line's bare `avenue-desk`",
    "avenue-desk-cli.exe --user NAME check": "the built Windows program (make dist-smoke "
    "runs the built one); `check` itself runs here",
    "avenue-desk --user NAME check": "`check` runs here as the command line section has it",
    "avenue-desk --user apatel encrypt-records": "init makes the README's school encrypted "
    "from the start, so there is nothing to convert: tests/services/test_encrypt_conversion.py "
    "runs it on a plain one",
}


def substituted(argv: list[str], values: dict[str, str]) -> list[str]:
    """``argv`` with each value of SUBSTITUTIONS that this run gives a value for replaced."""
    out = []
    for at, word in enumerate(argv):
        before = argv[at - 1] if at else ""
        key = f"{before} {word}"
        out.append(values.get(key, word))
    return out


def _table(values: dict[str, str]) -> dict[str, str]:
    known = {f"{s.after} {s.value}" for s in SUBSTITUTIONS}
    unknown = set(values) - known
    assert not unknown, f"substitutions not in SUBSTITUTIONS: {unknown}"
    return values


# --- the parser and the registry know every name --------------------------------------------

def test_every_avenue_desk_command_in_the_readme_is_one_the_parser_takes():
    lines = command_lines(README)
    assert len(lines) >= 25, lines  # the command line section alone has 19
    refused = {line: why for line in lines if (why := parser_refusal(argv_of(line)[0]))}
    assert not refused, f"README commands the parser refuses: {refused}"


def test_every_readme_command_is_run_below_or_listed_as_not_run():
    run_below = {*command_lines(section(COMMAND_SECTION)),
                 *command_lines(section(TRUST_SECTION))}
    others = set(command_lines(README)) - run_below
    assert others == set(NOT_RUN), ("README commands neither run here nor listed in NOT_RUN "
                                    f"(or listed and gone): {others ^ set(NOT_RUN)}")


# The one-word `spans` the README uses that are not commands: each kind is checked.
ACCOUNTS = {"head", "office", "governor", "staff"}  # demo's accounts: checked in the run
PACKAGES_WORDS = {"accounts", "conduct", "core", "incidents", "letters", "people", "privacy",
                  "safety", "summaries", "transfer"}  # services/ packages: must exist
OTHER_WORDS = {"avenue-desk": "the program", "apt-get": "Debian's", "sudo": "Debian's",
               "unaccent": "PostgreSQL's extension", "strings": "binutils' (the at-rest test)"}


def test_every_word_the_readme_marks_as_a_command_exists():
    words = {piece for kind, piece in _pieces(README)
             if kind == "span" and re.fullmatch(r"[a-z][a-z-]*", piece)}
    unknown = words - COMMANDS - ACCOUNTS - PACKAGES_WORDS - set(OTHER_WORDS)
    assert not unknown, f"README names commands the parser does not have: {sorted(unknown)}"
    services = ROOT / "avenue_desk" / "services"
    assert {w for w in PACKAGES_WORDS if not (services / w / "__init__.py").is_file()} == set()


# Settings the README describes in words, and the key each is (README phrase -> key).
SETTINGS_IN_WORDS = {
    "after 5 idle minutes (a setting)": ("lock_idle_minutes", 5),
    "Settings' backup folder": ("backup_dir", ""),
}
NOT_SETTINGS = {"avenue_app", "avenue_owner"}  # PostgreSQL roles (server init's names)


def test_every_setting_the_readme_names_is_declared():
    named = set(re.findall(r"settings set (\S+)", README))
    named |= {piece for kind, piece in _pieces(README) if kind == "span"
              and re.fullmatch(r"[a-z]+(?:[._][a-z0-9-]+)+", piece)
              and not re.search(r"\.(conf|csv|md|py|sql|sh|zip|png|ui|spec|dump|exe)$", piece)}
    missing = sorted(key for key in named - NOT_SETTINGS
                     if not settings_registry.is_declared(key))
    assert not missing, f"README names settings the registry does not declare: {missing}"
    for phrase, (key, default) in SETTINGS_IN_WORDS.items():
        assert phrase in " ".join(README.split()), f"README no longer says “{phrase}”"
        assert settings_registry.setting(key).default == default, (phrase, key)


# --- running them ---------------------------------------------------------------------------

class Runner:
    """Runs README lines through the ``cli`` fixture in ``work`` (where the README's
    relative file names land), each with ``--data-dir`` in front."""

    def __init__(self, cli, work: Path):
        self.cli, self.work, self.ran = cli, work, []

    def __call__(self, line: str, folder: Path, values: dict[str, str], *,
                 before: tuple = (), after: tuple = (), refusal: str = "") -> Ran:
        argv, output_file = argv_of(line)
        argv = substituted(argv, _table(values))
        assert parser_refusal([*before, *argv]) == ""
        result = self.cli("--data-dir", folder, *before, *argv, *after, password=PASSWORD)
        said = f"{line}\n→ {argv}\nexit {result.returncode}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr, said
        if refusal:
            assert result.returncode == 1 and refusal in result.stderr, said
        else:
            assert result.returncode == 0, said
        if output_file:
            (self.work / output_file).write_text(result.stdout, encoding="utf-8")
        self.ran.append(line)
        return result


def _first(lines: list[str], *words: str) -> str:
    found = [line for line in lines if all(w in argv_of(line)[0] for w in words)]
    assert found, f"README has no command with {words}"
    return found[0]


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _prepare(parsed, work: Path, run, lines, school: Path) -> None:
    """What must exist before a README command can do its work."""
    if parsed.command == "import" and parsed.kind == "people":
        write_layout(work / parsed.file, "sims", mis_school())  # an MIS export, as SIMS's
    elif parsed.command == "import":
        write_log(work / parsed.file, [log_row(), log_row(summary="Another post.")])
    elif parsed.command == "retention" and parsed.retention_command == "destroy":
        # The demo's incidents are under three years old: a one-month period (the shortest
        # the registry allows) puts the closed ones, incident 12 among them, in the review.
        run.cli("--data-dir", school, "--user", "head", "settings", "set",
                "retention_months.incident", "1", password=PASSWORD)
        review = run(_first(lines, "retention", "review"), school,
                     {"--user apatel": "head"})
        assert all(f"{key} " in review.stdout for key in parsed.records), review.stdout


def test_the_command_line_section_runs_in_order(cli, gui, tmp_path, work):
    lines = command_lines(section(COMMAND_SECTION))
    new_school = tmp_path / "new school"  # init's: an empty folder
    demo_school = tmp_path / "demo school"  # demo's, where the others run
    moved = tmp_path / "moved"  # migrate-to's target
    moved_url = data_paths(moved).database_url  # a new database on the server; or SQLite
    back = tmp_path / "back"  # ...and back to a folder (always SQLite)
    values = {"--incidents 300": "40", "--user apatel": "head",
              "migrate-to postgresql+psycopg://desk@db.trust/avenue":
              moved_url if ON_POSTGRES else str(moved),
              "--database-url URL": moved_url, "migrate-to D:\\Avenue Desk": str(back)}
    run = Runner(cli, work)
    for line in lines:
        argv, _ = argv_of(line)
        parsed = build_parser().parse_args(argv)
        if parsed.command is None:  # the window: painted offscreen, signing nobody in
            shown = run(line, new_school, values, after=("--smoke-test",))
            assert "painted" in shown.stderr, shown.stderr  # init below finds no account
            continue
        if parsed.command == "init":
            made = run(line, new_school, values)
            assert "recovery code" in made.stdout.lower(), made.stdout
            assert raw_sql(data_paths(new_school), "SELECT username FROM users") == [
                ("apatel",)]
            # README: "it refuses a database that already has accounts".
            run(line, new_school, values, refusal="with accounts: nothing was changed")
            continue
        folder = moved if parsed.database_url else demo_school
        _prepare(parsed, work, run, lines, demo_school)
        result = run(line, folder, values)
        if parsed.command == "demo":
            users = {name for (name,) in raw_sql(data_paths(demo_school),
                                                 "SELECT username FROM users")}
            assert users == ACCOUNTS, users  # the README's four accounts
        if parsed.command == "check":
            assert "Result: PASSED" in result.stdout, result.stdout
    assert not set(lines) - set(run.ran), set(lines) - set(run.ran)
    # The school went to the server (or a folder) and back whole.
    incidents = "SELECT count(*) FROM incidents"
    assert raw_sql(AppPaths(back), incidents) == raw_sql(data_paths(moved), incidents) \
        == raw_sql(data_paths(demo_school), incidents)
    assert (work / "SAR 287").is_dir() and (work / "shot.png").is_file()


# --- a trust's server ------------------------------------------------------------------------

_trusts = itertools.count(1)


def _trust_names() -> tuple[str, ...]:
    """Names of the test's own (not avenue_t…, the test databases'), dropped at the end."""
    tag = f"{os.getpid()}_{next(_trusts)}"
    return f"readme_{tag}", f"readme_owner_{tag}", f"readme_app_{tag}"


def _urls(printed: str) -> tuple[str, str]:
    owner = re.search(r"owner \(migrations only\):\s+(\S+)", printed)
    app = re.search(r"application \(every PC\):\s+(\S+)", printed)
    assert owner and app, printed
    return owner[1], app[1]


@pytest.fixture
def trusts():
    """The databases and roles ``server init --run`` makes here, dropped at the end."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    made: list[tuple[str, ...]] = []
    yield made
    engine = create_engine(superuser_url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            for database, owner, app in made:
                connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                connection.execute(text(f"DROP ROLE IF EXISTS {owner}, {app}"))
    finally:
        engine.dispose()


def test_the_trust_sql_is_printed_as_the_readme_says(cli, tmp_path, work):
    """Step 3's first command needs no server (psql, which runs what it prints, is the
    server's own program: tests/cli/test_server_init.py runs the same SQL)."""
    line = _first(command_lines(section(TRUST_SECTION)), "server", "init", "--host")
    Runner(cli, work)(line, tmp_path / "admin", {})
    owner_url, app_url = _urls((work / "avenue.sql").read_text(encoding="utf-8"))
    assert "@db.trust.local" in owner_url and "@db.trust.local" in app_url


@pytest.mark.skipif(not ON_POSTGRES, reason="the trust's own commands need a PostgreSQL "
                    "server: make test-postgres runs them")
def test_the_trust_section_runs_on_the_server(cli, gui, tmp_path, work, trusts):
    lines = command_lines(section(TRUST_SECTION))
    run = Runner(cli, work)
    admin = tmp_path / "admin"  # the IT technician's: server init and server migrate
    pc = tmp_path / "office pc"  # a PC's folder, on the application's URL

    def make_trust(line: str) -> tuple[str, str]:
        names = _trust_names()
        trusts.append(names)
        made = run(line, admin, {"--run postgresql://postgres:PASSWORD@HOST/postgres":
                                 superuser_url()},
                   after=("--database", names[0], "--owner", names[1], "--app", names[2]))
        return _urls(made.stdout)

    owner_url = app_url = other_owner_url = None
    for line in lines:
        argv, _ = argv_of(line)
        parsed = build_parser().parse_args(argv)
        urls = {"--database-url OWNER_URL": owner_url, "--database-url APP_URL": app_url}
        if parsed.command == "server" and parsed.server_command == "init" and parsed.run:
            owner_url, app_url = make_trust(line)
        elif parsed.command == "server" and parsed.server_command == "init":
            run(line, admin, {})
        elif parsed.command == "server" and parsed.database_url is None:
            # Step 6: "run `server migrate` with the owner's URL".
            again = run(line, admin, {}, before=("--database-url", owner_url))
            assert "is up to date" in again.stdout, again.stdout
        elif parsed.command == "server":
            run(line, admin, urls)
        elif parsed.command == "migrate-to":
            other_owner_url = _move_a_sqlite_school(run, line, lines, tmp_path, make_trust)
        elif parsed.command == "init":
            run(line, pc, urls)
        elif parsed.command is None:  # a PC's window on the application's URL
            shown = run(line, pc, urls, after=("--smoke-test",))
            assert "painted" in shown.stderr, shown.stderr
        elif parsed.database_url is None:  # step 7: "with the application's URL"
            made = run(line, pc, {}, before=("--database-url", app_url))
            assert "Backed up" in made.stdout, made.stdout
        else:
            run(line, pc, urls)
    assert other_owner_url and not set(lines) - set(run.ran)
    # init's school is on the first database, and the moved one on the second.
    assert raw_sql(AppPaths(pc, app_url), "SELECT username FROM users") == [("apatel",)]
    assert raw_sql(AppPaths(pc, other_owner_url), "SELECT count(*) FROM incidents") == [(40,)]


def _move_a_sqlite_school(run, line, lines, tmp_path, make_trust) -> str:
    """Step 4's "Or move a school already on SQLite ... (after `server migrate`)": a second
    trust database, set up with the README's own two commands, and a demo school in a
    SQLite folder (the command line section's `demo`) moved onto it."""
    owner_url, app_url = make_trust(_first(lines, "server", "init", "--run"))
    run(_first(lines, "--database-url", "server", "migrate"), tmp_path / "admin",
        {"--database-url OWNER_URL": owner_url})
    school = tmp_path / "school on sqlite"
    sqlite = ("--database-url", AppPaths(school).database_url)  # SQLite on any run
    run(_first(command_lines(section(COMMAND_SECTION)), "demo"), school,
        {"--incidents 300": "40"}, before=sqlite)
    moved = run(line, school, {"--user apatel": "head", "migrate-to OWNER_URL": owner_url},
                before=sqlite)
    assert "Moved " in moved.stdout, moved.stdout
    # Step 5: the PCs open it with the application's URL; its check passes there.
    checked = run(_first(command_lines(section(COMMAND_SECTION)), "check"),
                  tmp_path / "office pc 2", {"--user apatel": "head"},
                  before=("--database-url", app_url))
    assert "Result: PASSED" in checked.stdout, checked.stdout
    return owner_url


def test_every_picture_and_page_the_readme_links_to_is_there():
    """The front door's screenshots (docs/images, made by ``make docs``) and the pages it
    sends a reader to: a renamed or removed one fails here, not on GitHub."""
    targets = re.findall(r"\]\(((?:docs|benchmarks)/[^)#\s]+)", README)
    assert {"docs/images/home.png", "docs/images/letter.png"} <= set(targets)
    missing = [target for target in targets if not (ROOT / target).is_file()]
    assert missing == [], f"README links to files that are not there: {missing}"
