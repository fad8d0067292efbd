"""Which sentences and items become obligations: session 10 rules of segmentation (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.duty import NOT_A_TASK
from policykg.ingest.extract.obligations import extract_obligations, states_duty


def test_the_sentence_that_makes_the_document_is_no_duty():
    """Enactment formula: …，制定本规范。 after any basis or purpose clause (a subject, 按照, a title run into it)
    says the document is made; it is no one's work (unit convention 5)."""
    # constructed fixture
    assert not states_duty("第一条 按照某某行动的统一部署，为加快推进某某转型，制定本规范。")
    assert not states_duty("某某伦理规范为深入贯彻《某某规划》，增强全社会的伦理意识，制定本规范。")
    assert not states_duty("一、新一届某某委员会，根据《某某组织法》，制定本规则。")
    assert not NOT_A_TASK.search("区应急局负责制定本办法的实施细则。")
    assert NOT_A_TASK.search("根据《某某条例》制定本规范。")  # no comma: the basis opens the sentence (every kind, as above)
    # a unit that is to make the document's follow-up rules still has work
    assert states_duty("区应急局负责制定本办法的实施细则。")
    text = "一、总则\n某某中心根据《某某条例》，制定本规则。\n二、职责\n某某中心应当定期检查平台。\n"
    # constructed fixture
    # (二、 has no item under it: its paragraph is the section's item, unit convention 2; the 一、 title line is no
    # part of the unit, the anchor starting at the body, unit convention 10)
    assert [o.text for o in extract_obligations(fixture_document(text))] == ["某某中心应当定期检查平台。"]


def test_a_titled_paragraph_after_a_numbered_item_is_one_unit():
    """A numbered item run into its number line, then paragraphs that open with a run-in title of their own
    (a noun phrase too: 森林保护。): each such paragraph is one of the item's measures, one unit with its title
    (unit conventions 2 and 10), not one unit per sentence; a box caption (专栏1 …) ends the item's text, and a
    box's paragraphs stay running text."""
    # constructed fixture
    text = ("二、主要任务\n（一）建设生态保护应用体系。充分运用新技术，提升保护水平。\n"
            "森林保护。通过卫星影像开展动态监测。运用深度学习及时发现森林变化。\n"
            "草原保护。建立立体监控网络，实现实时监控预警。\n"
            "专栏1 重点工程\n"
            "网络优化。组织电信企业建设外网。推广一批典型应用案例。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert texts[:3] == ["（一）建设生态保护应用体系。充分运用新技术，提升保护水平。",
                         "森林保护。通过卫星影像开展动态监测。运用深度学习及时发现森林变化。",
                         "草原保护。建立立体监控网络，实现实时监控预警。"]
    assert not any(t.startswith("网络优化。") and t.endswith("推广一批典型应用案例。") for t in texts)


def test_items_run_into_one_line_are_cut_apart_and_their_lead_in_read_with_them():
    """Numbered items that a copy ran into one line (…。（二）…, …。2.…) are cut where the outline's numbering goes
    on, also in a text that is not hard-wrapped; the first item of a list is cut after a line with a number of a
    higher rank (第三条 …。（一）…). The lead-in they expose is read with its items (unit convention 19 and its
    amendments): 应遵循以下…规范。 takes no obligation of its own, nor does a run-in title before a colon lead
    (（七）加强产品安全设计。企业…，并将产品设计为：); an item that only defines a term (…主要指…) is none."""
    # constructed fixture
    text = ("第二章 活动规范\n"
            "第三条 各类活动应遵循以下基本规范。（一）增进人类福祉。坚持以人为本，尊重人权。"
            "（二）促进公平公正。坚持普惠性，保护各方合法权益。\n"
            "第四条 本规范适用于相关机构。（一）管理活动主要指战略规划、政策制定等。（二）研发活动主要指科学研究等。\n"
            "二、强化产品安全管理\n"
            "（七）加强产品安全设计。企业对生产的产品，明确安全设计，并将产品设计为：\n"
            "1.建立产品安全事件监测机制。2.确保产品性能不低于国家标准的要求。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert texts == ["（一）增进人类福祉。坚持以人为本，尊重人权。", "（二）促进公平公正。坚持普惠性，保护各方合法权益。",
                     "1.建立产品安全事件监测机制。", "2.确保产品性能不低于国家标准的要求。"]
    assert not states_duty("（一）管理活动主要指战略规划、政策制定等。")


def test_conditions_that_bind_a_party_are_its_duties_item_by_item():
    """X应当具备/符合/满足下列条件： where X is a party (a unit, a person, an applicant: 申请…，应当…) makes each
    item X's duty, whether it writes an act or a state to have (unit convention 27); the criteria of a decision on a
    case or a benefit (举报奖励应当符合下列条件, 列入项目应当具备以下条件) stay cases, no obligation."""
    # constructed fixture
    text = ("第八条 申请领取某某许可证，应当具备下列条件：\n（一）已经办理用地批准手续；\n（二）有保证安全的具体措施。\n"
            "第九条 某某服务机构应当具备以下条件：\n（一）有法人资格；\n（二）有健全的质量管理体系。\n"
            "第十条 举报奖励应当符合下列条件：\n（一）举报内容经查证属实；\n（二）举报事项事先未被掌握。\n"
            "第十一条 列入年度项目应当具备以下条件：\n（一）有明确的建设目标；\n（二）有可靠的资金来源。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert texts == ["（一）已经办理用地批准手续；", "（二）有保证安全的具体措施。", "（一）有法人资格；", "（二）有健全的质量管理体系。"]


def test_a_sentence_that_only_points_elsewhere_is_no_duty():
    """…的具体要求，详见…指南（附件）。 / 关于…的详细说明请见《…》。: it points to where the rules are written and
    names no act of its own, also as an item under a lead-in of duties; an act with a pointer stays a duty."""
    # constructed fixture
    assert not states_duty("8. 项目的具体申报要求，详见某某申报指南（附件）。", numbered=True)
    assert not states_duty("关于申请资格的详细说明请见《某某项目指南》。")
    assert states_duty("组织开展专项检查，详见附件。", numbered=True)
    assert states_duty("申请人应当按照《某某指南》要求填报，详见附件。")
    text = "申请人应当具备以下条件：\n1. 具有高级专业技术职务；\n2. 关于申请资格的详细说明请见《某某项目指南》。\n"
    assert [o.text for o in extract_obligations(fixture_document(text))] == ["1. 具有高级专业技术职务；"]


def test_a_guiding_thought_heading_is_descriptive_though_it_opens_with_a_verb():
    """（一）指导思想 names a section of principles (unit convention 25): its paragraph is none, also when it opens with
    坚持… or 按照… instead of the guiding-thought formula; 指导 is a verb, and a heading led by a verb (指导企业开展
    工作) names a measure as before."""
    # constructed fixture
    text = ("二、指导思想和基本原则\n（一）指导思想\n坚持某某工作方针，紧紧围绕中心工作，推进信息化建设。\n"
            "三、主要任务\n（一）指导企业开展工作\n各区要加强对企业的指导。\n")
    assert [o.text for o in extract_obligations(fixture_document(text))] == ["各区要加强对企业的指导。"]


def test_a_title_belongs_to_the_unit_it_heads():
    """A title is the unit's own text (unit conventions 10 and 28): a paragraph's opening title joins the text after it
    whatever its words (甲市。打造…; 气体传感器。强化…); under a numbered section with no deeper item the titled paragraph is
    one unit (unit 28's sixteenth-adjudication amendment), in running text its later sentences are units of their own; the
    title line of a numbered item (（一）加强组织领导) opens the unit of the paragraph right under it when the body's
    opening repeats elsewhere in the document (the anchor then starts at the heading); a unique body is the unit."""
    # constructed fixture
    text = ("三、产业布局\n甲市。打造国内领先的某某传感谷。依托研究院，集聚全球研发人才。\n"
            "四、保障措施\n（一）加强组织领导\n甲部、乙部、丙部、丁部、庚中心、戊委员会和己管理办公室加强工作协同。\n"
            "（二）做好总结推广\n甲部、乙部、丙部、丁部、庚中心、戊委员会和己管理办公室定期组织评估。\n"
            "（三）强化责任落实\n试点企业承担产品质量主体责任。\n")
    texts = [o.text for o in extract_obligations(fixture_document(text))]
    assert texts == ["甲市。打造国内领先的某某传感谷。依托研究院，集聚全球研发人才。",
                     "加强组织领导\n甲部、乙部、丙部、丁部、庚中心、戊委员会和己管理办公室加强工作协同。",
                     "做好总结推广\n甲部、乙部、丙部、丁部、庚中心、戊委员会和己管理办公室定期组织评估。", "试点企业承担产品质量主体责任。"]
