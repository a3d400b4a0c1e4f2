"""The interview transcript: final code, question, runs, test runs, participants and notes.

The HTML page is self-contained (inline styles, highlighting by Pygments), so
an interviewer can file it or mail it without the app.
"""

from __future__ import annotations

import datetime
import html
from functools import cache
from typing import Any

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer

from desktop import languages

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2330;
       padding: 0 1rem; }
h1 { margin-bottom: 0; } .muted { color: #667085; }
pre, .highlight pre { background: #f6f8fa; padding: 1rem; border-radius: 8px; overflow: auto;
       font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
table { border-collapse: collapse; } td, th { padding: .25rem .75rem; text-align: left;
       border-bottom: 1px solid #e4e7ec; }
.run { border: 1px solid #e4e7ec; border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; }
.ok { color: #067647; } .error { color: #b42318; }
.hidden-test { color: #667085; font-style: italic; }
"""


def when(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    moment = datetime.datetime.fromtimestamp(timestamp).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# Pygments spends ~30 µs a character on hostile code (and writes ~50 bytes of HTML
# for each): a room full of such runs took minutes to export. Code past this many
# characters in one transcript is shown plain.
HIGHLIGHT_BUDGET_CHARS = 60_000


class Highlighter:
    """Highlights code blocks until the transcript's budget is spent, then escapes them."""

    def __init__(self, budget: int = HIGHLIGHT_BUDGET_CHARS) -> None:
        self.left = budget

    def __call__(self, code: str, language: str) -> str:
        if len(code) > self.left:
            self.left = 0
            return f"<pre>{html.escape(code)}</pre>"
        self.left -= len(code)
        return highlighted(code, language)


def highlighted(code: str, language: str) -> str:
    page: str = highlight(code, lexer_of(language), HtmlFormatter(noclasses=True, nowrap=False))
    return page


@cache
def lexer_of(language: str) -> Lexer:
    """The Pygments lexer desktop/languages.json names for `language`; plain text if unknown."""
    if not languages.is_language(language):
        return TextLexer()
    lexer: Lexer = get_lexer_by_name(languages.by_id(language).pygments)
    return lexer


def label_of(language: str) -> str:
    return html.escape(languages.label(language))


def render_html(transcript: dict[str, Any]) -> str:
    """The transcript as one HTML page with no external references."""
    room = transcript["room"]
    title = room["title"] or "Interview"
    highlight_code = Highlighter()
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)} — Interview Desk transcript</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='muted'>Started {when(room['created_at'])}"
        f"{' · ended ' + when(transcript['ended_at']) if transcript['ended_at'] else ''}"
        f" · {label_of(transcript['language'])}</p>",
        "<h2>Participants</h2><table><tr><th>Name</th><th>Role</th><th>Joined</th>"
        "<th>Left</th></tr>",
    ]
    for person in transcript["participants"]:
        parts.append(
            f"<tr><td>{html.escape(person['name'])}</td><td>{person['role']}</td>"
            f"<td>{when(person['joined_at'])}</td><td>{when(person['left_at'])}</td></tr>"
        )
    parts += [
        "</table><h2>Final code</h2>",
        highlight_code(transcript["code"], transcript["language"]),
    ]
    parts.append(f"<h2>Runs ({len(transcript['runs'])})</h2>")
    for run in transcript["runs"]:
        status = "ok" if run["error"] is None and run["finished_at"] else "error"
        label = "ok" if status == "ok" else (run["error"] or "no result").split(":")[0]
        parts += [
            "<div class='run'>",
            f"<p><b>{html.escape(run['by_name'])}</b> ran {label_of(run['language'])} at "
            f"{when(run['started_at'])} — <span class='{status}'>{html.escape(label)}</span></p>",
            highlight_code(run["code"], run["language"]),
            f"<pre>{html.escape(run['output'] or '')}{html.escape(run['error'] or '')}</pre></div>",
        ]
    parts += question_html(transcript, highlight_code)
    parts += ["<h2>Interviewer's notes</h2>", f"<pre>{html.escape(transcript['notes'])}</pre>"]
    parts.append("</body></html>")
    return "".join(parts)


def question_html(transcript: dict[str, Any], highlight_code: Highlighter) -> list[str]:
    """The statement (as its Markdown source), the tests and every test run, hidden ones marked."""
    statement = transcript.get("statement", "")
    tests = transcript.get("tests", [])
    runs = transcript.get("test_runs", [])
    if not (statement or tests or runs or transcript.get("setup")):
        return []
    parts = ["<h2>Question</h2>", f"<pre>{html.escape(statement)}</pre>"]
    if transcript.get("setup"):
        parts.append(f"<h3>Schema and data</h3><pre>{html.escape(transcript['setup'])}</pre>")
    if tests:
        parts.append(f"<h3>Tests ({len(tests)})</h3><table><tr><th>Test</th><th>Checks</th>")
        parts.append("<th>Expected</th><th></th></tr>")
        for test in tests:
            checks = test["call"] if test["kind"] == "function" else f"stdin: {test['stdin']!r}"
            parts.append(
                f"<tr><td>{html.escape(test['name'] or test['id'])}</td>"
                f"<td><code>{html.escape(checks)}</code></td>"
                f"<td><code>{html.escape(test['expected'])}</code></td>"
                f"<td>{'<span class=hidden-test>hidden</span>' if test['hidden'] else ''}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<h2>Test runs ({len(runs)})</h2>")
    for run in runs:
        status = "ok" if run["passed"] == run["total"] else "error"
        parts += [
            "<div class='run'>",
            f"<p><b>{html.escape(run['by_name'])}</b> ran the tests in {label_of(run['language'])}"
            f" at {when(run['finished_at'])}"
            f" — <span class='{status}'>{run['passed']}/{run['total']} passed</span></p>",
            "<table><tr><th>Test</th><th>Result</th><th>Expected</th><th>Actual</th>"
            "<th>ms</th></tr>",
        ]
        for result in run["results"]:
            name = html.escape(result["name"] or result["id"])
            if result["hidden"]:
                name += " <span class=hidden-test>(hidden)</span>"
            actual = result["actual"] + (("\n" + result["error"]) if result["error"] else "")
            parts.append(
                f"<tr><td>{name}</td><td class='{'ok' if result['status'] == 'pass' else 'error'}'>"
                f"{result['status']}</td><td><pre>{html.escape(result['expected'])}</pre></td>"
                f"<td><pre>{html.escape(actual)}</pre></td><td>{result['duration_ms']:.0f}</td></tr>"
            )
        parts.append("</table>")
        parts += [highlight_code(run["code"], run["language"]), "</div>"]
    return parts
