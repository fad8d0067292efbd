"""Not targeted: a site label the work is not about, though the text names it.

Decides, for every label found (vocabulary or open), whether it is left out: a force (微型消防站|等力量), a
campaign's audience (宣传进企业、进学校; 面向学校…开展教育), a modifier of a framework, a model or a body (港口|大模型,
试验区|工作部际联席会议办公室), a member of a list of what information is about (站点、客运枢纽等公共交通基础数据) or of the directions, needs or activities a measure is about (智慧体育场馆解决方案…等方向), kinds named only as what equipment must suit
(根据高层建筑…等火灾特点和需要，加强…装备配备), a whole territory styled as a hub (打造…产业集聚区, with no
count or place), a public institution that is the subject of a duty (中小学校、幼儿园应当将消防知识纳入教学内容; its
own premises' safety work keeps it), or a party (site_parties: lists of organisations, enlisted providers, recipients of money or
help, colleges that act, governing bodies, administering units). A hazard on a passage or a facility
(占用|疏散通道) is work on it and stays.

Gold site-type conventions (tests/gold/obligations/README.md): 1 (passages stay), 3 (audiences of campaigns),
14 (sites named only as what equipment is for), 18 (a whole territory styled as a hub is no zone), and 9 and 10
through site_parties.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import INSTITUTION_KINDS
from policykg.ingest.extract.site_heads import _HEAD
from policykg.ingest.extract.site_modifiers import _pos
from policykg.ingest.extract.site_parties import (
    _BODY_OF_A_PLACE,
    _DOMAIN_OF_A_UNIT,
    _SENTENCE_ENDS,
    _beneficiary,
    _college_acting,
    _counterpart,
    _enlisted,
    _means,
    _relied_on,
)
from policykg.ingest.extract.site_projects import project_only_funded
from policykg.ingest.extract.site_zones import zone_not_worked_on
from policykg.ingest.extract.words import tagged_words

# Where a named kind of site is no site the work is about: a force (微型消防站|等力量). A hazard on a passage or a
# facility (占用|疏散通道, 消防水源|不足) is work on it: checked, kept clear (site-type convention 1).
_FORCE_AFTER = re.compile(r"(?:等)?(?:社会)?(?:消防)?(?:力量|队伍)")
# the audience of a campaign (宣传进企业、进学校; 面向学校、社区开展教育): where publicity goes, not a site the
# measure acts on (site-type convention 3)
_AUDIENCE = re.compile(r"(?:[“‘、]|^)进[“‘]?$|面向(?:[^，。；：、]{1,8}[、和及与])*[“‘]?$")


# A kind of site written inside the noun phrase of a framework, a model or a body (大数据中心|协同创新体系, 港口|大模型,
# 集聚区|建设工作专班, 试验区|工作部际联席会议办公室, 深海基地|管理中心): the phrase names that thing, which is set up or
# run rather than built on a place, and the kind only says what it serves (site-type convention 9: bodies, platforms and
# systems are no sites). An information system or a platform of a kind (应急避难场所|综合管理信息系统, 地下空间|信息系统)
# manages the sites themselves, and the files record the kind there: 系统 and 平台 are no such heads. The same holds for
# what a kind has or teaches (自贸试验区|改革试点经验, 经济开发区|产业集聚优势, 中小微企业|特点和需求): the experience,
# advantage or needs are the measure's matter, not the sites.
_SYSTEM_HEAD = re.compile(r"(?:[^\W\d_a-zA-Z的之和及与或等在对为向从由把将]){0,12}?"
                          r"(?:体系|模型|专班|办公室|联席会议|管理中心|经验|优势|特点)(?![化性])")


def _modifies_a_system(text: str, end: int) -> bool:
    """Whether the label ending at ``end`` is a modifier inside the noun phrase of a framework, a model or a body: that
    head follows it within the phrase, and no verb right after the label makes it a subject (学校|建立安全管理体系)."""
    m = _SYSTEM_HEAD.match(text, end)
    if m is None or m.end() == end:
        return False
    from policykg.ingest.extract.agencies import on_word_boundary

    if not on_word_boundary(text, m.end()) and m.end() < len(text):
        return False  # (体系化, 模型库: no head of the phrase)
    words = tagged_words(text[end:m.end()], _pos())
    return bool(words) and words[0][1] != "v"


# a list closed by 等 and a head that names information (站点、专用道、客运枢纽等公共交通基础数据; 综合交通、公用设施、环境质量等
# 信息资源; 港口、航运、陆运等物流信息): the members name what the information is about, and the work (collecting, sharing,
# opening it) is done on the information, not on those sites (site-type convention 9: information systems are no sites; 11:
# a kind named only to say what is meant). Information facilities (等数据中心, 等信息基础设施) are built, and stay; so do
# the members of a list of what is informatised (中小学校、医院等信息化建设: the work is done on them).
_INFORMATION_LIST = re.compile(r"(?:[、和及与][^，。；：！？\n、等]{1,14})*等([^，。；：！？\n、]{0,10}?)(?:信息|数据)(?:资源|集)?"
                               r"(?!中心|库|基础设施|设施|港|园|枢纽|站|机房|平台|系统|化)")


# a list closed by 等 and a head that names topics of work (智能体育产品、智慧体育场馆解决方案…等方向; 产能共享、多工厂协同等需求;
# 工厂网络设计、建设、运营等业务活动): the members name the directions, needs or activities a measure is about, and a kind
# inside them only says which, as a kind in a list of what information is about does (site-type conventions 9 and 11: a
# kind named only to say what is meant is no site). A kind of site between 等 and the topic (等场所需求) names places.
_TOPIC_LIST = re.compile(r"[^，。；：！？\n等]{0,40}等(?P<between>[^，。；：！？\n、等]{0,6}?)(?:方向|需求|业务活动)")


def _listed_as_topic(text: str, end: int) -> bool:
    """Whether the label ending at ``end`` is a member of a list that 等 closes with a head naming directions, needs or
    business activities (see above)."""
    m = _TOPIC_LIST.match(text, end)
    return m is not None and _HEAD.search(m.group("between")) is None


def _listed_as_information(text: str, end: int) -> bool:
    """Whether the label ending at ``end`` is a member of a list closed by 等 and a head naming information, with no kind
    of site between 等 and that head (学校、医院等人员密集场所的消防信息: the list names the places of a kind)."""
    m = _INFORMATION_LIST.match(text, end)
    return m is not None and _HEAD.search(m.group(1)) is None


# works listed beside tasks, work or plans (重点任务、重点项目; 重点项目及推进工作; 重大项目和重点任务): items of a programme of
# work, which the plan tracks and assesses, no works a measure is done on (site-type convention 7: a programme is no site)
_TASKS = r"[\u4e00-\u9fff]{0,4}(?:任务|工作|计划|政策|事项|行动)"
_TASK_BEFORE = re.compile(_TASKS + r"[、和及与]\Z")
_TASK_AFTER = re.compile(r"[、和及与]" + _TASKS + r"(?![\u4e00-\u9fff]{0,2}(?:项目|工程))")


def _listed_with_tasks(text: str, start: int, end: int) -> bool:
    """Whether works at [start, end) are listed beside tasks, work or plans."""
    return text.endswith(("项目", "工程"), start, end) and (
        _TASK_BEFORE.search(text, max(0, start - 8), start) is not None or _TASK_AFTER.match(text, end) is not None)


# the place people are withdrawn from (从危险区域内撤出作业人员): the measure acts on the people, not on the place
_WITHDRAWN = re.compile(r"[内中]?(?:撤出|撤离)")


def _not_targeted(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) names a force, a campaign's audience, the body that governs a place or a
    party a measure enlists rather than a site the work is about."""
    if _FORCE_AFTER.match(text, end) or _DOMAIN_OF_A_UNIT.match(text, end) or _BODY_OF_A_PLACE.match(text, end) \
            or _modifies_a_system(text, end) or text[start - 1:start] == "从" and _WITHDRAWN.match(text, end) \
            or _listed_with_tasks(text, start, end) or _listed_as_information(text, end) or _listed_as_topic(text, end):
        return True
    if _enlisted(text, start, end) or _beneficiary(text, start, end) or _styled_hub(text, start, end) \
            or _relied_on(text, start, end) \
            or _equipment_purpose(text, start, end) or _college_acting(text, start, end) or _zone_acting(text, start, end) \
            or _institution_acting(text, start, end) or zone_not_worked_on(text, start, end) \
            or project_only_funded(text, start, end) or _counterpart(text, start, end) \
            or _means(text, start, end) or _role_in_play(text, start, end):
        return True
    before = text[max(0, start - 60):start]  # (a list after 面向 is short; the pattern is asked only near one)
    return ("进" in before[-2:] or "面向" in before) and _AUDIENCE.search(text, max(0, start - 60), start) is not None


# a kind whose role a measure brings into play (充分发挥食盐批发企业的供应保障作用, 发挥国家级开发区的示范引领作用, 发挥甲基地、
# 乙产业园等的载体作用, 发挥医院在…中的作用): 发挥X(的)…作用 does no work on X, whatever role it names (gold site-type convention
# 25's seventeenth amendment, 26's 发挥X的保障供应作用; site 10's enlisted providers); its advantage brought into play
# (发挥国家级新区、高新区…产业集聚优势) is the same act, as _SYSTEM_HEAD reads a kind's 优势 as the measure's matter.
# 发挥 written inside a label that ran past its modifier (充分发挥|高新区) is read the same. Work placed in X (在X建设…,
# 依托X打造…) is another phrase and stays.
_PLAY = re.compile(r"发挥")
_ROLE_AFTER = re.compile(r"[^，。；：！？\n]{0,60}?(?:作用|优势)")


def _role_in_play(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands inside 发挥X…作用 or 发挥X…优势, in one clause (see above)."""
    cues = list(_PLAY.finditer(text, max(0, start - 40), end))
    if not cues or any(c in text[cues[-1].end():start] for c in "，。；：！？\n"):
        return False
    return _ROLE_AFTER.match(text, end) is not None


# what a plan makes of its whole territory (到2026年…打造世界级海洋人工智能大模型产业集聚区; 建成全省…先行区):
# 打造/建成 and a zone with no count and no place, a slogan, no zone built or delimited (site-type convention 18).
# A count (打造10个以上…集聚区, 打造一批…集聚区), a place (在…打造) or a measure that supports others' building
# (支持打造…集聚区) keeps the zone.
_STYLED = re.compile(r"(?:努力)?(?:打造|建成|建设成)(?:成为|为|成)?(?P<gap>[^，。；：、！？\n]{0,30})\Z")
_COUNT = re.compile(r"[0-9０-９一二两三四五六七八九十百千几多若][0-9０-９一二三四五六七八九十百千]*(?:个|家|批|处|座)|一批|若干|多个")
_HUB_BEFORE = re.compile(r"(?:支持|推动|鼓励|引导|在[^，。；：]{1,20}?)\Z")


def _styled_hub(text: str, start: int, end: int) -> bool:
    """Whether a zone at [start, end) is what 打造/建成 makes of the plan's territory, with no count or place."""
    if not text[start:end].endswith("区"):
        return False
    m = _STYLED.search(text, max(0, start - 36), start)
    return not (m is None or _COUNT.search(m.group("gap"))
                or _HUB_BEFORE.search(text, max(0, m.start() - 24), m.start()))


# kinds of site named only as what equipment must suit (根据高层建筑、地下空间等火灾特点和需要，加强消防车辆装备配备):
# nothing is done on them (site-type convention 14); the same kinds named where an installation is put stay
_SUITS = re.compile(r"(?:根据|针对|结合|适应)(?P<kinds>[^，。；：！？\n]{2,60}?)(?:的)?(?:火灾|灾害|事故|救援)?(?:特点|特性|风险特点)"
                    r"(?:和|及|与)?(?:[^，。；：]{0,8}(?:需要|需求))?[，,]?")
_EQUIPPING = re.compile(r"装备|器材|车辆|配备")
_INSTALLING = re.compile(r"设置|建设|建立|改造|安装|新建")


def _equipment_purpose(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in a 根据…特点和需要 phrase whose sentence equips, and builds nothing."""
    if "特点" not in text and "特性" not in text:
        return False
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_ENDS + "，") + 1
    m = _SUITS.search(text, max(0, lo - 64), end + 24)
    while m is not None and m.end("kinds") < end:
        m = _SUITS.search(text, m.start() + 1, end + 24)
    if m is None or not m.start("kinds") <= start:
        return False
    his = [i for i in (text.find(c, m.end()) for c in _SENTENCE_ENDS) if i >= 0]
    rest = text[m.end():min(his, default=len(text))]
    return _EQUIPPING.search(rest) is not None and _INSTALLING.search(rest) is None


# a zone that is the subject of a duty (国家级开发区要…, 各自贸试验区要…, 由高新区制定…, 开发区与综合保税区要联动发展):
# the zone's administration acts, as a unit does; the zone is no site the work is done on (site-type conventions 9
# and 10, role convention 8: the unit the text gives an act). A zone the act is done on or for (支持开发区建设…,
# 对开发区…, 授权试验区制定…) stays.
_ZONES = ("区", "园")
_SUBJECT_BEFORE = re.compile(r"(?:^|[，。；：！？\n])\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．﹒]\s*)?"
                             r"(?:[^，。；：！？\n]{0,16}(?:部门|地区|各地|单位|政府|[区市县园])[、和与及])?"
                             r"(?:由|各)?(?:(?:国家|省|市|县|区)级)?\Z")
_DUTY_AFTER = re.compile(r"(?:[、和与及][^，。；：！？\n的等]{0,12}?(?:区|园|部门|单位|政府))?(?:要(?![素求点])|应当|应(?![用急对])|须|必须|负责|牵头|制定|成立)")


def _zone_acting(text: str, start: int, end: int) -> bool:
    """Whether a zone at [start, end) opens its clause (alone, after 各 or 由, or in a list of units and zones) and
    a duty cue follows it: the subject of the duty."""
    if not text[start:end].endswith(_ZONES) or not _DUTY_AFTER.match(text, end):
        return False
    return _SUBJECT_BEFORE.search(text, max(0, start - 30), start) is not None


# a public institution by kind that is the subject of a duty (中小学校、幼儿园应当将消防知识纳入教学内容; 医疗机构、相关企业要
# 完善预约挂号方式; 县级公立医疗机构应优先使用…): the institution does the work, a collective agency (role convention 17),
# and the work is on its teaching, services or purchases, no site (site-type conventions 9 and 10, as for a zone that
# acts). An institution the work is done on (加强中小学校、幼儿园消防检查; 对学校要开展检查) is no subject and stays.
_INSTITUTIONS = tuple(sorted(set(INSTITUTION_KINDS) - {"试点地区"} | {"医院", "中小学校", "高等学校"}, key=len,
                            reverse=True))
_INSTITUTION_LIST = "|".join(_INSTITUTIONS)
# the clause before the subject: an item or article number, then the institutions, units or enterprises listed before it,
# then words that rank or place it (县级公立, 教育部直属, 各类): no verb, no preposition
_INSTITUTION_OPENS = re.compile(r"(?:^|[，。；：！？\n])\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．﹒]|第[一二三四五六七八九十百\d]+条"
                                r"|[一二三四五六七八九十]是)?\s*(?P<lead>[^，。；：！？\n]{0,16})\Z")
_LISTED_UNIT = re.compile(r"(?:部门|单位|政府|机构|企业|" + _INSTITUTION_LIST + r")[、和与及]\Z")
_INSTITUTION_DUTY = re.compile(r"(?:[、和与及][^，。；：！？\n的等]{0,12}?(?:部门|单位|政府|机构|企业|" + _INSTITUTION_LIST
                               + r"))*(?:要(?![素求点])|应当|应(?![用急对])|须|必须|负责|牵头)")
# work an institution does on its own premises (消防安全, 隐患, 检查, 设施, 疏散): the premises are the site of that work
# (site-type convention 10), as when another unit does it there; fire-safety knowledge taught (消防安全知识) is teaching
_PREMISES_WORK = re.compile(r"安全管理|(?:消防安全|防火)(?!知识|常识|教育|宣传|意识)|隐患|检查|巡查|整改|设施|疏散")
_SENTENCE_END = re.compile(r"[。；;！？\n]")
_OWNERSHIP = frozenset(["公立", "公办", "民办", "私立", "直属", "所属", "附属"])  # (tagged verbs, they rank an institution)
_NO_SUBJECT = re.compile(r"[对向为在由把将从给与和及等的]|加强|开展|推进|推动|支持|鼓励|引导|指导|督促|组织")


def _institution_acting(text: str, start: int, end: int) -> bool:
    """Whether a public institution by kind at [start, end) opens its clause (alone, ranked or placed, or after other
    units in a list) and a duty cue follows it: the subject of the duty."""
    duty = _INSTITUTION_DUTY.match(text, end) if text.endswith(_INSTITUTIONS, start, end) else None
    if duty is None:
        return False
    stop = _SENTENCE_END.search(text, duty.end())
    if _PREMISES_WORK.search(text, duty.end(), stop.start() if stop else len(text)):
        return False  # 学校应当落实消防安全管理制度: the work is on its own premises, a site (convention 10)
    m = _INSTITUTION_OPENS.search(text, max(0, start - 40), start)
    if m is None:
        return False
    lead = m.group("lead")
    listed = _LISTED_UNIT.search(lead)
    modifier = lead[listed.end():] if listed else lead
    if listed and _NO_SUBJECT.search(lead[:listed.start()]) is not None:
        return False
    return len(modifier) <= 8 and _NO_SUBJECT.search(modifier) is None \
        and not any(f.startswith("v") and f != "vn" and w not in _OWNERSHIP for w, f in tagged_words(modifier, _pos()))
