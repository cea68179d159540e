"""Find the contracts to scan: folders recursively, supported extensions, no hidden or temporary files."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable, Iterator

from .readers import SUPPORTED

DEFAULT_EXTENSIONS = tuple(SUPPORTED)  # every extension a reader takes
_TEMP_PREFIXES = ("~$", ".~lock", "~", ".")


def _skipped_name(name: str) -> bool:
    return name.startswith(_TEMP_PREFIXES) or name.endswith(("~", ".tmp", ".swp"))


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, f"*/{p}")
               for p in patterns)


def find_files(paths: Iterable[str | os.PathLike], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
               exclude: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files under `paths` in a stable order. A file named explicitly is always yielded (so that a
    missing or unsupported one gets its error row); folders are walked without following symlinks, and
    a subfolder that cannot be listed is yielded itself, so that it gets an error row too."""
    extensions = tuple(e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions)
    for root in paths:
        root = Path(root)
        if not root.is_dir():
            if not _excluded(root, exclude):
                yield root
            continue
        unlisted: list[OSError] = []
        for folder, dirs, files in os.walk(root, onerror=unlisted.append, followlinks=False):
            yield from _drain(unlisted)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(Path(folder, d), exclude))
            for name in sorted(files):
                path = Path(folder, name)
                if _skipped_name(name) or path.suffix.lower() not in extensions or _excluded(path, exclude):
                    continue
                yield path
        yield from _drain(unlisted)


def _drain(errors: list[OSError]) -> Iterator[Path]:
    while errors:
        yield Path(errors.pop(0).filename)


def read_path_list(handle) -> Iterator[str]:
    """The paths of a --files-from list (a binary stream), one per line, read lazily: blank lines
    are skipped, a CR before the newline is dropped, and bytes that are not UTF-8 stay as the
    operating system's file names do (surrogate escapes), so that any file can be named."""
    for raw in handle:
        line = raw.rstrip(b"\n").rstrip(b"\r")
        if line.strip():
            yield os.fsdecode(line)
