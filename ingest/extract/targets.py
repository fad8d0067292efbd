"""Quantified targets: value, unit, comparator and what they measure (达标率实现100%, 每年至少组织1次).

Rules over the masked text (dates, 文号 and titles blanked first): a comparator word (不少于, 不低于,
至少, 实现, 不超过, 最高 …) or a measure noun before a number with a counting unit, or a percentage.
The unit is kept as written with its magnitude (8万台, 1.2亿千瓦, 15万元); a range (600—3000元) gives
a lower and an upper bound. A frequency (每年, 每半年, 每季度 …) stays in the target's text and
measure; written without a count (每月组织研判会商) it is a target of one time per period. Money is
a target where the text pays or caps it (奖励3万元, 最高不超过30万元), not where it only sizes a scope.
Chinese numerals (一次, 十五人) are read by a small converter; 一批 and 进一步 are not numbers.

This module reads a text match by match (``extract_targets``): it decides each match's value, unit,
comparator, measure and span, drops the matches that are no targets, adds the targets of other forms and
keeps one of each repeat. The parts it decides from live beside it: numbers, units and comparators
(``target_numbers``), the vocabulary that rules a number out (``non_targets``), ranges, shared comparators,
fractions, ratios and counts without a number (``target_forms``), counts that are words (a count after 等 restating
a list, 一次 "at one go", 一个 "a": ``target_words``). Callers keep importing from this module.

Gold README (tests/gold/obligations/README.md): the schema's ``targets`` field and target convention 6
(comparators, ranges, number words, repeats: the same words twice in one sentence are one target, the
members of a list are each one).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.deadlines import mask
from policykg.ingest.extract.non_targets import (
    _ACT_TIME,
    _CAP_AFTER,
    _CLASS_OF,
    _CONSISTS,
    _CRITERION_END,
    _CRITERION_HEAD,
    _FINE_AFTER,
    _GRANTS,
    _MAKES,
    _MONEY,
    _NEED_CMP_UNITS,
    _NOT_AFTER,
    _PAID_AFTER,
    _PAYS,
    _PER_COUNT,
    _PER_UNIT,
    _REFERENCE,
    _SANCTION_CLAUSE,
    _SELECTS,
    _STATUS_LEAD,
    _WHEN,
)
from policykg.ingest.extract.scan import finditer_near
from policykg.ingest.extract.target_context import Marks, reports_what_is
from policykg.ingest.extract.target_eligibility import qualifies_recipient
from policykg.ingest.extract.target_forms import (
    _bare_counts,
    _fractions,
    _joined_ranges,
    _rate_values,
    _ratios,
    _shared_comparators,
)
from policykg.ingest.extract.target_numbers import (
    _CORE,
    _DATE_OR_TIME,
    _FREQUENCY,
    _INNER_CMP,
    _LENGTH,
    _LENGTH_AFTER_CMP,
    _LENGTH_NAMED,
    _NEGATED,
    _PATTERN,
    _STOP_MEASURE,
    _comparator,
    cn_to_number,
)
from policykg.ingest.extract.target_scales import scale_targets
from policykg.ingest.extract.target_wordless import wordless_counts
from policykg.ingest.extract.target_words import at_one_go, per_each, restates_list
from policykg.ingest.extract.text_marks import (
    search_at_end,
    search_slice_end,
    strip_end,
)
from policykg.ingest.model import Span, Target

__all__ = ["cn_to_number", "extract_targets"]


def extract_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Every quantified target in ``text``; spans are shifted by ``offset``."""
    masked = mask(text)
    # dates and clock times are deadlines, not targets: blank them so 12月 or 20时 never read as counts
    masked = _DATE_OR_TIME.sub(lambda m: m.group(0) if _LENGTH.fullmatch(m.group(0))
                               and search_at_end(_LENGTH_AFTER_CMP, masked, m.start()) else "□" * len(m.group(0)), masked)
    out: list[Target] = []
    # where quotations open and close, clauses and sentences end, found once: reading the text before each
    # number again (counting, rfind, a search from 0) was quadratic on a long line
    marks = Marks(masked)
    for m in finditer_near(_PATTERN, _CORE, masked, 12):
        num, unit, cmp = m.group("num"), m.group("unit"), m.group("cmp")
        value = cn_to_number(num)
        if value is None or _NOT_AFTER.match(masked[m.end():m.end() + 2]) or masked[m.start("num") - 1:
                                                                                    m.start("num")] == "第":
            continue
        if num in ("万", "千", "百", "零", "〇") or unit == "人" and _WORD_AFTER_REN.match(masked, m.end()):
            continue  # 零件, 零部件: a word, no zero; 5.7 人工智能: 人 opens a word, no count of people
        if num in ("万", "千", "百"):
            continue  # 超万家, 千家企业: a magnitude without a count, read by _bare_counts (1 万家)
        if unit == "类" and search_at_end(_CLASS_OF, masked, m.start("num")) is not None:
            continue  # 按照2类标准执行, 属于3类地区: a class's name, no count of kinds
        if masked[m.start("num") - 1:m.start("num")] == "前" and unit in ("名", "位") \
                or unit == "轮" and masked[m.end():m.end() + 1] in ("车", "胎"):
            continue  # 进入世界前200名 is a rank; 电动三轮车 a vehicle
        lead = marks.clause_start(m.start()), m.start("num")  # (the clause before the number, searched where it stands)
        if marks.has(_SANCTION_CLAUSE, *lead) or _FINE_AFTER.match(masked, m.end()) or _reports_status(masked, *lead, marks):
            continue  # a penalty's range, or a count of what is
        if reports_what_is(masked, m.start("num"), m.end(), marks):
            continue  # 已覆盖45个, 截至…底，…达231.2万个, 达2150亿元，同比增长…: a report of what is
        if _refers(masked, m.start("num")) or unit == "所" and masked[m.end():m.end() + 1] == "示":
            continue  # 如图6所示, 见表2: a figure or table, not a count
        is_cn = not num[0].isdigit()
        if is_cn and (masked[m.start("num") - 1:m.start("num")] in ("“", "\"", "「")
                      or marks.quote_opens.count_before(m.start("num")) > marks.quote_closes.count_before(m.start("num"))):
            continue  # “百名消防指挥长”, “四个意识”: a name or slogan, not a quantity
        # 每年组织实施100项…, 每年实施一期…: a count done each period is a target without a comparator
        periodic = marks.has(_FREQUENCY, marks.clause_start(m.start("num")), m.start("num"))
        if is_cn and unit in ("日", "天", "期", "项", "条") and not cmp and not (periodic and unit in ("期", "项", "条")):
            continue
        inner = _INNER_CMP.search(m.group("measure"))
        if inner and not cmp:  # 至少组织召开1次: the comparator stands before the verb
            cmp = inner.group(0)
        tail = m.group("tail")
        clause_end = marks.clause_ends.first_from(m.end())  # (the clause after the number: masked[m.end():clause_end])
        made = search_at_end(_MAKES, masked, m.start("cmp") if m.group("cmp") else m.start("num")) is not None
        if clause_end > m.end() and masked[clause_end - 1] == "的" \
                or tail in ("以上", "及以上", "以下", "及以下") and masked[m.end():m.end() + 1] == "的" and not made \
                or search_slice_end(_CRITERION_END, masked, m.end(), clause_end) and not made:
            continue  # 住宿人员达到10人及以上的自建房, 超过预算金额5%的，, 15%(含)以上…的企业: a criterion, not a target
            # (建成20个以上的分领域大脑: after a verb of making the count is what the measure makes, a target)
        if (cmp and cmp not in ("达到", "达", "实现", "保持") or tail in ("以上", "及以上", "以下", "及以下", "以内")) \
                and qualifies_recipient(masked, m.end()):
            continue  # 对…500万元及以下、…不超过1%的担保业务给予补贴: who qualifies for the grant, not a target
        if (cmp or tail) and not made and _WHEN.match(masked, m.end()):
            continue  # 施工高度超过二十四米时，…: the condition a duty applies under
        if unit in _MONEY and (tail or cmp in ("突破", "超", "超过")) and (
                _CRITERION_HEAD.match(masked, m.end()) or _SELECTS.match(masked, m.end())):
            continue  # 投资500万元以上重点技改项目, 100万元以下(不含100万元)的小型建设工程, 收入突破100亿元的企业:
            # the size that selects
        if unit in ("分钟", "小时", "天", "日", "周", "个月", "年") and search_at_end(_ACT_TIME, masked, m.start("num")):
            continue  # 每级上报的时间不得超过2小时, 考核时间120分钟: the time an act may take, not a target
        if unit in ("分钟", "小时", "天", "日", "周", "个月", "年") and _WITHIN.match(masked, m.end()):
            continue  # 25分钟内: a time limit, read as a deadline
        # the clause before the comparator (or the number), and with the comparator (masked[cs:bend], [cs:cmp_end])
        before = marks.clause_start(m.start("num")), m.start("cmp") if cmp and m.group("cmp") else m.start("num")
        written_unit = (m.group("mag") or "") + unit
        if unit in ("平方米", "米", "公里") and not m.group("cmp"):
            continue  # 5万平方米以上 defines a kind of site; a size is a target only after 不少于/达到
        if unit in _MONEY and not (cmp or tail or m.group("num2")) and search_at_end(_PAYS, masked, strip_end(masked, m.start("num"))) is None \
                and not _PAID_AFTER.match(masked, m.end()) and not marks.has(_GRANTS, *before) and not marks.has(_PER_UNIT, *before):
            continue  # 建设费用以10万元计: an estimate, not a target
        if unit in _MONEY and re.match(r"计(?!算)", masked[m.end():m.end() + 2]):
            continue  # 建设费用以10万元计: an estimate, whatever it is per
        if unit in _MONEY and _FINE_NEAR.match(masked, m.end()):
            continue  # 并处500元以上5000元以下罚款: a sanction's range, not a target
        granted = m.group("num2") is not None and (_GRANTED_AFTER.match(masked, m.end()) is not None or search_at_end(
            _GRANTED_BEFORE, masked, strip_end(masked, m.start("num"))) is not None)
        named_length = unit in ("天", "日", "周", "个月", "年") and search_at_end(_LENGTH_NAMED, masked, m.start("num")) is not None
        if unit in _NEED_CMP_UNITS - _MONEY and not cmp and not tail and not granted and not named_length \
                and not (periodic and unit in ("期", "项", "条")) and not (
                unit == "小时" and re.match(r"(?:专人|全天|不间断)?(?:值班|值守|备勤|在岗|监控|运行|开放|服务|响应)",
                                          masked[m.end():m.end() + 4])):
            continue  # 5分钟, 3年: a size or a definition, not a target, unless a comparator says so (24小时值班 is)
        if unit in ("人", "名", "户") and re.match(r"\s*(?:奖励|补贴|补助|给予)", masked[m.end():m.end() + 3]):
            continue  # 每查实1人奖励3万元: the count the reward is paid for, not a target
        if unit not in _MONEY and _PER_COUNT.search(masked, marks.clause_start(m.start("num")), m.start("num")):
            continue  # 每认定1家高新技术企业，奖励…: the count a rate is paid per, not a target
        each = is_cn and num == "一" and not cmp and per_each(masked, lead[0], m.start("num"), marks)
        if is_cn and num == "一" and not cmp and (unit not in ("次", "轮", "人", "名", "支") and not periodic and not each
                                                  or masked[m.start("num") - 1:m.start("num")] in ("新", "上", "下", "这")):
            continue  # 新一轮, 上一次: which round, not how many
        if is_cn and num == "一" and unit == "次" and cmp in (None, "达到", "达", "实现") and at_one_go(masked, m, marks):
            continue  # 实现数据同源、一次认证, 达到一次投入: 一次 is the manner "at one go", no count of acts
        if is_cn and num == "一" and unit == "支" and not cmp and _QUALITY_AFTER.match(masked, m.end()):
            continue  # 形成一支国际一流的…队伍: the team's quality is the commitment, 一支 only "a" (组建一支…队伍 counts)
        after = masked[m.end():m.end() + 3]
        if unit == "个" and (re.match(r"工作日|月|小时|星期|百分点|方面", after) or is_cn and not cmp and not each):
            continue  # 5个工作日内 is a deadline; 两个市场, 十个方面: words, not quantities
        if unit == "位" and not _PERSONS_AFTER.match(masked, m.end()):
            continue  # 16位浮点, 五位数代码, 排名从78位: 位 counts people only before the people it counts (100位左右人才)
        if unit == "次" and is_cn and (re.match(r"[污供事灾伤生元方开]", after)
                                       or num == "二" and not cmp and re.match(r"[\u4e00-\u9fff]", after)):
            continue  # 二次污染, 二次供水, 二次回路, 二次加工: an adjective (a count of two is written 两次)
        if _ends_with(masked, m.start("num"), "等") and not cmp and marks.has(_CONSISTS, *lead):
            continue  # 主要包括检测要求、检测方法等3个部分: the members listed, counted
        if _ends_with(masked, m.start("num"), "等") and not cmp and restates_list(masked, lead[0], m.start("num"), marks):
            continue  # 发挥A、B等7个开发区的带动作用, 国家开发银行等9家银行重点向…: the members named, counted
        if masked[m.start("num") - 1:m.start("num")] == "届":
            continue  # 十一届十二次全体会议: which session, not how many
        measure = _STOP_MEASURE.sub("", m.group("measure")).strip("“”\" ")
        if inner:
            measure = measure.split(inner.group(0))[-1]
        start = m.start("cmp") if m.group("cmp") else m.start("num")
        if inner:
            start = m.start("measure") + inner.start()
        elif measure and not cmp:
            start = m.end("measure") - len(measure)
        freq = marks.search.first(_FREQUENCY, marks.clause_start(start), start)
        if freq >= 0:  # 每半年召开1次: the frequency is part of what is counted
            start = freq
            measure = masked[freq:m.start("num")].rstrip("□ ")
        negated = search_slice_end(_NEGATED, masked, before[0], m.end("cmp") if m.group("cmp") else m.start("num"))
        if unit in _MONEY and not cmp and _CAP_AFTER.match(masked, m.end()):
            cmp = "最高"  # 按每户每年9600元为限额: a cap
        unit_out = "%" if written_unit == "％" else written_unit
        rule = "target:" + ("cmp" if cmp else "periodic" if periodic and unit in ("期", "项", "条") and not tail else "count")
        if m.group("num2"):  # a range is one target (gold target convention 6): 布局1—2家 commits to at least
            # the first; 给予600—3000元奖励, an amount to be paid, is limited by the second, as is any range a measure
            # grants (合同额的5—10%给予奖励, 可申请延期1—2个月): what is paid or allowed is capped
            paid = unit in _MONEY or granted
            out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()),
                              float(m.group("num2")) if paid else value, unit_out, "<=" if paid else ">=",
                              measure, rule="target:range"))
            continue
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit_out,
                          _comparator(cmp, tail, negated), measure, rule=rule))  # type: ignore[arg-type]
    out = _joined_ranges(_shared_comparators(out, masked, offset), text, masked, offset)
    out += _bare_counts(text, masked, offset, out, marks.clause_starts, marks.quote_opens, marks.quote_closes, marks.search)
    out += _fractions(text, masked, offset, marks.clause_starts, marks.search)
    out += _ratios(text, masked, offset)
    out += _rate_values(text, masked, offset, marks.clause_starts, marks.search)
    out += wordless_counts(text, masked, offset, out, marks)
    out += scale_targets(text, masked, offset)  # 千亿级产业集群 (gold target convention 11)
    # the same words twice in one text are one fact (支付至审定价的97% … 支付至审定价的97%), but not the members of a
    # list: 分别奖励200万元、100万元；…分别奖励200万元、100万元 pays four things (gold target convention 6)
    unique: dict[tuple, Target] = {}
    for t in out:
        member = _IN_LIST.match(masked, t.span.end - offset) is not None \
            or _ends_with(masked, t.span.start - offset, "、")
        sentence = marks.sentence_ends.count_before(t.span.start - offset)
        unique.setdefault((t.text, t.value, t.unit, t.comparator, t.span.start if member else sentence), t)
    return tuple(sorted(unique.values(), key=lambda t: t.span.start))



_WITHIN = re.compile(r"\s*(?:之|以)?内")
_FINE_NEAR = re.compile(r"[^，。；]{0,12}(?:罚款|罚金)")
_QUALITY_AFTER = re.compile(r"[^，。；]{1,30}的")


_PERSONS_AFTER = re.compile(r"(?:左右|以上|及以上)?[^，,。；;、\d]{0,10}?(?:人才|专家|学者|院士|教授|人员|代表|老人|志愿者|讲师|导师|工匠|博士|"
                            r"医生|干部|委员|同志|领军者|科学家|企业家|工程师)")
_WORD_AFTER_REN = re.compile(r"工|才|民|口|员|身|脸|文|类|力|群|均|体|格|权|事|情|际|大|信")


def _ends_with(masked: str, pos: int, ch: str) -> bool:
    """``masked[:pos].rstrip().endswith(ch)``, reading back only over the spaces."""
    j = strip_end(masked, pos)
    return j > 0 and masked[j - 1] == ch


# a range a measure grants: paid (…的5—10%给予奖励, 按1—2倍奖补) or allowed (可申请延期1—2个月, 准予延长3—6个月). An
# extension is allowed only where 可/申请/准予 stand before its verb; one the text commits to (开放时间延长1—2小时) is
# done, at least its lower bound, as any range committed to
_GRANTED_AFTER = re.compile(r"\s*(?:的)?\s*(?:给予|予以)?\s*(?:奖励|补贴|补助|资助|奖补)")
_GRANTED_BEFORE = re.compile(r"(?:(?:可|申请|准予)(?:延期|延长|顺延|缓缴)|给予|奖励|补贴|补助|资助)$")


# the status words read as words: 截止 before 日/时间/日期/期限 names a deadline (受理截止日不少于84天), 发生 after 新 what
# will newly arise (新发生融资担保业务的费率不超过1%); neither reports what is, as 截止2022年底 and 发生火灾3起 do
_STATUS_COMPOUND = re.compile(r"截止(?=日|时间|日期|期限)|(?<=新)发生")


def _reports_status(masked: str, start: int, end: int, marks: Marks) -> bool:
    """Whether the clause ``masked[start:end]`` before a number holds a status word (现有, 截至, 发生 …) that is no part
    of a compound naming something else; a clause over 400 characters is not read word by word (as before)."""
    if not marks.has(_STATUS_LEAD, start, end):
        return False
    return end - start > 400 or any(_STATUS_COMPOUND.match(masked, h.start()) is None
                                    for h in _STATUS_LEAD.finditer(masked, start, end))


def _refers(masked: str, num: int) -> bool:
    """Whether the number at ``num`` follows 如图/见表/附件 (spaces between): only the few characters before it are
    read, so a long line costs no more per number."""
    end = num
    while end and masked[end - 1].isspace():
        end -= 1
    return _REFERENCE.search(masked, max(0, end - 3), num) is not None


# a list member: a 、 after the target, past a bracket that follows it or one that closes around it (推荐函（纸质，一式6份）、
# 推荐项目清单（纸质，一式6份）: two documents' copies, two targets)
_IN_LIST = re.compile(r"\s*[）)]?\s*(?:[（(][^（）()]{0,10}[）)])?\s*、")
