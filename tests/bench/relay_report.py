"""The relay benchmark's table: each figure for both servers and as a ratio against Node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = tuple[str, Callable[[dict[str, Any]], float | None], str, str]


def _get(*path: str) -> Callable[[dict[str, Any]], float | None]:
    def read(server: dict[str, Any]) -> float | None:
        value: Any = server
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return None if value is None else float(value)

    return read


ROWS: list[Row] = [
    (
        "edits/s, 50 clients as fast as accepted",
        _get("saturation", "edits_per_second"),
        "{:,.0f}",
        "≥ 1x",
    ),
    (
        "server CPU µs per edit, saturation",
        _get("saturation", "server_cpu_us_per_edit"),
        "{:.1f}",
        "≤ 0.5x",
    ),
    (
        "server CPU µs per edit, 200 clients paced",
        _get("paced_200", "server_cpu_us_per_edit"),
        "{:.1f}",
        "",
    ),
    ("latency p50 ms, 10 clients x 10 edits/s", _get("paced_10", "p50_ms"), "{:.2f}", ""),
    ("latency p99 ms, 10 clients x 10 edits/s", _get("paced_10", "p99_ms"), "{:.2f}", ""),
    ("latency p50 ms, 50 clients x 10 edits/s", _get("paced_50", "p50_ms"), "{:.2f}", ""),
    ("latency p99 ms, 50 clients x 10 edits/s", _get("paced_50", "p99_ms"), "{:.2f}", ""),
    ("latency p50 ms, 200 clients x 10 edits/s", _get("paced_200", "p50_ms"), "{:.2f}", ""),
    ("latency p99 ms, 200 clients x 10 edits/s", _get("paced_200", "p99_ms"), "{:.2f}", "< 6 ms"),
    ("latency max ms, 200 clients x 10 edits/s", _get("paced_200", "max_ms"), "{:.1f}", ""),
    (
        "edits slower than 20 ms, 200 clients, all runs",
        _get("paced_200", "over_20ms"),
        "{:.0f}",
        "",
    ),
    ("latency p99 ms, saturation", _get("saturation", "p99_ms"), "{:.1f}", ""),
    (
        "presence join ms (others see newcomer), median",
        _get("presence", "seen", "p50_ms"),
        "{:.1f}",
        "",
    ),
    (
        "presence join ms (others see newcomer), worst",
        _get("presence", "seen", "max_ms"),
        "{:.1f}",
        "< 100 ms",
    ),
    ("newcomer sees everyone ms, worst", _get("presence", "sees", "max_ms"), "{:.1f}", "< 100 ms"),
    (
        "presence removal ms after SIGKILL, median",
        _get("presence", "removed", "p50_ms"),
        "{:.1f}",
        "",
    ),
    (
        "presence removal ms after SIGKILL, worst",
        _get("presence", "removed", "max_ms"),
        "{:.1f}",
        "< 100 ms",
    ),
    ("server RSS MB, idle", _get("idle_rss_mb"), "{:.1f}", ""),
    ("server RSS MB, 200 clients in 40 rooms", _get("paced_200", "server_rss_mb"), "{:.1f}", ""),
    (
        "server RSS KB per room, growth during the 200-client run / 40",
        _get("paced_200", "rss_growth_per_room_kb"),
        "{:.0f}",
        "",
    ),
]


def _cell(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def render_table(document: dict[str, Any]) -> str:
    """A Markdown table: metric | ours | reference | ours / reference | target."""
    ours = document["servers"][document["ours"]]
    reference = document["servers"][document["reference"]]
    lines = [
        "| metric | Interview Desk relay | Node reference | relay / Node | target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, read, pattern, target in ROWS:
        mine, theirs = read(ours), read(reference)
        ratio = "—" if mine is None or not theirs else f"{mine / theirs:.2f}x"
        lines.append(
            f"| {label} | {_cell(mine, pattern)} | {_cell(theirs, pattern)} | {ratio} | {target} |"
        )
    lost = [
        f"{name}: {entry[key]['lost']} edits never reached every peer in {key}, "
        f"{entry[key]['socket_closes']} socket closes"
        for name, entry in document["servers"].items()
        for key in ("paced_10", "paced_50", "paced_200", "saturation")
        if key in entry and (entry[key]["lost"] or entry[key]["socket_closes"])
    ]
    stored = ours.get("durability")
    noise = max(
        entry[key]["other_cpu_cores"]
        for entry in document["servers"].values()
        for key in ("paced_10", "paced_50", "paced_200", "saturation")
        if key in entry
    )
    notes = [
        *lost,
        f"scheduling of servers and load generators: {document['machine']['scheduler']}; "
        f"other work on the machine during the runs: up to {noise:.2f} cores busy",
    ]
    if stored:
        notes.append(
            f"durability: {stored['edits_sent']} one-character edits sent to the relay, "
            f"{stored['characters_after_sigkill_restart']} characters served after SIGKILL "
            "and a restart"
        )
    return "\n".join([*lines, "", *(f"- {note}" for note in notes)])
