"""Quantified targets: value, unit, comparator and what they measure (达标率实现100%, 每年至少组织1次).

Rules over the masked text (dates, 文号 and titles blanked first): a comparator word (不少于, 不低于,
至少, 实现, 不超过, 最高 …) or a measure noun before a number with a counting unit, or a percentage.
The unit is kept as written with its magnitude (8万台, 1.2亿千瓦, 15万元); a range (600—3000元) gives
a lower and an upper bound. A frequency (每年, 每半年, 每季度 …) stays in the target's text and
measure; written without a count (每月组织研判会商) it is a target of one time per period. Money is
a target where the text pays or caps it (奖励3万元, 最高不超过30万元), not where it only sizes a scope.
Chinese numerals (一次, 十五人) are read by a small converter; 一批 and 进一步 are not numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.ingest.extract.deadlines import mask
from policykg.ingest.extract.scan import finditer_near
from policykg.ingest.model import Span, Target

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_UNITS = ("课时|学时|小时|分钟|人次|人|名|次|个月|个|家|处|支|座|所|辆|台|套|场|轮|户|栋|幢|批次|项|条|期|天|日|周|年|"
          "千瓦时|千瓦|吨|公顷|亩|万元|亿元|元|平方米|毫米|厘米|米|公里|MPa|兆帕|Gbps|Mbps|本|件|种|款|%|％")
_GE = ("不应少于", "不应低于", "不宜少于", "不宜低于", "不少于", "不低于", "至少", "不小于", "以上", "及以上", "超过", "≥", "不得少于", "不得低于",
       "最低", "最少", "突破", "超")
_LE = ("不应超过", "不应高于", "不宜超过", "不宜高于", "不超过", "不高于", "不多于", "以内", "以下", "及以下", "控制在", "低于", "≤", "不得超过", "不得高于", "最高", "最多")
# 突破1000亿元, 超500亿元: passing a mark is at least it (gold target convention 6)
_CMP = ("不得超过|不得高于|不得少于|不得低于|不[应宜](?:超过|高于|少于|低于)|不少于|不低于|不小于|至少|不超过|不高于|不多于|控制在|超过|突破|"
        "超(?=\\s*\\d)|达到|实现|达|低于|保持|最高|最低|最多|最少|≥|≤")
_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{1,6})"
# a number right after 每 is the period or base a count is per (至少每两小时1次, 每100平方米), never a count
_PATTERN = re.compile(
    r"(?P<measure>[\u4e00-\u9fa5A-Za-z“”\"]{0,12}?)(?P<cmp>" + _CMP + r")?\s*(?<!每)(?P<num>" + _NUM + r")\s*"
    r"(?:(?P<upto>[—\-~～－至到])\s*(?P<num2>\d+(?:\.\d+)?)\s*)?"
    r"(?P<mag>万(?=[^元])|亿(?=[^元]))?(?P<unit>" + _UNITS + r")(?P<tail>及以上|以上|以下|以内|及以下|左右)?")
# The part of _PATTERN after its measure: a target exists only where this matches, and a match of
# _PATTERN starts at most 12 characters (the longest measure) before the first place it does.
_CORE = re.compile(r"(?:" + _CMP + r")?\s*(?:" + _NUM + r")\s*(?:[—\-~～－至到]\s*\d+(?:\.\d+)?\s*)?[万亿]?(?:" + _UNITS + r")")
# 1年 is a date unless it is a length (参保1年以上); 12月, 20时 are dates and times
_DATE_OR_TIME = re.compile(r"\d{1,4}\s*(?:年(?!以上|以下|以内|及以上)|[月日号时])(?:底|末|前|内)?")
# 缓缴期限不超过1年, 最长不超过2年: a number of years after a comparator is a length, not a date
_LENGTH_AFTER_CMP = re.compile(r"(?:不超过|不得超过|不少于|不低于|至少|最长|最短|超过|满)\s*$")
_LENGTH = re.compile(r"\d{1,2}\s*年")
# a count word that is not a quantity: 一批 / 一律 / 一把手 are not listed as units; these guard 一次性.
_NOT_AFTER = re.compile(r"^(?:性|级|类|线|体|期间)")
_STOP_MEASURE = re.compile(r".*[在于对将把的和与及、]")
_INNER_CMP = re.compile("不[应宜](?:超过|高于|少于|低于)|不得超过|不得低于|不得少于|不少于|不低于|至少|不超过|不高于|最低|最高|最多|最少")
# 种/款 count kinds and models only where a bound says how many (突破50种以上, 推出100款以上, 不少于3种);
# bare, they name a whole (两种资源, 三种模式)
_NEED_CMP_UNITS = {"MPa", "兆帕", "平方米", "米", "公里", "天", "日", "周", "小时", "元", "万元", "亿元", "条", "期", "项",
                   "年", "个月", "毫米", "厘米", "公顷", "亩", "吨", "种", "款"}
_MONEY = {"元", "万元", "亿元"}
# money is a target where it is paid, granted, capped or spent (奖励3万元, 完成4000亿元投资)
_PAYS = re.compile(r"(?:奖励|补贴|补助|资助|支付|发放|给予|投资|投入|完成|安排|按|每[人户家个])$")
# money paid: 给予举报人2000元人民币奖励 (the grant before, or the reward named after the sum)
_PAID_AFTER = re.compile(r"(?:人民币)?的?(?:奖励|奖金|补贴|补助|资助)")
_GRANTS = re.compile(r"给予|奖励|补贴|补助|资助")
# 每压1万锭安排…贷款200万元, 按每户每年9600元: an amount set per unit is a rate the text fixes
_CAP_AFTER = re.compile(r"(?:为限额|为上限|为限|封顶)")
# 每认定1家, 每引进1名: 每 and an act right before a count make it the unit a rate is paid per (not 每年培育10个: a
# period, nor 每个街道至少建成1个: a share)
_PER_COUNT = re.compile(r"每(?![年月季周日天半学旬班个家户人名处所位张台套件次一二两三四五六七八九十百千万\d])"
                        r"[\u4e00-\u9fff]{1,4}$")
_PER_UNIT = re.compile(r"每(?!年|月|季|周|日|天|半年)[^，。；]{1,12}")
# what a number selects rather than sets: …的企业 / …的项目 at the clause's end, a project sized by money
# a count that a verb of making takes as its object (培育20家…突出的领军企业, 建设50家以上…的头部企业): the number
# counts the head noun the plan makes, however long its 的-phrase; no criterion selects by it
_MAKES = re.compile(r"(?:培育|建设|打造|建成|形成|创建|遴选|认定|布局|组建|新增|引进|推出|树立|选树|培养|集聚|建立)\s*$")
_CRITERION_END = re.compile(r"的[\u4e00-\u9fff]{0,4}(?:企业|单位|项目|工程|场所|人员|建筑|车辆|设备|家庭|户|群体|对象|事故|情形|案件)$")
# a penalty's measure (责令停止执业3个月以上1年以下, 5年以内不予注册, 不得给予两次以上罚款): what a sanction
# imposes on a wrongdoer, not a target anyone works to
_SANCTION_CLAUSE = re.compile(r"责令|吊销|停止执业|停业整顿|不予注册|拘留|处分")
_FINE_AFTER = re.compile(r"[^，。；]{0,12}?(?:罚款|罚金)")
# a count that reports what is or was (现有高层建筑1200栋, 已建成充电桩300个, 死亡3人, 截至…): a status, not a target
_STATUS_LEAD = re.compile(r"现有|已(?:经)?(?:建成|完成|达到|累计|有|形成|实现|培育|认定)|共有|截至|截止|目前|近年来|发生|死亡|受伤|"
                          r"造成|同比|比上年|较上年")
# 前200名: a rank, not a count; 三轮车: the unit is part of a word
_SELECTS = re.compile(r"[^，。；]{0,20}?的[\u4e00-\u9fff]{0,6}(?:企业|单位|项目|工程|场所|建筑|车辆|设备)")
_CRITERION_HEAD = re.compile(r"(?:[（(]含[）)])?[\u4e00-\u9fff]{0,8}?(?:项目|工程|企业|单位)")
_NEGATED = re.compile(r"(?:禁止|严禁|不得|不准)[^，。；]{0,12}$")
_FREQUENCY = re.compile(r"每(?:年|半年|季度|季|月|周|旬|学期|学年|天|日|班|[两三四五六七八九十\d]{1,2}(?:年|个月|周|天|小时))")
_FREQ_CLAUSE = re.compile(_FREQUENCY.pattern + r"(?!\s*(?:[\d一二三四五六七八九十]{1,2}月|底|末|度|年|月|\d|□))"
                          r"(?P<rest>[^，。；;：:（(]{2,24})")
# (not after 余/多/几/数, which end a number: 680余万个, 8400多万人次; nor a rate's base: 每万人, 万人发明专利拥有量)
_BARE_WAN = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万.余多几数每])(?P<mag>[万千])(?P<unit>项|企|户|家|人|台|个)"
                       r"(?![口均次]|[^，。；;、]{0,6}拥有)")
# 超万亿元, 过千亿: a number word before a unit of magnitude is one of that unit, passed (convention 6)
_BARE_MAGNITUDE = re.compile(r"(?:超过|超|过|逾|突破)(?P<mag>[万千百])(?P<unit>亿元|亿|万元)")


def cn_to_number(s: str) -> float | None:
    """A number written in digits or Chinese numerals (十五 -> 15, 一百二十 -> 120)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if re.fullmatch(r"\d+(?:\.\d+)?万", s):
        return float(s[:-1]) * 10000
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            u = _UNIT[ch]
            if u == 10000:
                total = (total + section + (digit or 0)) * u
                section, digit = 0, None
            else:
                section += (digit if digit is not None else 1) * u
                digit = None
        else:
            return None
    return float(total + section + (digit or 0))


def _comparator(cmp: str | None, tail: str | None, negated: bool = False) -> str:
    if negated and cmp in ("低于", "少于", "小于"):
        return ">="  # 禁止…低于0.01毫米: at least
    if negated and cmp in ("超过", "高于", "多于"):
        return "<="
    if tail and tail in _GE or cmp in _GE:
        return ">="
    if tail and tail in _LE or cmp in _LE:
        return "<=" if cmp != "低于" else "<"
    return "="


def _clause_start(masked: str, pos: int) -> int:
    return max((masked.rfind(c, 0, pos) for c in "，。；;：:"), default=-1) + 1


def extract_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Every quantified target in ``text``; spans are shifted by ``offset``."""
    masked = mask(text)
    # dates and clock times are deadlines, not targets: blank them so 12月 or 20时 never read as counts
    masked = _DATE_OR_TIME.sub(lambda m: m.group(0) if _LENGTH.fullmatch(m.group(0))
                               and _LENGTH_AFTER_CMP.search(masked, 0, m.start()) else "□" * len(m.group(0)), masked)
    out: list[Target] = []
    for m in finditer_near(_PATTERN, _CORE, masked, 12):
        num, unit, cmp = m.group("num"), m.group("unit"), m.group("cmp")
        value = cn_to_number(num)
        if value is None or _NOT_AFTER.match(masked[m.end():m.end() + 2]) or masked[m.start("num") - 1:
                                                                                    m.start("num")] == "第":
            continue
        if num in ("万", "千", "百"):
            continue  # 超万家, 千家企业: a magnitude without a count, read by _bare_counts (1 万家)
        if masked[m.start("num") - 1:m.start("num")] == "前" and unit in ("名", "位") \
                or unit == "轮" and masked[m.end():m.end() + 1] in ("车", "胎"):
            continue  # 进入世界前200名 is a rank; 电动三轮车 a vehicle
        lead = masked[_clause_start(masked, m.start()):m.start("num")]
        if _SANCTION_CLAUSE.search(lead) or _FINE_AFTER.match(masked, m.end()) or _STATUS_LEAD.search(lead):
            continue  # a penalty's range, or a count of what is
        is_cn = not num[0].isdigit()
        if is_cn and masked[m.start("num") - 1:m.start("num")] in ("“", "\"", "「"):
            continue  # “百名消防指挥长”, “四个意识”: a name or slogan, not a quantity
        # 每年组织实施100项…, 每年实施一期…: a count done each period is a target without a comparator
        periodic = _FREQUENCY.search(masked, _clause_start(masked, m.start("num")), m.start("num")) is not None
        if is_cn and unit in ("日", "天", "期", "项", "条") and not cmp and not (periodic and unit in ("期", "项", "条")):
            continue
        inner = _INNER_CMP.search(m.group("measure"))
        if inner and not cmp:  # 至少组织召开1次: the comparator stands before the verb
            cmp = inner.group(0)
        tail = m.group("tail")
        clause = re.split(r"[，,；;。：:]", masked[m.end():], maxsplit=1)[0]
        made = _MAKES.search(masked, 0, m.start("cmp") if m.group("cmp") else m.start("num")) is not None
        if clause.endswith("的") or tail in ("以上", "及以上", "以下", "及以下") and masked[m.end():m.end() + 1] == "的" \
                or _CRITERION_END.search(clause) and not made:
            continue  # 住宿人员达到10人及以上的自建房, 超过预算金额5%的，, 15%(含)以上…的企业: a criterion, not a target
        if unit in _MONEY and (tail or cmp in ("突破", "超", "超过")) and (
                _CRITERION_HEAD.match(masked, m.end()) or _SELECTS.match(masked, m.end())):
            continue  # 投资500万元以上重点技改项目, 100万元以下(不含100万元)的小型建设工程, 收入突破100亿元的企业:
            # the size that selects
        if unit in ("分钟", "小时", "天", "日", "周", "个月", "年") and re.match(r"\s*(?:之|以)?内", masked[m.end():]):
            continue  # 25分钟内: a time limit, read as a deadline
        before = masked[_clause_start(masked, m.start("num")):m.start("cmp") if cmp and m.group("cmp") else
                        m.start("num")]
        written_unit = (m.group("mag") or "") + unit
        if unit in ("平方米", "米", "公里") and not m.group("cmp"):
            continue  # 5万平方米以上 defines a kind of site; a size is a target only after 不少于/达到
        if unit in _MONEY and not (cmp or tail or m.group("num2")) and _PAYS.search(masked[:m.start("num")].rstrip()) is None \
                and not _PAID_AFTER.match(masked, m.end()) and not _GRANTS.search(before) and not _PER_UNIT.search(before):
            continue  # 建设费用以10万元计: an estimate, not a target
        if unit in _MONEY and re.match(r"计(?!算)", masked[m.end():m.end() + 2]):
            continue  # 建设费用以10万元计: an estimate, whatever it is per
        if unit in _MONEY and re.match(r"[^，。；]{0,12}(?:罚款|罚金)", masked[m.end():]):
            continue  # 并处500元以上5000元以下罚款: a sanction's range, not a target
        if unit in _NEED_CMP_UNITS - _MONEY and not cmp and not tail and not (periodic and unit in ("期", "项", "条")) and not (
                unit == "小时" and re.match(r"(?:专人|全天|不间断)?(?:值班|值守|备勤|在岗|监控|运行|开放|服务|响应)",
                                          masked[m.end():m.end() + 4])):
            continue  # 5分钟, 3年: a size or a definition, not a target, unless a comparator says so (24小时值班 is)
        if unit in ("人", "名", "户") and re.match(r"\s*(?:奖励|补贴|补助|给予)", masked[m.end():m.end() + 3]):
            continue  # 每查实1人奖励3万元: the count the reward is paid for, not a target
        if unit not in _MONEY and _PER_COUNT.search(masked, _clause_start(masked, m.start("num")), m.start("num")):
            continue  # 每认定1家高新技术企业，奖励…: the count a rate is paid per, not a target
        if is_cn and num == "一" and not cmp and (unit not in ("次", "轮", "人", "名", "支") and not periodic
                                                  or masked[m.start("num") - 1:m.start("num")] in ("新", "上", "下", "这")):
            continue  # 新一轮, 上一次: which round, not how many
        if is_cn and num == "一" and unit == "支" and not cmp and re.match(r"[^，。；]{1,30}的", masked[m.end():]):
            continue  # 形成一支国际一流的…队伍: the team's quality is the commitment, 一支 only "a" (组建一支…队伍 counts)
        after = masked[m.end():m.end() + 3]
        if unit == "个" and (re.match(r"工作日|月|小时|星期|百分点|方面", after) or is_cn and not cmp):
            continue  # 5个工作日内 is a deadline; 两个市场, 十个方面: words, not quantities
        if unit == "次" and is_cn and re.match(r"[污供事灾伤生元方]", after):
            continue  # 二次污染, 二次供水: an adjective
        measure = _STOP_MEASURE.sub("", m.group("measure")).strip("“”\" ")
        if inner:
            measure = measure.split(inner.group(0))[-1]
        start = m.start("cmp") if m.group("cmp") else m.start("num")
        if inner:
            start = m.start("measure") + inner.start()
        elif measure and not cmp:
            start = m.end("measure") - len(measure)
        freq = _FREQUENCY.search(masked, _clause_start(masked, start), start)
        if freq is not None:  # 每半年召开1次: the frequency is part of what is counted
            start = freq.start()
            measure = masked[freq.start():m.start("num")].rstrip("□ ")
        negated = bool(_NEGATED.search(before + (m.group("cmp") or "")))
        if unit in _MONEY and not cmp and _CAP_AFTER.match(masked, m.end()):
            cmp = "最高"  # 按每户每年9600元为限额: a cap
        unit_out = "%" if written_unit == "％" else written_unit
        rule = "target:" + ("cmp" if cmp else "periodic" if periodic and unit in ("期", "项", "条") and not tail else "count")
        if m.group("num2"):  # a range is one target (gold target convention 6): 布局1—2家 commits to at least
            # the first; 给予600—3000元奖励, an amount to be paid, is limited by the second
            paid = unit in _MONEY
            out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()),
                              float(m.group("num2")) if paid else value, unit_out, "<=" if paid else ">=",
                              measure, rule="target:range"))
            continue
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit_out,
                          _comparator(cmp, tail, negated), measure, rule=rule))  # type: ignore[arg-type]
    out = _joined_ranges(_shared_comparators(out, masked, offset), text, masked, offset)
    out += _bare_counts(text, masked, offset, out)
    out += _fractions(text, masked, offset)
    out += _ratios(text, masked, offset)
    # the same words twice in one text are one fact (支付至审定价的97% … 支付至审定价的97%), but not the members of a
    # list: 分别奖励200万元、100万元；…分别奖励200万元、100万元 pays four things (gold target convention 6)
    unique: dict[tuple, Target] = {}
    for t in out:
        member = _IN_LIST.match(masked, t.span.end - offset) is not None \
            or masked[:t.span.start - offset].rstrip().endswith("、")
        sentence = len(_SENTENCE_END.findall(masked, 0, t.span.start - offset))
        unique.setdefault((t.text, t.value, t.unit, t.comparator, t.span.start if member else sentence), t)
    return tuple(sorted(unique.values(), key=lambda t: t.span.start))


# what joins the members of a list of amounts (最高500万元（国家级）、100万元（省级）): 、 after an optional note in brackets
_BOUND_WORD = re.compile(r"(?:最高|最多|最低|不超过|不低于|不少于|至少)?\s*\d")
_LIST_JOIN = re.compile(r"\s*(?:[（(][^（）()]{0,10}[）)])?\s*[、和及]\s*$")


def _shared_comparators(found: list[Target], masked: str, offset: int) -> list[Target]:
    """A comparator before the first of a list of amounts bounds each member (分别给予最高60万元、40万元 -> both
    <=; 不少于3人、5人): a member without its own comparator takes the one before it, unit for unit."""
    out: list[Target] = []
    for t in sorted(found, key=lambda t: t.span.start):
        prev = out[-1] if out else None
        if prev is not None and t.comparator == "=" and t.rule == "target:count" and prev.unit == t.unit \
                and prev.rule in ("target:cmp", "target:shared_cmp") and _BOUND_WORD.match(prev.text) \
                and t.text[:1].isdigit() and _LIST_JOIN.match(masked[prev.span.end - offset:t.span.start - offset]):
            t = replace(t, comparator=prev.comparator, rule="target:shared_cmp")
        out.append(t)
    return out


_SENTENCE_END = re.compile(r"[。；;！？]")
_IN_LIST = re.compile(r"\s*(?:[（(][^（）()]{0,10}[）)])?\s*、")
_RANGE_JOIN = re.compile(r"\s*[—\-~～－至到]{1,2}\s*$")


def _joined_ranges(found: list[Target], text: str, masked: str, offset: int) -> list[Target]:
    """A range written with its unit at both ends is one target (gold target convention 6): 60%—70% -> >= 60,
    1000元以上3000元以下 -> the lower bound, or for money paid its cap (<= 3000), as 600—3000元 is."""
    out: list[Target] = []
    for t in sorted(found, key=lambda t: t.span.start):
        prev = out[-1] if out else None
        if prev is not None and prev.unit == t.unit and prev.value < t.value:
            between = masked[prev.span.end - offset:t.span.start - offset]
            dashed = prev.comparator == "=" and t.comparator == "=" and _RANGE_JOIN.fullmatch(between) is not None
            bounded = not between.strip() and prev.comparator == ">=" and t.comparator == "<=" \
                and re.search(r"以上$", prev.text) is not None and re.search(r"以下$", t.text) is not None
            if dashed or bounded:
                paid = t.unit in _MONEY
                start, end = prev.span.start, t.span.end
                out[-1] = Target(text[start - offset:end - offset], Span(start, end), t.value if paid else prev.value, t.unit, "<=" if paid else ">=",
                                 prev.measure, rule="target:range")
                continue
        out.append(t)
    return out


# a share written in words (不超过五分之一, 不低于从业人员百分之一的比例): 百分之N is N %, 千分之N N ‰, other
# fractions their value; a target where a comparator bounds it, as a percentage is (gold target convention 9)
_FRACTION = re.compile(r"(?P<den>[一二三四五六七八九十百千]{1,3})分之(?P<num>[一二两三四五六七八九十百零〇]{1,6})")
_BOUND = re.compile(r"(?P<cmp>" + _CMP + r")[^，。；;：:、]{0,8}?$")


def _fractions(text: str, masked: str, offset: int) -> list[Target]:
    """Shares written as Chinese fractions under a comparator (不超过五分之一 -> 0.2, 不低于…百分之一 -> 1 %)."""
    out: list[Target] = []
    for m in _FRACTION.finditer(masked) if "分之" in masked else ():
        lead = masked[_clause_start(masked, m.start()):m.start()]
        bound = _BOUND.search(lead)
        if bound is None or _SANCTION_CLAUSE.search(lead) or _STATUS_LEAD.search(lead) or _FINE_AFTER.match(masked, m.end()):
            continue  # 处上一年年收入百分之四十的罚款: a fine; 超过四分之三的学校 (a status): no commitment
        whole, part = m.group("den"), m.group("num")
        den, num = cn_to_number(whole), cn_to_number(part)
        if not den or num is None:
            continue
        value, unit = (num, "%") if den == 100 else (num, "‰") if den == 1000 else (round(num / den, 4), "")
        start = _clause_start(masked, m.start()) + bound.start()
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), value, unit,
                          _comparator(bound.group("cmp"), None), text[start:m.start()], rule="target:fraction"))
    return out


# a ratio the measure sets (按照1：1比例负担, 师生比不低于1∶4000, 配套经费与国拨经费比例不低于1:1): one target, value the
# second term per one of the first, unit the ratio's word (师生比) or 比例 (gold target convention 9); the ratio's word
# must stand right before it (with a comparator) or 比例 right after, so that clock times and standard numbers
# (8:30, ISO 17296-1:2014) are none
_RATIO = re.compile(r"(?:(?P<word>[\u4e00-\u9fff]{0,3}比例?)\s*(?P<cmp>" + _CMP + r")?\s*)?(?<![\d.:：∶\-])"
                    r"(?P<a>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<b>\d+(?:\.\d+)?)(?![\d:：∶])(?P<after>\s*(?:的)?比例)?")

_RATIO_CORE = re.compile(r"\d\s*[:：∶]\s*\d")


def _ratios(text: str, masked: str, offset: int) -> list[Target]:
    """Ratios a measure sets (按1：1比例配资 -> 1 比例, 师生比不低于1∶4000 -> 4000 师生比)."""
    out: list[Target] = []
    if not _RATIO_CORE.search(masked):
        return out  # (the optional word before the terms makes the full pattern slow to fail)
    for m in _RATIO.finditer(masked):
        if not (m.group("word") or m.group("after")) or _FINE_AFTER.match(masked, m.end()):
            continue
        a, b = float(m.group("a")), float(m.group("b"))
        if not a:
            continue
        word = m.group("word") or ""
        unit = word if word and not word.startswith("比") and word.endswith("比") else "比例"
        start = m.start("a") if not word else m.start("word") + (len(word) - len(unit) if unit != "比例" else 0)
        if unit == "比例" and word:
            start = m.start("cmp") if m.group("cmp") else m.start("a")
        out.append(Target(text[start:m.end()], Span(offset + start, offset + m.end()), round(b / a, 4), unit,
                          _comparator(m.group("cmp"), None), unit, rule="target:ratio"))
    return out


def _bare_counts(text: str, masked: str, offset: int, found: list[Target]) -> list[Target]:
    """Targets written without a number: 每月组织研判会商 (once a month), 每年完成万项技改 (one 万项)."""
    taken = [(t.span.start - offset, t.span.end - offset) for t in found]
    out: list[Target] = []
    magnitude = "万" in masked or "千" in masked  # (what a bare count or magnitude needs: 万项, 千家, 超万亿元)
    for m in _BARE_WAN.finditer(masked) if magnitude else ():
        if masked.count("“", 0, m.start()) > masked.count("”", 0, m.start()):
            continue  # “万企帮万村”: the name of a campaign
        start = _FREQUENCY.search(masked, _clause_start(masked, m.start()), m.start())
        begin = start.start() if start else max(_clause_start(masked, m.start()), m.start() - 4)
        end = min(len(masked), m.end() + 2)
        out.append(Target(text[begin:end], Span(offset + begin, offset + end), 1.0, m.group("mag") + m.group("unit"),
                          ">=" if masked[m.start() - 1:m.start()] in ("超", "逾") else "=",
                          text[begin:m.start()], rule="target:bare_wan"))
    for m in _BARE_MAGNITUDE.finditer(masked) if magnitude or "百" in masked else ():
        out.append(Target(text[m.start():m.end()], Span(offset + m.start(), offset + m.end()), 1.0,
                          m.group("mag") + m.group("unit"), ">=", text[m.start():m.end()], rule="target:bare_wan"))
    for m in _FREQ_CLAUSE.finditer(masked) if "每" in masked else ():
        clause_end = m.end()
        if any(s < clause_end and m.start() < e for s, e in taken) or any(
                _NUM_AFTER.search(masked, m.end("rest") - len(m.group("rest")), clause_end) for _ in (0,)):
            continue  # a count follows in the clause: the counted target already holds the frequency
        if not _ACTS.search(m.group("rest")):
            continue  # 每年12月 … or 每人 …: a date or a share, not something done each period
        out.append(Target(text[m.start():clause_end], Span(offset + m.start(), offset + clause_end), 1.0, "次", "=",
                          text[m.start():clause_end], rule="target:frequency"))
    return out


_NUM_AFTER = re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*(?:次|轮|课时|学时|人|名|个|场)")
_ACTS = re.compile(r"组织|开展|召开|进行|研判|会商|检查|督查|评估|考评|考核|培训|演练|分析|研究|排查|巡查|通报|报告|报送|"
                   r"调度|部署|督导|调整|更新|修订|维护|检测|测试|宣传|走访|总结|挂牌")
