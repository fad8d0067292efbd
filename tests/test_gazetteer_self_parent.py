"""A city without districts (东莞市, 中山市, 儋州市) appears in the gazetteer's areas list under its own code, and 金门县
in the streets list under its own: that row must not make the place its own parent (which looped forever in
ancestors/parents). (嘉峪关市 is no such case: its area has a code of its own, 620201.)"""

from policykg.ingest.extract.regions import Gazetteer


def test_self_parent_row_is_ignored():
    # minimal constructed rows (fixture for this edge case): province, city, and the city again as its own area
    gaz = Gazetteer([("440000000000", "广东省", None), ("442000000000", "中山市", "440000000000"),
                     ("442000000000", "中山市", "442000000000"), ("442000001000", "石岐街道", "442000000000")])
    assert gaz.ancestors("442000000000") == ["440000000000"]
    assert gaz.candidates("中山市") == ["442000000000"]
    assert [r.name for r in gaz.parents("442000001000")] == ["中山市", "广东省"]
    assert gaz.descendants("442000000000") == ["442000001000"]


def test_shipped_gazetteer_has_no_parent_cycle():
    gaz = Gazetteer.load()
    for code in gaz.parent:
        seen, p = {code}, gaz.parent.get(code)
        while p:
            assert p not in seen, f"parent cycle at {code} {gaz.names[code]}"
            seen.add(p)
            p = gaz.parent.get(p)
    assert [r.name for r in gaz.parents("442000000000")] == ["广东省"]
    assert [r.name for r in gaz.parents("441900000000")] == ["广东省"]
    # the skipped rows lose nothing: the towns keep the city as parent, 金门县 keeps its city
    assert [r.name for r in gaz.parents("442000001000")] == ["中山市", "广东省"]
    assert gaz.names["350527000000"] == "金门县" and [r.name for r in gaz.parents("350527000000")] == ["泉州市", "福建省"]
    region = gaz.find("中山市")
    assert region is not None and region.code == "442000000000"
