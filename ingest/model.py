"""Plain records that every layer shares: text in, facts out, each with the span it came from.

This module imports nothing else of ours. Spans are half-open character offsets into
``Document.text`` (the normalised full text of the file), so a fact can always be shown in context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Level = Literal["national", "provincial", "city", "county", "township"]
LEVELS: tuple[str, ...] = ("national", "provincial", "city", "county", "township")

Role = Literal["lead", "cooperate", "collective"]
Precision = Literal["day", "month", "year", "interval", "recurring", "relative", "event", "unknown"]
Comparator = Literal[">=", "<=", "=", ">", "<"]
Relation = Literal["basis", "implements", "legal_basis", "checklist", "mention"]


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into Document.text."""

    start: int
    end: int


@dataclass(frozen=True)
class RegionRef:
    """One administrative division from the gazetteer."""

    name: str
    code: str  # 12-digit National Bureau of Statistics code, zero-padded
    level: Level


@dataclass(frozen=True)
class Region:
    """A region with its chain of parents, nearest first (柳市镇 -> 乐清市, 温州市, 浙江省)."""

    name: str
    code: str
    level: Level
    parents: tuple[RegionRef, ...] = ()
    rule: str = ""  # how it was found (provenance)


@dataclass(frozen=True)
class Section:
    """A heading and the body under it; ``path`` joins the heading numbers ("三/（二）/1")."""

    path: str
    heading: str
    depth: int
    span: Span


@dataclass(frozen=True)
class Table:
    """A table found in the text; rows keep the raw cell text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    span: Span
    row_spans: tuple[Span, ...] = ()
    attachment: str | None = None  # "附件1" when the table sits in an attachment


@dataclass(frozen=True)
class Attachment:
    """An attachment (附件N) at the end of the document."""

    label: str
    title: str
    span: Span


@dataclass(frozen=True)
class AgencyMention:
    """A responsible unit named in an obligation, with its role.

    A collective (各街镇, 有关部门) names no unit, so it has no full name to resolve: its ``name`` is its written
    form (gold README roles 13; only words a list writes once for its members are written out), never the
    dictionary's set. Which set of ``data/collectives.tsv`` it belongs to (有关部门, 相关部门 and 各有关部门 are one
    set) is inferred, so it stays beside the name, in ``key`` (``collective:各有关部门``), and ``link_name``
    reads it: the graph groups a region's collectives of one set under one node, and a query for 各有关部门
    finds the duties of 有关部门, by it (STYLE 16: the written form beside the inferred canonical)."""

    text: str  # surface form as written (市住建局)
    name: str  # normalised full name, region resolved (常德市住房和城乡建设局); a collective's written form
    role: Role
    span: Span
    key: str = ""  # dictionary key of the agency type (housing_construction, collective:各有关部门), "" when unknown
    region_code: str | None = None
    generic: bool = False  # a bare 派出所: a unit type tied to the region, not one named body
    rule: str = ""

    @property
    def link_name(self) -> str:
        """The name graph nodes and queries link by: the dictionary's set for a collective it knows, else ``name``
        (a kind the dictionary lists among sets, 居委会 in 各社区's row, is a unit of its own: its name)."""
        return (collective_set(self.key) if self.role == "collective" else "") or self.name


COLLECTIVE_KEY = "collective:"  # the dictionary key of a set of units: collective + its canonical name


def collective_set(key: str) -> str:
    """The canonical name of the set of units a dictionary key names (collective:各有关部门 -> 各有关部门), else ""."""
    return key[len(COLLECTIVE_KEY):] if key.startswith(COLLECTIVE_KEY) else ""


@dataclass(frozen=True)
class Deadline:
    """A time limit, normalised against the document date; ``date`` is the end of an interval."""

    text: str
    span: Span
    precision: Precision
    date: date | None = None
    start: date | None = None
    recurrence: str | None = None  # e.g. "P1M" with day 26 for 每月26日前
    event: str | None = None  # 全国"两会"结束, 收到通知后
    rule: str = ""


@dataclass(frozen=True)
class Target:
    """A quantified target: value, unit, comparator and what it measures."""

    text: str
    span: Span
    value: float
    unit: str
    comparator: Comparator
    measure: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Obligation:
    """An actionable item: who must do what, by when, to what target, at which sites."""

    text: str
    span: Span
    section: str  # Section.path, "" at top level
    agencies: tuple[AgencyMention, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    site_types: tuple[str, ...] = ()  # site labels as written (农村自建房, 幼儿园), in order of first mention
    source: Literal["text", "table"] = "text"
    flag: str | None = None  # e.g. "malformed_row"
    rule: str = ""
    site_type_concepts: tuple[str, ...] = ()  # keys of the SKOS site-type concepts those labels map to
    kind: str = "task"  # "goal" for a dated or quantified commitment of a goal section (2024年底前基本消除…)


@dataclass(frozen=True)
class Citation:
    """A reference to another document, with the cue that gives its relation."""

    title: str | None
    doc_number: str | None
    issuer: str | None
    relation: Relation
    cue: str  # the sentence holding the citation
    span: Span  # of the cited title / number
    cue_span: Span
    flag: str | None = None  # "unbalanced", "runaway_title"
    rule: str = ""


@dataclass(frozen=True)
class Document:
    """One ingested file: metadata, layout and extracted facts."""

    source: str  # file name as given
    path: str  # path the file was read from
    sha256: str  # of the raw bytes; with a metadata sidecar, of both files (ingest/sidecar.document_sha256)
    encoding: str
    text: str
    title: str | None = None
    doc_number: str | None = None  # 文号, as written but with normalised brackets 〔〕
    issuer: str | None = None
    issuers: tuple[str, ...] = ()  # joint issuers, first is ``issuer``
    date: date | None = None
    region: Region | None = None
    level: Level | None = None
    kind: str | None = None  # 通知, 实施方案, 条例, 办法 …
    carried_title: str | None = None  # the plan an 印发/转发 notice carries
    notice_span: Span | None = None  # the wrapper notice, when there is one
    body_span: Span | None = None  # the carried plan or the whole text
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    citations: tuple[Citation, ...] = ()
    provenance: dict[str, str] = field(default_factory=dict)  # field -> rule that found it


class IngestError(Exception):
    """A file that cannot be ingested; the message is one line naming the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
