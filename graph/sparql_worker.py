"""A process that runs users' SPARQL queries and can be killed at their time limit.

``python -m policykg.graph.sparql_worker MEMORY_MB`` reads jobs from stdin and writes answers to stdout,
both as frames (4-byte big-endian length, then the bytes): a job is JSON ``{"snapshot": dir, "job": ...}``,
an answer a JSON header frame followed by a body frame. It opens a read-only snapshot of the store (a
RocksDB checkpoint, never the live store: the parent keeps writing that one) and reopens when a job names
a newer snapshot.

Before its first job it locks itself in: no socket but Unix ones can be created (a seccomp filter: SERVICE
or any other way to the network fails inside the kernel, whatever the query checker missed), its address
space is capped (a query that would grow past it dies here, not in the server), it exits when its parent does,
and queries run on a thread with a large stack, so deep algebra trees (a long UNION chain) do not overflow.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import resource
import struct
import sys
import threading
import time
from typing import Any, BinaryIO

STACK_BYTES = 512 * 1024 * 1024
_LENGTH = struct.Struct(">I")

# seccomp: (audit arch, socket syscall, seccomp syscall) per machine
_ARCH = {"x86_64": (0xC000003E, 41, 317), "aarch64": (0xC00000B7, 198, 277)}
_IO_URING_SETUP = 425  # the same number on both
_AF_UNIX = 1
_EACCES = 13


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame, or None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    size = _LENGTH.unpack(head)[0]
    data = stream.read(size)
    return data if len(data) == size else None


def write_frame(stream: BinaryIO, data: bytes) -> None:
    """One frame."""
    stream.write(_LENGTH.pack(len(data)) + data)


def forbid_network() -> bool:
    """Install a seccomp filter on every thread: socket() with any family but AF_UNIX, and io_uring, fail
    with EACCES. False where the machine or kernel does not allow it (the query checker still applies)."""
    arch = _ARCH.get(platform.machine())
    if arch is None or not sys.platform.startswith("linux"):
        return False
    audit_arch, nr_socket, nr_seccomp = arch
    ld, jeq, ret = 0x20, 0x15, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_RET|K
    allow, deny = 0x7FFF0000, 0x00050000 | _EACCES  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO
    program = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 1, 0, audit_arch),
        (ret, 0, 0, deny),  # a foreign syscall ABI: refused outright
        (ld, 0, 0, 0),  # seccomp_data.nr
        (jeq, 2, 0, nr_socket),
        (jeq, 4, 0, _IO_URING_SETUP),
        (ret, 0, 0, allow),
        (ld, 0, 0, 16),  # low half of args[0]: the address family
        (jeq, 0, 1, _AF_UNIX),
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                    ("k", ctypes.c_uint)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    filters = (Filter * len(program))(*[Filter(*op) for op in program])
    prog = Program(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    # seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog)
    return libc.syscall(nr_seccomp, 1, 1, ctypes.byref(prog)) == 0


def _die_with_parent() -> None:
    """Exit as soon as the parent is gone, even in the middle of a query. (PR_SET_PDEATHSIG would fire
    when the parent *thread* that started us ends, and the server starts workers from pool threads.)"""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(3)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _virtual_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def resident_kib() -> int:
    """This process's resident memory now (not its peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        return 0


def _cap_memory(memory_mb: int) -> None:
    """Cap the address space at what the process maps now plus ``memory_mb``."""
    if memory_mb > 0 and sys.platform.startswith("linux"):
        limit = (_virtual_kib() * 1024) + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class Runner:
    """The worker's state: the snapshot it has open."""

    def __init__(self) -> None:
        self.snapshot: str | None = None
        self.store: Any = None

    def handle(self, message: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        """One job: a header and a body."""
        import pyoxigraph as ox
        from policykg.graph.sparql_answer import QueryJob, answer
        from policykg.graph.sparql_guard import SparqlError

        try:
            if message["snapshot"] != self.snapshot:
                self.store = None
                self.store = ox.Store.read_only(message["snapshot"])
                self.snapshot = message["snapshot"]
            result = answer(self.store, QueryJob(**message["job"]))
        except SparqlError as exc:
            return {"ok": False, "error": type(exc).__name__, "message": str(exc)}, b""
        except MemoryError:
            return {"ok": False, "error": "SparqlResources", "message": "the query ran past the memory limit"}, b""
        except (OSError, ValueError, RuntimeError) as exc:  # e.g. a datatype Oxigraph cannot compute
            return {"ok": False, "error": "SparqlMalformed", "message": f"{type(exc).__name__}: {exc}"}, b""
        header = {"ok": True, "kind": result.kind, "format": result.format, "rows": result.rows,
                  "truncated": result.truncated, "warning": result.warning}
        return header, result.body


def serve(stdin: BinaryIO, stdout: BinaryIO, memory_mb: int) -> None:
    """Warm up, lock in, then answer jobs until stdin closes."""
    from policykg.graph.sparql_guard import PARSE_RECURSION_LIMIT, inspect_query

    sys.setrecursionlimit(PARSE_RECURSION_LIMIT)
    inspect_query("SELECT * WHERE { ?s ?p ?o FILTER(?o > 1) }")  # rdflib builds its grammar on first use
    sandboxed = forbid_network()
    _cap_memory(memory_mb)
    write_frame(stdout, json.dumps({"ready": True, "sandboxed": sandboxed}).encode())
    stdout.flush()
    runner = Runner()
    while (frame := read_frame(stdin)) is not None:
        header, body = runner.handle(json.loads(frame))
        header.update(snapshot=runner.snapshot, rss_kib=resident_kib())
        write_frame(stdout, json.dumps(header).encode())
        write_frame(stdout, body)
        stdout.flush()


def main() -> None:
    """Entry point of the worker process."""
    _die_with_parent()
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident may corrupt the frames
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=serve, args=(stdin, stdout, memory_mb), name="sparql-worker")
    thread.start()
    thread.join()


if __name__ == "__main__":
    main()
