"""What one file may cost to ingest: bytes, characters, decompressed size, pages, CPU time and memory.

Settings (``api/settings.py``) fill a ``Limits`` and pass it down; each limit, when hit, is the file's
error with a reason that names the limit, and never stops the other files.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-file limits of ingest, with safe defaults."""

    max_file_bytes: int = 32 * MiB  # a file larger than this is refused before it is read
    # characters of normalised text per document: parsing takes about 35-45 MiB per MB of text (3 bytes a
    # character) above a warm worker's 250 MiB, so 3,000,000 (about 9 MB) stays inside ``memory_bytes``
    # and a longer text is refused for its length at once rather than running out of memory after 20 CPU-s
    max_chars: int = 3_000_000
    max_unzip_bytes: int = 256 * MiB  # all members of a .docx together: as declared, and as inflated
    max_unzip_ratio: float = 200.0  # uncompressed / compressed size of any member larger than 1 MiB
    max_pdf_pages: int = 2000
    cpu_seconds: float = 120.0  # CPU time to parse one file (read, layout, extractors)
    memory_bytes: int = 768 * MiB  # data memory of a parse worker; over it, the file fails
    workers: int = 2  # parse worker processes; 0 parses in the calling process, without time or memory limits

    def describe_bytes(self, n: int) -> str:
        """A byte count as people read it."""
        return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n} bytes"


DEFAULT_LIMITS = Limits()
