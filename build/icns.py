"""Packs PNG files into a macOS .icns (no iconutil needed): `icns.py OUT 128.png 256.png ...`.

An .icns file is the magic `icns`, the total length, then one chunk per image:
a four-letter type naming the size, the chunk length, and the PNG bytes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

TYPES = {128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def png_size(data: bytes) -> int:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if width != height or width not in TYPES:
        raise ValueError(f"icns wants square 128/256/512/1024 PNGs, got {width}x{height}")
    return int(width)


def pack(pngs: list[bytes]) -> bytes:
    chunks = b"".join(TYPES[png_size(png)] + struct.pack(">I", len(png) + 8) + png for png in pngs)
    return b"icns" + struct.pack(">I", len(chunks) + 8) + chunks


def main(argv: list[str]) -> None:
    out, *inputs = argv
    Path(out).write_bytes(pack([Path(name).read_bytes() for name in inputs]))


if __name__ == "__main__":
    main(sys.argv[1:])
