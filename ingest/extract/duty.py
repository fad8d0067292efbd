"""The sentence grammar of a duty: whether a sentence or an item gives someone work (issues 3 and 13).

A sentence states a duty when a cue governs its predicate (要、应、必须、负责 …, outside titles, relative
clauses and the condition it opens with), a unit opens a clause and acts in it (区应急局会同…对…, 由X…进行…),
or, in a numbered item, an action verb stands anywhere. It does not when it describes (definitions, scope,
principles, background, the wrapper's 现印发给你们), closes a list with a catch-all, names who answers for
the work, or only invites (鼓励…) or permits (可/可以) an act.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.cues import AGENT_START, DUTY_CUE, UNIT_HEAD, VERB, VERB_START

# (Speed: every alternative opens with a literal character, an anchor or a look-behind written after it, as
# 为(?<=^为) for ^为: then ``re`` skips to the positions where one of those characters stands instead of trying
# each alternative at every position. The matches are the same.)
# the kinds of text a document calls itself when it says it is made (制定本办法, 制定本规范)
_KIND_OF_TEXT = "(?:办法|规定|条例|细则|实施细则|方案|意见|预案|规则|标准|计划|措施|制度|规范|准则|指引|指南|要点|纲要|守则|章程)"
_MADE_ON = r"[^。]*制定本" + _KIND_OF_TEXT + "。?$"
NOT_A_TASK = re.compile(r"为(?<=^为)[^。]*(?:通知如下|如下|制定本|特制定|现制定|提出以下)"
                         # 根据《…法》，结合本市实际情况，制定本办法。: the basis the document itself is made on
                         r"|根据(?<=^根据)" + _MADE_ON + r"|依据(?<=^依据)" + _MADE_ON + r"|依照(?<=^依照)" + _MADE_ON +
                         r"|自(?:\d|[〇○一二三四五六七八九十]|本|印发|发布|公布)\S{0,20}?(?:起)?(?:施行|实施|生效)(?!之日)"
                         # …，根据《…》，制定本规则。/ 第一条 按照…，为…，制定本规范。: the sentence that says the document is
                         # made, whatever basis or purpose clauses open it (a wrapper formula, unit convention 5)
                         r"|[，,](?:特|现)?(?:制定|制订)本" + _KIND_OF_TEXT + "。?$"
                         r"|有效期至|现(?:予)?(?:印发|转发)给你们|请(?![求示])\S{0,12}(?:执行|落实)|特此(?<=^特此)(?:通知|通告)")
# (自本办法颁布实施之日起6个月内 counts a limit from the effect date; 请求/请示 are acts, not the wrapper's 请)
# closing formulas that write an act (gold unit convention 7): 本办法由X负责解释 (负责编制与解释, 会同Y负责具体解释) names
# the unit every reader turns to on its meaning; (实施细则)另行制定 promises a document; 解释权归X所有 (a right held),
# 自…起施行 and …同时废止 write none
_CLOSING_ACT = re.compile(r"负责(?:编制[与和及])?(?:具体)?解释(?![权的])|另行(?:制定|制订|出台)(?![的之])")
# what a text is, not what someone must do: definitions, scope, abbreviations, past results, principles
_DEFINITION = re.compile(r"是指|系指(?<![联关维体]系指)|所称|指的是|统称|^[^，。；]{2,30}[，,]指(?![导定出示挥派向南标数令])"
                         r"|^[^，。；]{2,30}?(?:主要|一般|通常)指(?![导定出示挥派向南标数令])")
# 法律、法规、规章规定的其他职责。: a catch-all at the end of a list names no work of its own (every alternative
# holds 其他: a caller may ask whether the text does first)
# （四）国家及本市其他有关地下空间消防安全的管理规定。: the other rules that also apply, named, not done
CATCH_ALL = re.compile(r"规定的其他[^，。；]{0,24}?(?:职责|义务|禁止性?行为|行为|事项|工作|情形|责任|条件|投入|措施)[。；;]?$"
                        r"|^(?![^。；]*(?:要|应|须|负责))其他[^，。；]{0,24}?(?:职责|义务|行为|事项|情形|责任|条件|投入|措施)的?[。；;]?$"
                        # 其他依法应当履行的职责。: the cue sits inside the noun phrase the list closes with
                        r"|^其他(?:依法|依照[^，。；]{0,16}|按照[^，。；]{0,16}|法律[^，。；]{0,16}规定)?(?:应当|应|必须|须|需要)"
                        r"[^，。；]{0,12}的[^，。；的]{0,12}(?:职责|义务|行为|事项|情形|责任|条件|投入|措施)[。；;]?$"
                        r"|^(?:(?:国家|本市|全市|本省|法律|法规)[^，。；]{0,30})?其他(?:有关|相关)?[^，。；]{0,40}"
                        r"(?:规定|要求|标准|规范)[。；;]?$")
_DESCRIPTIVE = re.compile(r"下同[）)]|本(?:办法|规定|细则|方案|条例|意见|预案|标准|计划|制度|规范)"
                          r"(?:适用于|所称|中所)|适用于本|适用于以下|适用本"
                          r"|由[^，。；]{1,80}(?:组成|担任|兼任)"  # who sits on a body: organisation, not work
                          r"|是(?<![但就还即总凡要应]是)(?:本|全|我)?[^，。；]{0,60}(?:机构|部门|单位|主体|组织|平台|力量|依据|基础)"
                          r"[。；;]?$"
                          r"|以(?<=^以)[^，。；]{2,40}为(?:指导|引领|统领)")  # 以习近平…思想为指导: a guiding idea
# 应当依法承担相应的责任: who answers for a wrong, not work; (三)…的备案情况；: an item of a list of contents
# 安全生产规章制度应当包括…等制度 / 应急征用凭证应当载明…等要素: what a document must hold, not an act
_DOCUMENT_CONTENT = re.compile(r"^[^，。；]{0,20}?(?:凭证|协议|预案|报告|制度|合同|方案|清单|记录|台账|证书|文书|书|单|表)中?"
                               r"(?:应当|应|须|必须)(?:载明|包括|包含|明确|写明|注明|列明|涵盖)")
_CONTENT_VERB = re.compile(r"载明|包括|包含|明确|写明|注明|列明|涵盖")  # (a cheap test before the sentences are read)
_LIABILITY = re.compile(r"承担(?:相应的?)?(?:法律)?责任$|追究[^，。；]{0,12}责任$")
_CONTENT_ITEM = re.compile(r"情况[；;。]?$")
# …，按规定报告…情况 / 如实记录…情况: an item ending in 情况 that asks an act; 情况 is the object of its verb
_ACT_ON_STATE = re.compile(r"(?:(?:如实|按规定|按照规定|定期|及时|每年|每季度|每月|主动|并)+|(?:于|向)[^，,。；;]{1,40}?)?"
                           r"(?:报告|报送|上报|汇报|通报|记录|提供|掌握|核查|核实|检查|督查|摸清|摸排|统计|公布|公开|反馈|说明|跟踪)")
_UNIT_ACTS_ON_STATE = re.compile(r"[^，,。；;]{0,20}?(?:" + UNIT_HEAD + ")" + _ACT_ON_STATE.pattern)  # 区住建委向社会通报…情况
_ITEM_CLAUSE = re.compile(r"[，,；;]")


def _acts_on_a_state(text: str) -> bool:
    """Whether an item ending in 情况 asks an act rather than naming what a list holds ((三)…的备案情况；): a clause
    before its last opens with an action verb (落实…管理，按规定报告…情况), its last clause opens with a verb whose
    object 情况 is (如实记录…培训情况), after the unit that acts if one opens it."""
    clauses = [c.strip() for c in _ITEM_CLAUSE.split(text.strip().rstrip("。；;")) if c.strip()]
    if not clauses or any(VERB_START.match(c) for c in clauses[:-1]):
        return bool(clauses)
    return _ACT_ON_STATE.match(clauses[-1]) is not None or _UNIT_ACTS_ON_STATE.match(clauses[-1]) is not None
_MODAL = re.compile(r"应当|必须|须(?<![必]须)|要(?<![主重需必]要)(?![求点])|应(?<![响适相对供反]应)(?![急用对])")
# 主要负责人对本地区安全生产工作全面负责 / 主要负责人是…第一责任人: who answers for the work, a person, not a unit's act
_PERSON_ANSWERS = re.compile(r"^[^。；;]{0,40}?(?:负责人|责任人|负责同志)(?:[^，,。；;]{0,30}?(?:全面负责|负总责|负责$)|负有[^，,。；;]{0,30}"
                             r"(?:责任|职责|权)|[^，,。；;]{0,30}?承担[^，,。；;]{0,12}责任|是[^，,。；;]{0,40}(?:责任人|负责人))")
_SANCTION = re.compile(r"责令|给予[^，。；]{0,8}处分|处以|予以处罚")
# a numbered line that names a document or a form (constructed: 1.街道独居老人走访登记表), as attachment lists do
_TITLE_ONLY = re.compile(r"^[^，。；：:]{2,60}(?:表|清单|名单|名录|目录|方案|办法|细则|规定|意见|通知|预案|制度|指南|标准|规范|实例|"
                         r"台账|手册)$")
# 鼓励…, 支持…: an invitation; 可/可以: a power; 按照…规定执行: a bare reference; …的；: a condition
_INVITATION = re.compile(r"^(?:[^，。；]{0,12}?)(?:鼓励|倡导|提倡|欢迎)")
# 鼓励…, 第二十二条 鼓励…: an invitation with no subject (本市应急管理部门鼓励… names who acts)
_BARE_INVITATION = re.compile(r"^(?:第[一二三四五六七八九十百\d]+条\s*)?(?:鼓励|倡导|提倡|欢迎)")
_PERMISSION = re.compile(r"(?<![认许不宁])可(?:以|在|由|按|结合|根据|参照|向|对|适当|委托|申请|采取|组织|邀请|将|不|视|予|作)"
                         r"|有权")
_REFERENCE = re.compile(r"^[^。；]{0,40}?(?:按照|依照|参照|按)[^。；]{2,60}?(?:规定|办法|要求|制度|文件|执行)[^。；]{0,8}"
                        r"(?:执行|办理|实施|为准)。?$|从其规定。?$")
CONDITION = re.compile(r"的[；;。]?$")
# (2)未按照招标文件要求派驻人员; (4)不按时进场施工: an item that names a failure is a case a rule applies to
_NEGATED_ACT = re.compile(r"^(?:未(?!来)|不(?=按|能|履行|严格|执行|签|服从|配合|接受|及时|如实|具备|符合|遵守|办理)|擅自|拒绝|"
                          r"拒不|无故)")
# （以下统称举报人，应当为自然人）: a defined term's aside, whose cue gives no one work
_DEFINED_TERM = re.compile(r"[（(]以下[^（）()]{0,40}[）)]")
# 重庆市人民政府办公厅关于…的实施意见.doc: a download link names a file, it asks nothing
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|txt)\s*$", re.IGNORECASE)
_GLUE = r"、和及与等，,。；;：:\s第条款项\d一二三四五六七八九十"
_TITLES_AND_GLUE = re.compile(r"《[^《》]*》|<[^<>]*>|[" + _GLUE + "]")
_FOUR_WORDS = re.compile(r"(?:[" + _GLUE + r"]*[^" + _GLUE + r"]){4}")  # four characters that are no glue


def _words_under_four(text: str) -> bool:
    """Whether ``text`` without its titles and glue (``_TITLES_AND_GLUE``) has under four characters."""
    if "《" in text or "<" in text:
        return len(_TITLES_AND_GLUE.sub("", text)) < 4
    return _FOUR_WORDS.match(text) is None  # (no title: the glue alone is left out, counted without a copy)
_TIME_PREFIX = re.compile(r"^(?:到|在|于)?(?:\d{4}\s*年(?:底|末)?)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?:底|末|上旬|中旬|下旬)?"
                          r"(?:前|之前|以前|内)?")
# 按照国家和省有关规定对…给予奖励: the rule an act follows, before the act
_BASIS_PREFIX = re.compile(r"^(?:按照|依照|根据|依据)[^，。；]{1,30}?(?:规定|要求|标准|程序|办法)")
_PRINCIPLE = re.compile(r"(?:的|等)(?:原则|方针)。?$")
# 本市行政区域内的单位和个人应当遵守本条例 / 在本区从事某某活动的单位均应遵守本办法 / 参照本办法执行: a sentence whose only act is
# to comply with the document itself states whom it binds (gold unit convention 29); no modal or act before the one it writes
_COMPLY_ONLY = re.compile(r"^(?:第[一二三四五六七八九十百零\d]+条\s*)?(?:(?!要|应|须|负责|不得|禁止)[^。；;])*?"
                          r"(?:均|都|也)?(?:应当|应|必须|须)?(?:严格)?(?:(?:遵守|执行|遵照执行|适用)本|(?:参照|依照|按照)本)"
                          r"(?:法|条例|办法|规定|细则|规则|意见|方案|决定)(?:的?(?:有关)?规定)?(?:执行|办理)?$")
# 以习近平新时代中国特色社会主义思想为指导，全面贯彻…: the guiding idea a document states (指导思想), a principle, not
# work, also when a modal or 坚持 opens it (要以…为指导，…)
_GUIDING_IDEA = re.compile(r"^(?:要|应当?|必须|须)?(?:始终)?(?:坚持)?以[^，,。；;]{2,40}为(?:指导|引领|统领|指引)[，,]")
# …是践行…战略的重要举措，也是实施…的内在要求 / …对加快…具有重要意义: what a measure or a field means, the
# background a document opens with, not work (a copula or 具有 for predicate)
_WORTH = r"[^。；;]{2,80}具有(?:十分|非常|极其)?(?:重要|重大|深远|积极)?的?(?:意义|作用)[。；;]?$"  # (after 对/对于)
# (each alternative opens with its character: (?:^|[，,])(?:对|对于) written as ，对 | ,对 | 对(?<=^对) …)
_SIGNIFICANCE = re.compile("|".join(lead + _WORTH for lead in ("，(?:对|对于)", ",(?:对|对于)", "对(?<=^对)", "对于(?<=^对于)"))
                           + r"|是(?<![但就还即总凡要应]是)[^，,。；;]{0,60}的(?:重要|重大|关键|有效|必然|内在|具体|根本)?"
                           r"(?:举措|要求|组成(?:部分)?|领域|手段|途径|抓手|选择|路径|保障|支撑|方向|环节)"
                           r"(?:[，,]也是[^，,。；;]{0,60}的[^，,。；;]{0,12})?[。；;]?$")
# 安全生产工作坚持中国共产党的领导 / 居民住宅区消防安全管理贯彻…的方针: an activity, not a unit, is the
# subject, and what it follows is a principle, a leadership or a system of supervision
_ACTIVITY_SUBJECT = re.compile(r"^[^，。；、]{2,16}?(?:工作|管理)(?:应当|应|必须)?(?=[^，。；]{0,4}(?:坚持|遵循|贯彻|实行|以))")
_PRINCIPLE_WORD = re.compile(r"原则|方针|理念|领导|体制")
_LIST_INTRO = re.compile("|".join(w + r"[^。；]{0,40}[：:]$" for w in ("下列", "以下", "如下")) + "|"
                         + "|".join(w + r"[^，。；]{0,16}(?:职责|事项|工作|内容|规范|要求|规定)。$" for w in ("下列", "以下", "如下")))
# 项目的具体申报要求，详见项目申报指南（附件）。/ 关于申请资格的详细说明请见《…》。: a sentence that only points to
# where the rules are written names no act of its own (the document pointed to holds them); its topic before the
# pointer is a noun phrase, not an act (组织开展检查，详见附件。 is the act)
_POINTER = re.compile(r"(?P<topic>[^，,。；;]{0,30}?)[，,]?(?:请|可)?(?:详见|请见|参见|参阅|查阅|见附件)[^，,。；;]{0,80}[。；;]?")
# 申报要求, 参加企业名单: a topic that opens with a verb and ends in a noun of what is written
_TOPIC_HEAD = re.compile(r"(?:要求|说明|内容|规定|办法|名单|清单|条件|流程|程序|标准|事项|方式|信息|情况|安排|指南)$")
# item numbers, four forms (list_leads._NUMBER, role_elided/deadline_counts._ITEM_NUMBER): at most two digits, so 2025、 stays; no 第N条, no 一、
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*")


def points_elsewhere(text: str) -> bool:
    """Whether every sentence of ``text`` only points to another document or an annex for what it says."""
    if "见" not in text and "阅" not in text or DUTY_CUE.search(text) is not None:
        # (every pointer word holds 见 or 阅: most texts are not cut)
        return False
    parts = _sentence_parts(_ITEM_NUMBER.sub("", text.strip()))
    matches = [_POINTER.fullmatch(p) for p in parts]
    return bool(parts) and all(m is not None and (_TOPIC_HEAD.search(m.group("topic")) or not VERB_START.match(m.group("topic")))
                               for m in matches)


def _significance(text: str) -> bool:
    """Whether every sentence of ``text`` states what a measure means (``_SIGNIFICANCE``)."""
    return _all_sentences(text, _SIGNIFICANCE)


# what every match of a pattern asked of each sentence (``_all_sentences``) holds one of: a text with none of
# these words has no sentence that matches, and is not cut into sentences
_WORDS_OF: dict[re.Pattern[str], tuple[str, ...]] = {
    _SIGNIFICANCE: ("是", "具有"), _LIABILITY: ("责任",), _PERSON_ANSWERS: ("负责人", "责任人", "负责同志"),
    _INVITATION: ("鼓励", "倡导", "提倡", "欢迎"), _BARE_INVITATION: ("鼓励", "倡导", "提倡", "欢迎"),
    _PERMISSION: ("可", "有权"), _PRINCIPLE_WORD: ("原则", "方针", "理念", "领导", "体制"),
}
# the same, looked up by the pattern's identity: hashing a compiled pattern hashes all its code on every look-up (1-8 µs
# for these, asked ~230 times a document); the patterns live as long as this module, so their ids stay theirs
_WORDS_BY_ID = {id(pattern): words for pattern, words in _WORDS_OF.items()}


PAST = re.compile(r"了(?<![为除]了)(?!解)|取得|已经|成效明显|有所")


CLAUSE = re.compile(r"[，,：:]")


_HEAD_SENTENCE = re.compile(r"^[^。；，,]{2,20}[。：:]")  # an item's run-in heading (强化组织领导。)


# a clause that sets the time, place or basis of the main clause: 12月底前，/ 冬春火灾防控期间，/ 按照…要求，
_LEAD_CLAUSE = re.compile(r"^(?:按照|根据|依据|结合|围绕|针对|对于|对|在|以|为|通过|依托|紧盯|聚焦|坚持|同时|其中|此外|另外"
                          r"|原则上|\d|[一二三四五六七八九十]{1,3}[是要])|(?:前|后|期间|以前|之前|时|中|内|下|上|的|起|止)$")


def _main_clause(sentence: str) -> str:
    """The first clause that is not a lead-in of time, place or basis (12月底前，/ 按照…要求，), after the
    condition the sentence opens with (…举报，以及…线索，按照规定核查属实的，给予…: the clauses up to …的 are
    the condition, the main clause follows)."""
    parts = [p.strip() for p in CLAUSE.split(sentence) if p.strip()]
    last_condition = max((i for i, p in enumerate(parts[:-1]) if p.endswith("的")), default=-1)
    for p in parts[last_condition + 1:]:
        if not _LEAD_CLAUSE.search(p):
            return p
    return parts[-1] if parts else ""


_SENTENCE_MARK = re.compile(r"[。；;]")


@lru_cache(maxsize=8)  # states_duty asks about one text with pattern after pattern
def _sentence_parts(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` (cut at 。；;), stripped, those of more than 3 characters."""
    return tuple(q for q in map(str.strip, _SENTENCE_MARK.split(text)) if len(q) > 3)


def _all_sentences(text: str, pattern: re.Pattern[str], main: bool = False) -> bool:
    """Whether every sentence of ``text`` has ``pattern`` (near the start of its main clause if ``main``)."""
    words = _WORDS_BY_ID.get(id(pattern))
    if words is not None and not any(w in text for w in words):
        return False  # (no sentence can have it: the text is not cut)
    parts = _sentence_parts(text)
    if not main:
        return bool(parts) and all(map(pattern.search, parts))
    # (the head is read only where the pattern occurs at all: most sentences have no 可以; a sentence with no verb,
    # 全省森林防火期为每年的11月1日至次年的4月30日, states no act for a modal to govern)
    acts = list(filter(VERB.search, parts))
    return bool(acts) and all(pattern.search(p) and (pattern.search(_predicate_head(p)) or _unit_holds(p, pattern))
                              for p in acts)


# …，报镇人民政府批准 / …，会同镇规划部门，… / …，在文物保护单位的…: the authority a step goes to, a partner of
# the subject or a place, not a unit with work of its own
_TO_AUTHORITY = re.compile(r"(?:并|再|后)?(?:报|经|向|送|提请|报请|会同|配合|协同|联合|协助|与|在|对|于|从|按|依)")


def _predicate_head(sentence: str) -> str:
    """The start of a sentence's main clause, through its subject, up to its first duty cue: where a modal
    that governs the predicate stands (国务院安全生产监督管理部门可以会同…: 可以 after a long subject). A
    later clause with a unit of its own acting (…可提出项目申请，项目办对…进行初步审核) gives that unit work:
    no modal of the first clause governs it, so nothing is returned."""
    main = _main_clause(sentence)
    clauses = [c.strip() for c in CLAUSE.split(sentence) if c.strip()]
    if any(_new_subject_acts(c) for c in clauses[clauses.index(main) + 1:] if main in clauses):
        return ""
    main = main[:30]
    cue = DUTY_CUE.search(main)
    return main[:cue.start()] if cue else main


# a clause that ends in a unit, then the modal: 县级人民政府也可以…, …职责的部门可以…
_UNIT_BEFORE_MODAL = re.compile(r"(?:" + UNIT_HEAD + r")(?:也|均|还|都|亦|同时)?$")


def _unit_holds(sentence: str, pattern: re.Pattern[str]) -> bool:
    """Whether a unit holds the modal ``pattern`` names in the first clause that has one, after clauses that
    only set the topic or the occasion (未造成人员伤亡的一般事故，县级人民政府也可以委托…; 本条例规定的行政处罚，
    林业行政主管部门可以委托…), and no later clause gives a unit of its own work."""
    clauses = [c.strip() for c in CLAUSE.split(sentence) if c.strip()]
    for i, clause in enumerate(clauses):
        m = pattern.search(clause)
        if m is None:
            if _agent_acts(clause) or VERB_START.match(clause):
                return False  # work comes before any modal
            continue
        if not _UNIT_BEFORE_MODAL.search(clause[:m.start()]):
            return False
        return not any(_new_subject_acts(c) for c in clauses[i + 1:])
    return False


def _new_subject_acts(clause: str) -> bool:
    """Whether a later clause opens with a unit of its own that acts (…可提出项目申请，项目办对…进行初步审核), not with
    the authority a step goes to (报镇人民政府批准) nor with a verb whose object is a unit (…，协调有关单位开展…;
    …，统一组织开展…: the predicate goes on, and the modal before it still governs it)."""
    return _agent_acts(clause) and not _TO_AUTHORITY.match(clause) and not VERB_START.match(clause)


# 《中华人民共和国突发事件应对法》: a title names a document; its words (应对, 须知) are no cue of the sentence
_BOOK_TITLE = re.compile(r"《[^《》]{1,80}》")


def cue_outside_titles(text: str) -> bool:
    """Whether ``text`` has a duty cue outside the titles it cites and is no statement of significance (…是…的
    重要举措, …对…具有重要意义)."""
    return DUTY_CUE.search(_BOOK_TITLE.sub("《》", text)) is not None and not _significance(text) \
        and not _GUIDING_IDEA.match(text.strip())


def _main_cue(text: str, cue: re.Match[str]) -> bool:
    """Whether a cue governs a predicate, not a relative clause (由下级人民政府负责调查的事故) or the condition a
    sentence opens with (依照本条例规定应当由上级人民政府负责调查的，上级人民政府可以…)."""
    if _RELATIVE_AFTER_CUE.match(text, cue.end()):
        return False
    end = _CLAUSE_END.search(text, cue.end())
    clause = text[cue.end():end.start()] if end else text[cue.end():]
    return not (end is not None and end.group(0) in "，," and clause.endswith("的"))


# 禁止X / 在…期内，禁止…: a ban, as 严禁 and 不得 are (gold schema: a duty is an act someone must do or not do);
# 禁止性行为 and 明令禁止的物品 name a kind of act or thing, no ban of the sentence's own
_BAN = re.compile(r"禁止(?![的性])")
_RELATIVE_AFTER_CUE = re.compile(r"[\u4e00-\u9fa5]{1,2}的")
_CLAUSE_END = re.compile(r"[，,。；;：:]")


# 调度平台功能主要包括…等 / 智能体育产品。包括但不限于…: a text whose sentences say what a system, a function or a kind
# consists of, with no duty cue anywhere (…应包括…功能 is a duty: the cue decides), describes (gold README schema: purely
# descriptive text is no obligation); a capability sentence beside such a sentence (可基于…显示…, 能够…) describes too
_COMPOSITION_VERB = re.compile(r"包括|包含|涵盖")
_COMPOSITION = re.compile(r"^[^，,。；;：:]{0,40}?(?:主要|还|也|具体|一般|均)?(?:包括|包含|涵盖)(?!在内)")
_CAPABILITY = re.compile(r"^[^，,。；;：:]{0,20}?(?:并)?(?:能够|能|可)(?!以下)")
_NOUN_TITLE = re.compile(r"^[^，,。；;：:]{2,24}[。：:]")


def _describes_composition(text: str) -> bool:
    """Whether ``text`` (an item's body or a sentence) only says what something consists of: no duty cue anywhere, and
    after a noun title of its own (企业运营信息管理。, 1.车辆运行监控：) every sentence names parts (主要包括…) or a
    capability (可基于…, 能够…), at least one names parts."""
    body = _ITEM_NUMBER.sub("", text.strip())
    if DUTY_CUE.search(body):
        return False  # (第十九条 城镇应当制定消防规划。消防规划包括…: the duty is in the sentence before)
    title = _NOUN_TITLE.match(body)
    if title and not VERB_START.match(title.group(0)):
        body = body[title.end():]
    parts = _sentence_parts(body)
    return bool(parts) and any(_COMPOSITION.match(p) for p in parts) \
        and all(_COMPOSITION.match(p) or _CAPABILITY.match(p) for p in parts)


def states_duty(sentence: str, numbered: bool = False) -> bool:
    """Whether a sentence (or an item's text after its number) gives someone work to do."""
    text = _BOOK_TITLE.sub("《》", _DEFINED_TERM.sub("", sentence.strip()))
    if _words_under_four(text) or _FILE_NAME.search(text) or points_elsewhere(text):
        return False  # 《…法》《…办法》等: a list of the documents it rests on; 详见…: a pointer
    if _CLOSING_ACT.search(text):
        return True
    if _significance(text) or _GUIDING_IDEA.match(text):
        return False  # 持续推进…是践行…战略的重要举措，也是…的内在要求。: background; 要以…思想为指导，…: a guiding idea
    if NOT_A_TASK.search(text) or "其他" in text and CATCH_ALL.search(text) or _LIST_INTRO.search(text) and "之一的" not in text \
            or _PRINCIPLE.search(text) or "本" in text and _all_sentences(text, _COMPLY_ONLY) or text.startswith("附件") \
            or numbered and _TITLE_ONLY.match(text) \
            or _ACTIVITY_SUBJECT.match(text) and _all_sentences(text, _PRINCIPLE_WORD):
        return False
    if _LIST_INTRO.search(text) and not (DUTY_CUE.search(text) or _SANCTION.search(text)):
        return False  # 有下列情形之一的，不属于…范围：: the cases of a rule, not its work
    if _all_sentences(text, _LIABILITY) or numbered and _CONTENT_ITEM.search(text) and not DUTY_CUE.search(text) \
            and not _acts_on_a_state(text) \
            or _all_sentences(text, _PERSON_ANSWERS) and not _MODAL.search(text):
        return False
    if CONDITION.search(text) and not DUTY_CUE.search(text.split("，")[-1]):
        return False  # (一)违反本办法第十五条规定…的；: a case a sanction applies to
    if _DEFINITION.search(text) or _CONTENT_VERB.search(text) and _all_sentences(text, _DOCUMENT_CONTENT):
        return False
    if _COMPOSITION_VERB.search(text) and _describes_composition(text):
        return False  # 调度平台功能主要包括运营信息管理、…等: what a system consists of, no one's work
    if _all_sentences(text, _BARE_INVITATION):
        return False  # 鼓励保险企业…开展与突发事件应对相关的业务: a cue inside the act invited gives no one work
    if any(_main_cue(text, m) for m in DUTY_CUE.finditer(text)) \
            or "禁止" in text and any(_main_cue(text, m) for m in _BAN.finditer(text)):
        return True
    if _DESCRIPTIVE.search(text) or _REFERENCE.search(text) or numbered and _NEGATED_ACT.match(text):
        return False
    if numbered:  # a numbered item in a task section: an action verb anywhere
        acts = bool(VERB.search(text))
    elif PAST.search(text):
        return False  # 近年来…取得了明显成效: background
    else:
        acts = _agent_acts(text) or bool(VERB_START.match(_BASIS_PREFIX.sub("", _TIME_PREFIX.sub("", _main_clause(text))))) \
            or _BY_AGENT.search(text) is not None
    if not acts:
        return False
    head = _HEAD_SENTENCE.match(text) if numbered else None
    if head and head.group(0).endswith("。") and VERB_START.match(head.group(0)) and not _INVITATION.match(head.group(0)):
        return True  # （九）推行就业登记就近服务。失业人员可在居住地… (constructed): the heading states the duty (convention 5)
    body = text[head.end():] if head else text
    body = body if body.strip() else text
    return not (_all_sentences(body, _INVITATION) or _all_sentences(body, _PERMISSION, main=True)
                or _permitted_predicate(body))


def _permitted_predicate(text: str) -> bool:
    """Every sentence's predicate is a power: a clause opens with 可以 after its subject or condition
    (不可移动文物根据其…价值，可以依法确定为…; …发生明显改变的，可以依法予以升级); a sanction before it
    (给予警告，责令限期改正，可以并处…罚款) is a duty of whoever imposes it."""
    parts = [p for p in _SENTENCE_MARK.split(text) if len(p.strip()) > 3]
    return bool(parts) and all(not _SANCTION.search(p) and any(_PERMISSION.match(c.strip()) for c in CLAUSE.split(p))
                               for p in parts)


# 贷款贴息由各市财政承担, 托管费用…由政府、银行和企业共同负担: what is to be done, then 由 the one who does it
_BY_AGENT = re.compile(r"由(?<![理自缘经事]由)(?![于此来衷])[^，,。；;：:由]{2,16}?(?:" + VERB.pattern + r"|负担)")


def _agent_acts(text: str) -> bool:
    """A unit opens a clause and does something in it or the next (区应急局会同…对…进行检查, 由X…予以登记,
    X、Y等部门，按照职责共同做好…)."""
    clauses = [p.strip() for p in CLAUSE.split(text) if p.strip()]
    for i, clause in enumerate(clauses[:5]):
        agent = AGENT_START.match(clause)
        if agent and (VERB.search(clause, agent.end()) or i + 1 < len(clauses) and VERB.search(clauses[i + 1])):
            return True
    return False

