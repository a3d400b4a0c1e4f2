"""README is the manual: the commands and flags it shows must exist."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from desktop.__main__ import parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]


@pytest.mark.parametrize("target", sorted(set(re.findall(r"\bmake ([a-z][a-z-]+)", README))))
def test_every_make_target_in_readme_exists(target: str) -> None:
    assert target in makefile_targets()


def documented_cli_flags() -> set[str]:
    """Flags on lines that show the command or its flag table."""
    lines = [
        line
        for line in README.splitlines()
        if "interview-desk " in line or line.startswith("| `--")
    ]
    return set(re.findall(r"(--[a-z][a-z-]+)", "\n".join(lines)))


def serve_help() -> str:
    top = parser()
    [commands] = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return str(commands.choices["serve"].format_help()) + top.format_help()


@pytest.mark.parametrize("flag", sorted(documented_cli_flags()))
def test_every_command_line_flag_in_readme_is_accepted(flag: str) -> None:
    assert flag in serve_help()


def test_serve_takes_every_documented_flag() -> None:
    args = parser().parse_args(
        [
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data-dir",
            "d",
            "--host-key",
            "k",
            "--pyodide-base",
            "/p/",
        ]
    )
    assert (args.host, args.port, args.host_key, args.pyodide_base) == ("127.0.0.1", 0, "k", "/p/")
