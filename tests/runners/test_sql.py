"""SQL in the room's browser (SQLite in sql.js): every statement's result as an aligned table,
errors with SQLite's message, the line and the statement, a fresh database for every run, the
question's schema and data loaded first, and runaways and memory bombs ended with the next run
working. The runner contract and hostile suites cover the rest (languages/sql.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from tests.runners.question_setup import set_setup
from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunPanel
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser

SCHEMA = """CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL);
INSERT INTO users VALUES (1, 'Ada', 9.5), (2, 'Grace', 10), (3, 'Linus', NULL);
SELECT 'the setup prints nothing';
"""


@pytest.fixture
def schema(host: RunPanel, relay: RelayProcess, room: str) -> Iterator[None]:
    set_setup(host.page, relay, room, SCHEMA)
    yield
    set_setup(host.page, relay, room, "")


def run_sql(panel: RunPanel, code: str) -> tuple[str, str, str]:
    outcome = panel.run(code, "sql")
    return outcome.status, outcome.output, outcome.error


def test_each_result_is_an_aligned_table_and_other_statements_print_nothing(
    host: RunPanel,
) -> None:
    code = """CREATE TABLE t (id INTEGER, name TEXT, price REAL, data BLOB);
INSERT INTO t VALUES (1, 'apple', 1.0, NULL), (22, 'kiwi', 0.25, x'00ff');
UPDATE t SET name = 'Kiwi' WHERE id = 22;
SELECT * FROM t ORDER BY id;
SELECT count(*) AS n FROM t WHERE id > 100;
SELECT name FROM t WHERE 0;
"""
    assert run_sql(host, code) == (
        "ok",
        " id | name  | price | data\n"
        "----+-------+-------+---------\n"
        "  1 | apple |   1.0 | NULL\n"
        " 22 | Kiwi  |  0.25 | x'00ff'\n"
        "(2 rows)\n"
        "\n"
        " n\n"
        "---\n"
        " 0\n"
        "(1 row)\n"
        "\n"
        " name\n"
        "------\n"
        "(0 rows)\n",
        "",
    )
    assert run_sql(host, "CREATE TABLE quiet (a);\nINSERT INTO quiet VALUES (1);") == (
        "ok",
        "",
        "",
    )


def test_an_error_gives_sqlites_message_the_line_and_the_statement(host: RunPanel) -> None:
    code = "SELECT 1 AS one;\n-- the next one fails\nSELECT name\n  FROM users;\nSELECT 2;"
    status, output, error = run_sql(host, code)
    assert status == "error"
    assert output == " one\n-----\n   1\n(1 row)\n"  # what ran before the error stays
    assert error == (
        "Error: no such table: users\n  at line 3 of the code:\n    SELECT name\n      FROM users;"
    )
    status, _, error = run_sql(host, "SELECT 1;\nSELEC 2;")
    assert status == "error"
    assert error.startswith('Error: near "SELEC": syntax error\n  at line 2 of the code:\n')
    status, _, error = run_sql(
        host, "CREATE TABLE u (id INTEGER PRIMARY KEY);\nINSERT INTO u VALUES (1), (1);"
    )
    assert (status, error.splitlines()[:2]) == (
        "error",
        ["Error: UNIQUE constraint failed: u.id", "  at line 2 of the code:"],
    )


def test_every_run_starts_from_a_fresh_database(host: RunPanel) -> None:
    code = "CREATE TABLE kept (a);\nINSERT INTO kept VALUES (1);\nSELECT count(*) AS n FROM kept;"
    assert run_sql(host, code)[0] == "ok"
    assert run_sql(host, code)[1] == " n\n---\n 1\n(1 row)\n"
    # Nor do files ATTACHed in sql.js's memory file system outlive their run.
    attach = (
        "ATTACH 'keep.db' AS k;\nCREATE TABLE IF NOT EXISTS k.t (a);\nINSERT INTO k.t VALUES (1);"
    )
    assert run_sql(host, attach + "\nSELECT count(*) AS n FROM k.t;")[1] == " n\n---\n 1\n(1 row)\n"
    assert run_sql(host, attach + "\nSELECT count(*) AS n FROM k.t;")[1] == " n\n---\n 1\n(1 row)\n"


def test_the_schema_and_data_load_first_and_print_nothing(host: RunPanel, schema: None) -> None:
    expect(host.page.get_by_test_id("setup-block")).to_be_visible()
    status, output, error = run_sql(host, "SELECT name, score FROM users ORDER BY id;")
    assert (status, error) == ("ok", "")
    assert output == (
        " name  | score\n-------+-------\n Ada   |   9.5\n Grace |  10.0\n Linus | NULL\n(3 rows)\n"
    )
    # A run changes only its own copy.
    assert run_sql(host, "DELETE FROM users;\nSELECT count(*) AS n FROM users;")[1].endswith(
        " 0\n(1 row)\n"
    )
    assert run_sql(host, "SELECT count(*) AS n FROM users;")[1] == " n\n---\n 3\n(1 row)\n"


def test_an_error_in_the_schema_is_reported_as_such(
    host: RunPanel, relay: RelayProcess, room: str
) -> None:
    set_setup(host.page, relay, room, "CREATE TABLE a (x);\nINSERT INTO b VALUES (1);")
    try:
        status, output, error = run_sql(host, "SELECT 1;")
    finally:
        set_setup(host.page, relay, room, "")
    assert (status, output) == ("error", "")
    assert error == (
        "Error: no such table: b\n  at line 2 of the schema and data:\n"
        "    INSERT INTO b VALUES (1);"
    )


@pytest.fixture
def limit(host: RunPanel) -> Iterator[Callable[[int], None]]:
    yield host.set_time_limit
    host.set_time_limit(10)


def test_a_runaway_query_ends_at_the_time_limit_and_the_next_run_works(
    host: RunPanel, limit: Callable[[int], None]
) -> None:
    limit(2)
    runaway = "SELECT 'before';\nWITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\n"
    status, output, error = run_sql(host, runaway + "SELECT max(i) FROM n;")
    assert (status, error) == ("timeout", "TimeoutError: stopped after 2 s")
    assert output.startswith(" 'before'\n")  # printed before the runaway began
    assert run_sql(host, "SELECT 1 + 1 AS two;") == ("ok", " two\n-----\n   2\n(1 row)\n", "")


@pytest.mark.parametrize(
    ("bomb", "message"),
    [
        ("SELECT length(randomblob(900000000));", "Error: out of memory"),
        ("SELECT zeroblob(2000000000);", "Error: string or blob too big"),
        (
            "WITH RECURSIVE n(i, s) AS (SELECT 1, 'x' UNION ALL\n"
            "  SELECT i + 1, s || s FROM n WHERE i < 40)\nSELECT max(length(s)) FROM n;",
            "Error: ",
        ),
    ],
    ids=["randomblob", "zeroblob", "doubling-cte"],
)
def test_a_memory_bomb_ends_with_an_error_and_the_next_run_works(
    host: RunPanel, bomb: str, message: str
) -> None:
    status, _, error = run_sql(host, bomb)
    assert status == "error"
    assert error.startswith(message), error
    assert run_sql(host, "SELECT 1 + 1 AS two;")[1] == " two\n-----\n   2\n(1 row)\n"


def test_a_huge_result_shows_its_first_rows_and_counts_them_all(host: RunPanel) -> None:
    code = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)\n"
        "SELECT i FROM n;"
    )
    status, output, _ = run_sql(host, code)
    lines = output.splitlines()
    assert status == "ok"
    assert (lines[2], lines[1001]) == ("    1", " 1000")
    assert lines[-2:] == ["… 4000 more rows not shown", "(5000 rows)"]


def test_the_runtime_loads_only_when_a_room_uses_sql(
    open_room: Callable[..., RunPanel], host: RunPanel
) -> None:
    """A page in a Python room fetches nothing of SQLite, not even the runner's frame code (a
    chunk of its own); choosing SQL loads both."""
    host.set_language("python")
    fetched: list[str] = []
    panel = open_room("Pat")
    panel.page.on("request", lambda request: fetched.append(request.url))
    panel.wait_ready()
    assert not [url for url in fetched if "/runtimes/sql/" in url or "sql-sandbox" in url]
    panel.set_language("sql")
    expect(panel.page.get_by_test_id("runner-status")).to_have_attribute(
        "data-state", "ready", timeout=RESULT_TIMEOUT_MS
    )
    assert [url for url in fetched if "/runtimes/sql/" in url]
    assert [url for url in fetched if "/assets/sql-sandbox-" in url]
    panel.page.close()


def test_the_host_writes_the_schema_in_the_room_and_a_candidates_run_loads_it(
    host: RunPanel, open_room: Callable[..., RunPanel], relay: RelayProcess, room: str
) -> None:
    host.set_language("python")
    block = host.page.get_by_test_id("setup-block")
    expect(block).to_be_hidden()  # no schema, and not an SQL room: nothing to show
    host.set_language("sql")
    expect(block).to_be_visible()
    bob = open_room("Bob")
    expect(bob.page.get_by_test_id("setup-block")).to_be_hidden()  # nothing written yet
    host.page.get_by_test_id("setup-edit-button").click()
    box = host.page.get_by_test_id("setup-edit")
    box.fill("CREATE TABLE pets (name TEXT);\nINSERT INTO pets VALUES ('Rex'), ('Tom');\n")
    try:
        shown = bob.page.get_by_test_id("setup")
        expect(shown).to_have_text(
            "CREATE TABLE pets (name TEXT); INSERT INTO pets VALUES ('Rex'), ('Tom');",
            timeout=RESULT_TIMEOUT_MS,
        )
        expect(bob.page.get_by_test_id("setup-edit-button")).to_be_hidden()
        expect(shown.locator(".tok-keyword").first).to_have_text("CREATE")  # highlighted
        assert run_sql(bob, "SELECT name FROM pets ORDER BY name;") == (
            "ok",
            " name\n------\n Rex\n Tom\n(2 rows)\n",
            "",
        )
    finally:
        host.page.get_by_test_id(
            "setup-edit-button"
        ).click()  # the host's own box follows the relay
        set_setup(host.page, relay, room, "")
        bob.page.close()


def test_sql_is_highlighted_in_the_editor(host: RunPanel) -> None:
    host.set_code("SELECT name FROM users WHERE id = 1;", "sql")
    host.room.expect_token("SELECT", "tok-keyword")
    host.room.expect_token("WHERE", "tok-keyword")


def test_the_input_is_sql_run_after_the_schema_and_before_the_code(
    host: RunPanel, schema: None
) -> None:
    host.set_language("sql")
    box = host.page.get_by_test_id("stdin")
    expect(box).to_have_attribute("placeholder", re.compile(r"^input: SQL run after the schema"))
    host.set_stdin("INSERT INTO users VALUES (4, 'Barbara', 7);\nSELECT 'input prints nothing';")
    try:
        assert run_sql(host, "SELECT count(*) AS n FROM users;")[1] == " n\n---\n 4\n(1 row)\n"
        host.set_stdin("SELECT 1;\nINSERT INTO nope VALUES (1);")
        status, output, error = run_sql(host, "SELECT 1;")
    finally:
        host.set_stdin("")
    host.set_language("python")
    expect(box).to_have_attribute("placeholder", re.compile(r"input\(\)"))
    assert (status, output) == ("error", "")
    assert (
        error
        == "Error: no such table: nope\n  at line 2 of the input:\n    INSERT INTO nope VALUES (1);"
    )


def test_real_values_read_as_sqlites_shell_writes_them(host: RunPanel) -> None:
    status, output, _ = run_sql(host, "SELECT 1e20, 1.5e-7, 0.1 + 0.2, 1 / 3.0, 2.0 * 50;")
    assert status == "ok"
    assert output.splitlines()[2] == (
        " 1.0e+20 | 1.5e-07 |       0.3 | 0.333333333333333 |    100.0"
    )


def test_a_runtime_that_cannot_load_says_why(
    open_room: Callable[..., RunPanel], host: RunPanel
) -> None:
    host.set_language("python")
    pat = open_room("Pat")
    pat.wait_ready()
    pat.page.route("**/runtimes/sql/**", lambda route: route.fulfill(status=404, body="gone"))
    pat.set_language("sql")
    status = pat.page.get_by_test_id("runner-status")
    try:
        expect(status).to_have_attribute("data-state", "failed", timeout=RESULT_TIMEOUT_MS)
        expect(status).to_contain_text(re.compile(r"sql-wasm\.(js|wasm): HTTP 404"))
        pat.page.get_by_test_id("run-button").click()
        expect(pat.page.get_by_test_id("run-notice")).to_contain_text("cannot run in this browser")
    finally:
        pat.page.close()
