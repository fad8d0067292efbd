"""Who acts where the unit opens the sentence but only modifies its topic: a noun phrase (X…的N) that the next
clause hands to another unit with 由. Every sentence here is a constructed fixture (written for the test, no
policy document's words); the Documents around them carry only the text and the region."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def roles(text: str, region: Region | None = SONGJIANG) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_units_that_only_modify_a_topic_handed_to_another_unit_are_given_nothing():
    # constructed fixtures: X…的N，由Y…: the costs or acts of X are the topic, the duty is Y's
    assert roles("区专职消防队支援外区抢险所消耗的油料和器材，由区财政局予以补偿。") == {("区财政局", "lead")}
    assert roles("街道微型消防站参加演练的费用，经区消防救援支队核定，由区人民政府承担。") == {("区人民政府", "lead")}


def test_a_topic_of_the_units_own_charge_or_duty_keeps_them():
    # constructed fixtures: X负责的…工作 names X's charge; X应当… a duty; …由Y统一领导 is X's act under Y (roles 18)
    assert ("区应急局", "lead") in roles("区应急局负责的专项检查工作，由区公安分局配合。")
    assert ("区应急局", "lead") in roles("区应急局应当将检查的结果，由专人报送区政府。")
    assert ("区专职消防队", "lead") in roles("区专职消防队参加其他灾害事故的抢险救援工作，由区人民政府统一领导。")


def test_beside_a_clause_that_names_a_lead_the_bodys_helpers_are_entries():
    # constructed fixtures: a responsibility clause names the lead; the body's 配合 subjects and 会同 partners
    # help it (gold README roles 2 and 8)
    assert roles("区公安分局、区市场监管局等部门积极配合视频监控接入。（牵头单位：区大数据中心）") == {
        ("区大数据中心", "lead"), ("区公安分局", "cooperate"), ("区市场监管局", "cooperate")}
    assert ("有关部门", "collective") in roles("各街镇要会同有关部门研究制定防汛预案。（区水务局牵头）")
