"""`interview-desk` (`python -m desktop`): the app, or `serve` for the relay alone."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.folder_lock import FolderInUseError
from desktop.relay.server import PortInUseError, serve_until_stopped
from desktop.schema import NewerDatabaseError
from desktop.settings import DEFAULT_PORT, Settings, default_data_dir, new_host_key


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--port", type=int, default=None, help=f"default {DEFAULT_PORT}; 0 = any")
    common.add_argument("--data-dir", type=Path, default=None, help="where rooms are stored")
    common.add_argument("--host-key", default=None, help="the interviewer's secret")
    top = argparse.ArgumentParser(
        prog="interview-desk",
        description="Live coding interviews on your local network.",
        parents=[common],
    )
    commands = top.add_subparsers(dest="command")
    serve = commands.add_parser(
        "serve", parents=[common], help="run the relay only, without a window"
    )
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    serve.add_argument(
        "--pyodide-base", default="/pyodide/", help="where browsers load Pyodide from"
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another name of this machine the relay answers to (repeatable)",
    )
    return top


def settings_from(args: argparse.Namespace) -> Settings:
    pyodide_base = getattr(args, "pyodide_base", "/pyodide/")
    if not pyodide_base.endswith("/"):
        raise SystemExit("--pyodide-base must end with '/'.")
    return Settings(
        host=getattr(args, "host", "0.0.0.0"),
        port=DEFAULT_PORT if args.port is None else args.port,
        data_dir=args.data_dir or default_data_dir(),
        host_key=args.host_key or Settings.host_key_from_env() or new_host_key(),
        pyodide_base=pyodide_base,
        allowed_hosts=tuple(getattr(args, "allow_host", [])),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "serve":
            settings = settings_from(args)
            asyncio.run(serve_until_stopped(settings))
            return 0
        from desktop import app_settings
        from desktop.shell import run_app

        # The window remembers its port and data folder; the command line wins.
        saved = app_settings.load()
        return run_app(
            app_settings.relay_settings(
                saved, port=args.port, data_dir=args.data_dir, host_key=args.host_key
            )
        )
    except PortInUseError as error:
        print(error.strerror, file=sys.stderr)
        return 2
    except (NewerDatabaseError, FolderInUseError) as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
