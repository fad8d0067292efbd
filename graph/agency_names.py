"""An agency under any of its names (issue 13, T1: which documents give my department work).

The store-wide name table: every agency node's preferred name, aliases, dictionary key, region and the
written forms of its assignments, read once per store version. A query names agencies as written, by
canonical name or alias, by dictionary kind with its level or region prefix (市住建局), and by the
abbreviations documents write of a full name (graph/abbreviations.py), guarded so that another kind,
another region or a generic node is never taken for the unit asked.
"""

from __future__ import annotations

import functools
import re
import weakref
from typing import Any

from policykg.graph.abbreviations import HEAD_SHORT, NATION, NATION_PREFIXES, abbreviates
from policykg.ingest.extract.agencies import load_dictionary, parse_unit_list
from policykg.ingest.extract.agency_grammar import units_of


@functools.cache
def dictionary_entry(key: str) -> Any:
    """The agency dictionary's entry of ``key`` (None when no entry has it)."""
    return next((e for e in load_dictionary().entries if e.key == key), None)


def query_forms(name: str) -> tuple[set[str], dict[str, str]]:
    """Labels a query may match (as written, its canonical forms) and the dictionary keys it names, with
    the region or level prefix written before each (市住建局 -> housing_construction, "市")."""
    labels = {name}
    keys: dict[str, str] = {}
    hits = units_of(name, None) or []
    for hit in [*hits, *parse_unit_list(name, None)]:
        labels.add(hit.name)
        labels.add(hit.link_name)  # a collective's set (各部门 -> 各有关部门): the node its duties hang on
        if hit.key and not hit.collective:
            keys[hit.key] = hit.text[: len(hit.text) - _alias_len(hit.text)]
            entry = dictionary_entry(hit.key)
            # written with no prefix, the query names the dictionary's unit: its canonical name also finds the
            # nodes the grammar named without a key (试点城市 -> 试点城市政府, as 试点城市政府落实 wrote it)
            if entry is not None and not keys[hit.key]:
                labels.add(entry.canonical)
    return labels, keys


def _subsequence(name: str) -> str:
    """A regular expression for ``name``'s characters in order (住建 finds 住房和城乡建设局, 区应急局 finds
    区应急管理局): how an abbreviation relates to the full name."""
    return ".*".join(re.escape(c) for c in name if not c.isspace())


class NameTable:
    """Every agency's names (preferred, alternative, dictionary key, generic flag) and every written form of
    an assignment, read once per store version: matching a query against a few thousand names in Python
    takes milliseconds, where the same match as SPARQL filters over the whole store took seconds."""

    def __init__(self, kg: Any):
        self.agencies: dict[str, dict[str, Any]] = {}
        for r in kg.select("""SELECT DISTINCT ?ag ?pl ?key ?gen WHERE { ?ag a pkg:Agency ; skos:prefLabel ?pl .
                OPTIONAL { ?ag pkg:agencyKey ?key } OPTIONAL { ?ag pkg:generic ?gen } }"""):
            entry = self.agencies.setdefault(r["ag"], {"pref": r["pl"], "alts": set(), "key": r["key"],
                                                       "generic": r["gen"] in ("true", "1")})
            entry["key"] = entry["key"] or r["key"]
        for r in kg.select("SELECT DISTINCT ?ag ?al WHERE { ?ag a pkg:Agency ; skos:altLabel ?al }"):
            if r["ag"] in self.agencies:
                self.agencies[r["ag"]]["alts"].add(r["al"])
        self.form_agencies: dict[str, set[str]] = {}
        for r in kg.select("SELECT DISTINCT ?sf ?ag WHERE { ?a pkg:surfaceForm ?sf ; pkg:agency ?ag }"):
            self.form_agencies.setdefault(r["sf"], set()).add(r["ag"])
        self.surface_forms = sorted(self.form_agencies)
        self.obligations = {r["ag"]: int(r["n"]) for r in kg.select(
            "SELECT ?ag (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o pkg:assignment/pkg:agency ?ag } GROUP BY ?ag")}
        self.regions = [(r["r"], r["rl"]) for r in kg.select(
            "SELECT DISTINCT ?r ?rl WHERE { ?doc pkg:withinRegion ?r . ?r skos:prefLabel ?rl }")]
        self.outer: dict[str, set[str]] = {}  # a region's ancestors' labels (常德市 -> 湖南省)
        for r in kg.select("SELECT DISTINCT ?r ?al WHERE { ?doc pkg:withinRegion ?r . ?r skos:broader+ ?a . "
                           "?a skos:prefLabel ?al }"):
            self.outer.setdefault(r["r"], set()).add(r["al"])
        self.region: dict[str, str] = {}
        for r in kg.select("SELECT DISTINCT ?ag ?rn WHERE { ?ag a pkg:Agency ; pkg:region/skos:prefLabel ?rn }"):
            self.region.setdefault(r["ag"], min(r["rn"], self.region.get(r["ag"], r["rn"])))

    def matching(self, name: str) -> tuple[set[str], set[str]]:
        """Agencies (IRIs) and written forms that ``name`` names: as written, by canonical name or alias, or
        by dictionary kind with the level or region prefix written before it."""
        labels, keys = query_forms(name)
        found = {ag for ag, e in self.agencies.items() if e["pref"] in labels or e["alts"] & labels}
        for key, prefix in keys.items():
            for ag, e in self.agencies.items():
                if e["key"] != key or e["generic"]:
                    continue
                if not prefix:
                    found.add(ag)
                elif prefix not in _LEVEL_PREFIXES:  # a place name: the canonical name starts with it
                    if e["pref"].startswith(prefix):
                        found.add(ag)
                elif any(a.startswith(prefix) for a in e["alts"]):  # 市住建局: any city's bureau, as written
                    found.add(ag)
        return found | self.abbreviated(name, set(keys)), {name} & set(self.surface_forms)

    def abbreviated(self, name: str, keys: set[str]) -> set[str]:
        """Agencies whose name abbreviates the full name asked (济南市经济和信息化委 for 济南市经济和信息化委员会,
        市海洋发展局 for 青岛市海洋发展局, 发改委 for 国家发展和改革委员会): its characters in order in the
        query, from the query's first character (after a national or place prefix, the place's level
        character kept) to its head (委 stands for 委员会, 办 for 办公室); never a unit of another known kind,
        an agency of another region than the one the query starts with, or a generic node but the place's."""
        national = {name[len(p):] for p in NATION_PREFIXES if name.startswith(p) and len(name) > len(p) + 2}
        cores = {name} | national
        place = ""
        for base in list(cores):
            at = max((label for _, label in self.regions if base.startswith(label)), key=len, default="")
            if at and len(base) > len(at) + 1:  # 河南省财政厅: 省财政厅, and 财政厅 as a 河南省 document writes it
                place = at
                unit = base[len(at):]
                cores |= {at[-1] + unit, unit}
                if unit.startswith("人民政府") and len(unit) > 6:  # 河南省人民政府扶贫开发办公室: (省)扶贫办
                    cores |= {at[-1] + unit[4:], unit[4:]}
        branch = self._branch(name, len(place))
        if branch:  # 国家税务总局河南省税务局, 上海市公安局虹口分局: the branch as its region's documents write it
            place, written, sector, rest = branch
            cores |= {place + rest, place[-1] + rest, rest, sector + written + rest, place[-1] + sector + rest}
        # a kind named in a national document (发展改革委 in a State Council notice) is the national unit
        homes = {place} if place else ({None, NATION} if national else set())
        heads = {name[-1]} | {short for full, short in HEAD_SHORT.items() if name.endswith(full)}
        found = set()
        for ag, e in self.agencies.items():
            if keys and e["key"] and e["key"] not in keys:
                continue
            if homes and self.region.get(ag) not in homes | {None}:  # another region's unit
                continue
            if e["generic"] and self.region.get(ag) not in homes:  # a kind, one node per region
                continue
            for label in (e["pref"], *e["alts"]):
                if len(label) >= 3 and label != name and label[-1] in heads and any(
                        label[0] == core[0] and abbreviates(label, core) for core in cores):
                    found.add(ag)
                    break
        return found

    def _branch(self, name: str, start: int) -> tuple[str, str, str, str] | None:
        """A branch written after its parent unit (国家税务总局|河南省|税务局, 中国人民银行|重庆|营业管理部,
        上海市公安局|虹口|分局): the region, the region as written (its name without the level character allowed),
        the parent's sector (公安 of 上海市公安局) and the branch's own name, for the longest region written after
        ``start`` right behind a unit head; None when there is none."""
        found = []
        for _, label in self.regions:
            for written in {label, label[:-1]} if len(label) >= 3 else {label}:
                i = name.find(written, start + 2)
                if i > 0 and name[i - 1] in _UNIT_ENDS and len(name) > i + len(written) + 1:
                    found.append((len(written), label, written, name[start:i], name[i + len(written):]))
        if not found:
            return None
        _, label, written, parent, rest = max(found)
        sector = parent[:-1] if start and parent.endswith("局") else ""  # a place's bureau: 公安局 -> 公安
        return label, written, sector, rest

    def in_order(self, name: str) -> tuple[set[str], set[str]]:
        """Agencies and written forms holding ``name``'s characters in order (住建 -> 住房和城乡建设局)."""
        pattern = re.compile(_subsequence(name))
        return ({ag for ag, e in self.agencies.items() if pattern.search(e["pref"])},
                {sf for sf in self.surface_forms if pattern.search(sf)})


    def regions_named(self, region: str) -> set[str]:
        """Regions (IRIs) that documents lie in and ``region`` names: a label it begins (普陀 -> 普陀区, 湖南 ->
        湖南省; two characters at least, so 省 or 南 names no region); else a path written outer to inner
        (上海市普陀区, 湖南省常德市, 上海普陀): the innermost label (or its name without the level character) the
        path ends with, where the rest of the path names that region's own ancestors (舟山市's 普陀区 is not
        上海市普陀区), never an outer region in place of an inner one no document lies in (上海市某区)."""
        if len(region) < 2:
            return set()
        found = {r for r, label in self.regions if label.startswith(region)}
        if found:
            return found
        return {r for r, label in self.regions for inner in (label, label[:-1] if len(label) >= 3 else None)
                if inner and region.endswith(inner) and _names_ancestors(region[:-len(inner)], self.outer.get(r, set()))}

    def tasked(self, agencies: set[str], forms: set[str]) -> set[str]:
        """The agencies given tasks under these agencies or written forms."""
        found = {ag for ag in agencies if self.obligations.get(ag)}
        for form in forms:
            found |= self.form_agencies.get(form, set())
        return found


def agencies_named(kg: Any, text: str, limit: int) -> list[dict[str, Any]]:
    """Agencies whose preferred name or an alias contains ``text``, or whose name is one that ``text``
    resolves to as ``tasks_for_agency`` resolves it (市住建局 -> 常德市住房和城乡建设局); all agencies when
    ``text`` is empty. Most-tasked first, each with its aliases, obligation count and region."""
    table = name_table(kg)
    text = re.sub(r"\s+", "", text or "")
    if text:
        resolved = table.tasked(*table.matching(text))
        if not resolved and len(text) >= 2:
            resolved = table.tasked(*table.in_order(text))
        names = {table.agencies[ag]["pref"] for ag in resolved if ag in table.agencies}
        chosen = [ag for ag, e in table.agencies.items()
                  if any(text in label for label in (e["pref"], *e["alts"]))
                  or e["pref"] in names or e["alts"] & names]
    else:
        chosen = list(table.agencies)
    chosen.sort(key=lambda ag: (-table.obligations.get(ag, 0), table.agencies[ag]["pref"], table.region.get(ag) or "", ag))
    return [{"iri": ag, "name": table.agencies[ag]["pref"],
             "aliases": sorted(a for a in table.agencies[ag]["alts"] if a != table.agencies[ag]["pref"]),
             "obligations": table.obligations.get(ag, 0), "region": table.region.get(ag)} for ag in chosen[:limit]]


_LEVEL_PREFIXES = ("市", "区", "县", "镇", "乡", "省", "街道")
_UNIT_ENDS = frozenset("局部委会署行院厅办")  # the last character of a parent unit's name
_TABLES: weakref.WeakKeyDictionary[Any, tuple[int, NameTable]] = weakref.WeakKeyDictionary()


def name_table(kg: Any) -> NameTable:
    """The name table of this store at its current change version (rebuilt after any write); kept per store
    object while it lives, so a new store never takes an old one's table (an id can be reused, a version
    number too)."""
    from policykg.graph import changes

    version = changes.last_version(kg)
    cached = _TABLES.get(kg)
    if cached is None or cached[0] != version:
        cached = (version, NameTable(kg))
        _TABLES.clear()  # one store per process in practice: never keep an old one alive
        _TABLES[kg] = cached
    return cached[1]


def _names_ancestors(path: str, ancestors: set[str]) -> bool:
    """Whether ``path`` is written wholly of these ancestor labels (or their names without the level
    character), outer to inner (湖南省 / 湖南 before 常德市); an empty path names none."""
    forms = sorted({f for a in ancestors for f in (a, a[:-1] if len(a) >= 3 else a)}, key=len, reverse=True)
    at = 0
    while at < len(path):
        step = next((f for f in forms if path.startswith(f, at)), None)
        if step is None:
            return False
        at += len(step)
    return at > 0


def _alias_len(surface: str) -> int:
    d = load_dictionary()
    m = None
    for m in d.pattern.finditer(surface):
        pass
    return len(m.group(0)) if m else len(surface)
