"""The questions that ship with the app: statement, starter code, tests and interviewer notes.

Each starter compiles and runs but does not solve the problem, so its tests fail;
reference solutions live in the test suite (`tests/question_bank_solutions.py`),
never here, so a candidate never receives one.
"""

from __future__ import annotations

from desktop.protocol import CodeTest
from desktop.templates import TemplateDraft


def _call(test_id: str, call: str, expected: str, *, hidden: bool = False) -> CodeTest:
    return CodeTest(
        id=test_id, name=call[:80], kind="function", call=call, expected=expected, hidden=hidden
    )


def _stdio(test_id: str, name: str, stdin: str, expected: str, *, hidden: bool = False) -> CodeTest:
    return CodeTest(id=test_id, name=name, stdin=stdin, expected=expected, hidden=hidden)


TWO_SUM = TemplateDraft(
    title="Two sum",
    language="python",
    statement="""# Two sum

Given a list of integers `numbers` and an integer `target`, return the **indices** of the
two numbers that add up to `target`, smaller index first.

- Exactly one pair adds up to `target`.
- You may not use the same element twice.

| numbers | target | answer |
|---|---|---|
| `[2, 7, 11, 15]` | `9` | `[0, 1]` |
| `[3, 2, 4]` | `6` | `[1, 2]` |

Can you do better than looking at every pair?
""",
    code=(
        "def two_sum(numbers: list[int], target: int) -> list[int]:\n"
        '    """The indices of the two numbers that add up to target."""\n'
        "    ...\n"
    ),
    tests=[
        _call("example-1", "two_sum([2, 7, 11, 15], 9)", "[0, 1]"),
        _call("example-2", "two_sum([3, 2, 4], 6)", "[1, 2]"),
        _call("same-value", "two_sum([3, 3], 6)", "[0, 1]"),
        _call("negatives", "two_sum([-1, -2, -3, -4, -5], -8)", "[2, 4]", hidden=True),
        _call("large", "two_sum(list(range(20000)), 39997)", "[19998, 19999]", hidden=True),
    ],
    notes="Brute force first is fine; ask for O(n) with a dict. Duplicates? Negative numbers?",
)

VALID_PARENTHESES = TemplateDraft(
    title="Valid parentheses",
    language="javascript",
    statement="""# Valid parentheses

Write `isValid(s)`: given a string of the characters `()[]{}`, return `true` when every
bracket is closed by the same kind of bracket, in the right order, and `false` otherwise.

```js
isValid("()[]{}") // true
isValid("([)]")   // false
```
""",
    code="function isValid(s) {\n  // return true or false\n}\n",
    tests=[
        _call("pair", 'isValid("()")', "true"),
        _call("three-kinds", 'isValid("()[]{}")', "true"),
        _call("wrong-kind", 'isValid("(]")', "false"),
        _call("crossed", 'isValid("([)]")', "false"),
        _call("nested", 'isValid("{[]}")', "true"),
        _call("empty", 'isValid("")', "true", hidden=True),
        _call("unclosed", 'isValid("((")', "false", hidden=True),
        _call("only-closing", 'isValid("))")', "false", hidden=True),
    ],
    notes="A stack. Watch for: closing bracket on an empty stack, leftovers at the end.",
)

FIZZBUZZ = TemplateDraft(
    title="FizzBuzz (stdin → stdout)",
    language="python",
    statement="""# FizzBuzz

Read one number `n` from standard input. Print the numbers from 1 to `n`, one per line,
but print `Fizz` for multiples of 3, `Buzz` for multiples of 5, and `FizzBuzz` for
multiples of both.

Input `5` prints:

```
1
2
Fizz
4
Buzz
```
""",
    code="n = int(input())\n# print the sequence from 1 to n, one line each\n",
    tests=[
        _stdio("five", "n = 5", "5\n", "1\n2\nFizz\n4\nBuzz\n"),
        _stdio(
            "fifteen",
            "n = 15",
            "15\n",
            "1\n2\nFizz\n4\nBuzz\nFizz\n7\n8\nFizz\nBuzz\n11\nFizz\n13\n14\nFizzBuzz\n",
        ),
        _stdio("one", "n = 1", "1\n", "1\n", hidden=True),
        _stdio("zero", "n = 0 prints nothing", "0\n", "", hidden=True),
    ],
    notes="Five minutes. Watch for: off-by-one at n, the order of the checks.",
)

MERGE_INTERVALS = TemplateDraft(
    title="Merge intervals",
    language="python",
    statement="""# Merge intervals

Given a list of intervals `[start, end]`, merge every overlapping pair and return the
result **sorted by start**. Intervals that touch (`[1, 4]` and `[4, 5]`) overlap.

```python
merge([[1, 3], [2, 6], [8, 10], [15, 18]])  # [[1, 6], [8, 10], [15, 18]]
```
""",
    code=(
        "def merge(intervals: list[list[int]]) -> list[list[int]]:\n"
        '    """The intervals with every overlap merged, sorted by start."""\n'
        "    ...\n"
    ),
    tests=[
        _call(
            "example", "merge([[1, 3], [2, 6], [8, 10], [15, 18]])", "[[1, 6], [8, 10], [15, 18]]"
        ),
        _call("touching", "merge([[1, 4], [4, 5]])", "[[1, 5]]"),
        _call("empty", "merge([])", "[]"),
        _call("unsorted", "merge([[5, 6], [1, 2], [2, 4]])", "[[1, 4], [5, 6]]", hidden=True),
        _call("contained", "merge([[1, 10], [2, 3], [4, 5]])", "[[1, 10]]", hidden=True),
    ],
    notes="Sort by start, then one pass. Ask: is the input sorted? Can it be modified in place?",
)

LRU_CACHE = TemplateDraft(
    title="LRU cache",
    language="javascript",
    statement="""# LRU cache

Write a class `LRUCache` with a fixed `capacity`:

- `get(key)` returns the value, or `-1` if the key is not there. Reading a key makes it
  the most recently used.
- `put(key, value)` stores the value; when the cache is full, it first removes the
  **least recently used** key.

Both should take O(1) time.
""",
    code=(
        "class LRUCache {\n"
        "  constructor(capacity) {\n"
        "  }\n\n"
        "  get(key) {\n"
        "  }\n\n"
        "  put(key, value) {\n"
        "  }\n"
        "}\n"
    ),
    tests=[
        _call(
            "evicts-oldest",
            "(() => { const c = new LRUCache(2); c.put(1, 1); c.put(2, 2); const a = c.get(1);"
            " c.put(3, 3); return [a, c.get(2), c.get(3)]; })()",
            "[1, -1, 3]",
        ),
        _call("missing", "new LRUCache(1).get(7)", "-1"),
        _call(
            "update-refreshes",
            "(() => { const c = new LRUCache(2); c.put(1, 1); c.put(2, 2); c.put(1, 10);"
            " c.put(3, 3); return [c.get(1), c.get(2), c.get(3)]; })()",
            "[10, -1, 3]",
        ),
        _call(
            "capacity-one",
            "(() => { const c = new LRUCache(1); c.put(1, 1); c.put(2, 2);"
            " return [c.get(1), c.get(2)]; })()",
            "[-1, 2]",
            hidden=True,
        ),
    ],
    notes="Map keeps insertion order in JavaScript; a hand-made list is the classic answer.",
)

GROUP_ANAGRAMS = TemplateDraft(
    title="Group anagrams",
    language="python",
    statement="""# Group anagrams

Given a list of words, group the words that are anagrams of each other.

Return the groups **in the order their first word appears**, each group's words in their
input order.

```python
group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
# [["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]
```
""",
    code=(
        "def group_anagrams(words: list[str]) -> list[list[str]]:\n"
        '    """Anagrams grouped together, in order of first appearance."""\n'
        "    ...\n"
    ),
    tests=[
        _call(
            "example",
            'group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])',
            '[["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]',
        ),
        _call("single", 'group_anagrams(["a"])', '[["a"]]'),
        _call("empty", "group_anagrams([])", "[]"),
        _call("repeats", 'group_anagrams(["ab", "ba", "ab"])', '[["ab", "ba", "ab"]]', hidden=True),
    ],
    notes="Sorted word or letter counts as the key; a dict keeps insertion order.",
)

WORD_COUNT = TemplateDraft(
    title="Word count (stdin → stdout)",
    language="javascript",
    statement="""# Word count

Standard input holds lines of text: when you press **Run tests**, `readline()` returns the
next line of a test's input, or `null` at the end. Print each distinct word (lower-case) and
how many times it appears, as `word count`, most frequent first and alphabetically among
equals.

Input `the cat and the hat` prints:

```
the 2
and 1
cat 1
hat 1
```
""",
    code=(
        "let line;\nwhile ((line = readline()) !== null) {\n  // count the words of each line\n}\n"
    ),
    tests=[
        _stdio("example", "one line", "the cat and the hat\n", "the 2\nand 1\ncat 1\nhat 1\n"),
        _stdio("two-lines", "two lines, mixed case", "A b\nb A a\n", "a 3\nb 2\n"),
        _stdio("ties", "ties sort alphabetically", "z y x\n", "x 1\ny 1\nz 1\n", hidden=True),
    ],
    notes="Split on whitespace, lower-case, a Map; sorting with two keys.",
)

CUSTOMERS_SETUP = """CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  country TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  ordered_on TEXT NOT NULL, -- YYYY-MM-DD
  amount_cents INTEGER NOT NULL
);
INSERT INTO customers VALUES
  (1, 'Ada', 'UK'), (2, 'Grace', 'US'), (3, 'Linus', 'FI'), (4, 'Margaret', 'US'),
  (5, 'Alan', 'UK');
INSERT INTO orders VALUES
  (1, 1, '2024-01-05', 1250), (2, 1, '2024-02-11', 4000), (3, 2, '2024-01-20', 9900),
  (4, 3, '2024-03-02', 500), (5, 2, '2024-03-15', 100), (6, 4, '2024-02-28', 5250),
  (7, 1, '2024-03-30', 10), (8, 5, '2023-12-31', 7000);
"""

CUSTOMERS_HEADER = " name     | orders | total_cents\n----------+--------+-------------\n"


def _customers(*rows: tuple[str, int, int]) -> str:
    """The expected report: one line per (name, orders, total_cents), then the row count."""
    lines = [f" {name:<8} | {orders:>6} | {total:>11}" for name, orders, total in rows]
    return CUSTOMERS_HEADER + "".join(line + "\n" for line in lines) + f"({len(rows)} rows)\n"


_REPORT = [("Grace", 2, 10000), ("Ada", 3, 5260), ("Margaret", 1, 5250), ("Linus", 1, 500)]

CUSTOMER_REPORT = TemplateDraft(
    title="Customers' 2024 spending (SQL)",
    language="sql",
    statement="""# Customers' 2024 spending

The **Schema and data** below hold `customers` and their `orders` (amounts in cents, dates as
`YYYY-MM-DD` text). Write one query that lists **every customer** with:

| column | what |
|---|---|
| `name` | the customer's name |
| `orders` | how many orders they placed in **2024** |
| `total_cents` | what those orders add up to (`0` for none) |

Highest `total_cents` first; customers with the same total in order of `name`. A customer with
no order in 2024 is still listed, with `0` and `0`.

When you press **Run tests**, each test may add rows of its own first.
""",
    code=(
        "-- Every customer, their orders in 2024 and what they spent (in cents).\n"
        "SELECT name\nFROM customers;\n"
    ),
    setup=CUSTOMERS_SETUP,
    tests=[
        _stdio("report", "the sample data", "", _customers(*_REPORT, ("Alan", 0, 0))),
        _stdio(
            "tie",
            "equal totals sort by name",
            "INSERT INTO orders VALUES (9, 3, '2024-04-01', 4760);\n",
            _customers(
                ("Grace", 2, 10000),
                ("Ada", 3, 5260),
                ("Linus", 2, 5260),
                ("Margaret", 1, 5250),
                ("Alan", 0, 0),
            ),
        ),
        _stdio(
            "new-customer",
            "a customer who never ordered",
            "INSERT INTO customers VALUES (6, 'Barbara', 'US');\n",
            _customers(*_REPORT, ("Alan", 0, 0), ("Barbara", 0, 0)),
            hidden=True,
        ),
        _stdio(
            "other-years",
            "orders outside 2024 do not count",
            "INSERT INTO orders VALUES (10, 2, '2025-01-01', 99999), (11, 4, '2023-06-30', 1);\n",
            _customers(*_REPORT, ("Alan", 0, 0)),
            hidden=True,
        ),
        _stdio(
            "no-2024-orders",
            "nobody ordered in 2024",
            "DELETE FROM orders WHERE ordered_on >= '2024-01-01';\n",
            _customers(*((name, 0, 0) for name in ("Ada", "Alan", "Grace", "Linus", "Margaret"))),
            hidden=True,
        ),
    ],
    notes=(
        "LEFT JOIN with the 2024 condition in ON (in WHERE it drops Alan); count(o.id), not"
        " count(*); coalesce(sum(...), 0); ORDER BY total_cents DESC, name. Follow-ups: top"
        " customer per country (window functions), an index for the date filter."
    ),
)

ROMAN_NUMERALS = TemplateDraft(
    title="Roman numerals (Ruby, stdin → stdout)",
    language="ruby",
    statement="""# Roman numerals

Each line of standard input holds a whole number from 1 to 3999 (`gets` returns the next
line, or `nil` at the end). Print each one as a Roman numeral, one per line.

| symbol | I | V | X | L | C | D | M |
|---|---|---|---|---|---|---|---|
| value | 1 | 5 | 10 | 50 | 100 | 500 | 1000 |

A smaller symbol before a larger one is subtracted: `IV` is 4, `IX` 9, `XL` 40, `XC` 90,
`CD` 400, `CM` 900. No symbol repeats more than three times in a row.

Input `3`, `9` and `1994`, one per line, prints:

```
III
IX
MCMXCIV
```
""",
    code=(
        "def roman(number)\n  # build the numeral from the largest symbol down\n"
        "  number.to_s\nend\n\nwhile (line = gets)\n  puts roman(line.to_i)\nend\n"
    ),
    tests=[
        _stdio("example", "3, 9 and 1994", "3\n9\n1994\n", "III\nIX\nMCMXCIV\n"),
        _stdio(
            "fours-and-nines",
            "4, 40, 90, 400, 900",
            "4\n40\n90\n400\n900\n",
            "IV\nXL\nXC\nCD\nCM\n",
        ),
        _stdio("largest", "3999", "3999\n", "MMMCMXCIX\n", hidden=True),
        _stdio("no-input", "no lines print nothing", "", "", hidden=True),
    ],
    notes=(
        "A table of value/symbol pairs including the six subtractive ones, largest first, and a"
        " greedy loop (divmod or while). Follow-ups: the reverse (numeral → number), rejecting"
        " 0 or 4000 with a clear message."
    ),
)

LEDGER = TemplateDraft(
    title="Ledger (TypeScript, stdin → stdout)",
    language="typescript",
    statement="""# Ledger

Each line of standard input is one command (`readline()` returns the next line, or `null` at
the end):

| command | effect |
|---|---|
| `open NAME` | opens an account with balance 0 |
| `deposit NAME AMOUNT` | adds AMOUNT to the account |
| `withdraw NAME AMOUNT` | takes AMOUNT from the account |
| `transfer FROM TO AMOUNT` | moves AMOUNT from one account to another |

Names are lower-case words, amounts whole numbers. A command is refused, and changes nothing,
when it names an account that is not open, opens one that is, or would take an account below
zero: print `line N: refused` (lines count from 1). At the end print every account as
`NAME BALANCE`, in alphabetical order.

Input

```
open alice
open bob
deposit alice 100
transfer alice bob 30
withdraw bob 50
```

prints:

```
line 5: refused
alice 70
bob 30
```

The starter types the commands as a union; type errors are printed before the output, as
`tsc` prints them, and the program still runs.
""",
    code=(
        "type Command =\n"
        "  | { kind: 'open'; name: string }\n"
        "  | { kind: 'deposit' | 'withdraw'; name: string; amount: number }\n"
        "  | { kind: 'transfer'; from: string; to: string; amount: number };\n"
        "\n"
        "function parse(line: string): Command {\n"
        "  const [kind, ...args] = line.trim().split(/\\s+/);\n"
        "  // turn the words into a Command (kind is the first word, args the rest)\n"
        "  throw new Error(`cannot parse ${kind} ${args.join(' ')}`);\n"
        "}\n"
        "\n"
        "// Applies a command to the balances; false (and nothing changed) when it is refused.\n"
        "function apply(balances: Map<string, number>, command: Command): boolean {\n"
        "  return false;\n"
        "}\n"
        "\n"
        "const balances = new Map<string, number>();\n"
        "let line: string | null;\n"
        "let lineNo = 0;\n"
        "while ((line = readline()) !== null) {\n"
        "  lineNo++;\n"
        "  if (!apply(balances, parse(line))) console.log(`line ${lineNo}: refused`);\n"
        "}\n"
        "for (const name of [...balances.keys()].sort()) console.log(name, balances.get(name));\n"
    ),
    tests=[
        _stdio(
            "example",
            "the example",
            "open alice\nopen bob\ndeposit alice 100\ntransfer alice bob 30\nwithdraw bob 50\n",
            "line 5: refused\nalice 70\nbob 30\n",
        ),
        _stdio(
            "unknown",
            "accounts that are not open",
            "open ann\ndeposit zed 5\ntransfer ann zed 0\ndeposit ann 7\n",
            "line 2: refused\nline 3: refused\nann 7\n",
        ),
        _stdio(
            "reopen",
            "opening twice, emptying an account",
            "open a\ndeposit a 10\nopen a\nwithdraw a 10\nwithdraw a 1\n",
            "line 3: refused\nline 5: refused\na 0\n",
            hidden=True,
        ),
        _stdio(
            "order",
            "balances in alphabetical order",
            "open zoe\nopen bea\ndeposit zoe 3\ntransfer zoe bea 2\nopen max\n",
            "bea 2\nmax 0\nzoe 1\n",
            hidden=True,
        ),
    ],
    notes=(
        "A discriminated union for the commands, `switch` on `kind` (the checker proves every"
        " case returns), a Map of balances. Watch for: a refused transfer changing one side,"
        " `Number()` of a missing word (NaN), sorting. Follow-ups: reject malformed lines"
        " instead of throwing, amounts with cents (`12.50`), a `history NAME` command."
    ),
)

QUESTION_BANK = [
    TWO_SUM,
    VALID_PARENTHESES,
    FIZZBUZZ,
    MERGE_INTERVALS,
    LRU_CACHE,
    GROUP_ANAGRAMS,
    WORD_COUNT,
    CUSTOMER_REPORT,
    ROMAN_NUMERALS,
    LEDGER,
]
