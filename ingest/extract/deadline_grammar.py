"""Deadline grammar: which words make a time limit, and what is masked before the rules read a text.

Decides, for a text, which spans the deadline rules match (``_RULES``, tried in order, each behind a cheap
``_GATES`` test) and blanks what must never be read as a limit: 文号 years such as 〔2020〕, titles in 《》,
year ranges and clock times (``mask``, same length so spans stay valid). It also holds the cue patterns the
builder and the scan consult (what a relative limit counts from, what is not an event, a year's lead words).
Gold README deadline conventions: 1 (recurring_* cycles with a due point), 3 (event, festival, event_duty, at_filing, at_event;
advance and count_before, a count before an event), 5 (relative, span_of_work; counts from the document
itself), 6 (this_year 年底前/年内, unspecified 在规定期限内), 7 (span_of_work 通过三年, 力争到2027年; programme_span
从2020年1月1日起，实施三年…: a programme's span from its written start), 8, 11 and 12 (按时, 如期, 限期 on the
unit's own act: a limit set elsewhere), 14 (recurring_undated: a cycle's point
that names no day), 16 (phase: a phase of a project a one-off act must be done in); 6 also by_set_time
(按程序和时限, 按照规定时限: what the act goes by).
"""

from __future__ import annotations

import re
from functools import lru_cache

_MASKS = [re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]"), re.compile(r"《[^《》]{0,80}》"),
          re.compile(r"\d{4}\s*[-—–―~～至]+\s*\d{4}年?"), re.compile(r"\d{4}年度(?![内底末])"), re.compile(r"\d{1,2}[：:]\d{2}")]
_DIGIT = re.compile(r"\d")
_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_Y = r"(?:(\d{4}|[〇○零一二三四五六七八九]{4})\s*年)"  # 2021年, 二〇二一年, 二○二一年 (○ typed for 〇)
_END = r"(?:前|之前|以前|底前|末前|为止|内)"
_PART = r"(上旬|中旬|下旬|中下旬|上中旬|底|末|初)"
# (上线: a system going live, as 启用/投用 — 平台上线前完成…; convention 3)
_EVENT_END = r"[^，。；、\s]{2,16}?(?:结束|活动|召开|开展|启动|到来|完成|举办|之际|期间|前夕|启用|投用|投入使用|竣工|交付|开工|上线)"

# acts that fall due, whose time a text may limit (act_time)
_DUE_ACT = r"报告|上报|报送|提交|受理|办结|办理|答复|回复|反馈|审核|审批|审查|核查|批复|处理|整改"

_LEAD = re.compile(r"(?:并|且|在|于|原则上|须|将|从|要|应(?!急))+")
# what a relative limit counts from starts at its last 在/自/从/于 (区政府要在本意见印发之日起30日内)
_COUNT_FROM = re.compile(r".*(?:在|自|从|于)")
# what may stand before a count of years counted from the plan itself: a goal's lead (力争, 争取, 将在, 要在; a subject
# before 将在) and the first number of a range (2—3年内), but no event (投入运行后一年内) and no
# duty cue (应当在一年内: a law's limit counts from the case before it)
_PLAN_SPAN = re.compile(r"(?:[^，。；、\s（(]{0,12}?(?:将|要)?在|力争|争取|力求|计划|预计)\s*"
                        r"(?:(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[—\-－~～到至])?\s*")
# the words of a duty before a count that name nothing to count from (但应当15日内, 并须)
_CUE_ONLY = re.compile(r"(?:但|并|且|还|均|都|也|应当|应|须|必须|要|将|可以|可|予以|依法)*")
_CUE_IN_SPAN = re.compile(r"应|须|之日|后$|起$|其")
_RANGE_START = re.compile(r"(?:(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[—\-－~～到至])?\s*$")
# a limit counted from the document itself: its date is known
_FROM_ISSUE = re.compile(r"本(?:意见|通知|方案|办法|规定|细则|决定|计划)(?:印发|发布|公布|下发|施行|实施)之日")
# a limit counted from the day the document takes effect (自本办法施行之日起, 本办法颁布实施之日起): from the day its text
# names (PlanDate.in_force), which a revised law's own date is not
_FROM_FORCE = re.compile(r"本(?:意见|通知|方案|办法|规定|细则|决定|计划|条例)(?:颁布|印发|发布|公布)?(?:施行|实施|生效)之日")

# a festival or season each year has (春节, 国庆节, 汛期): the festival rule dates the day before it from the calendar
_FESTIVAL = r"(?:元旦|春节|元宵|国庆|中秋|清明|五一|端午|“两会”|两会|汛期|入汛|主汛期)(?:节|假期)?"
FESTIVAL_NAME = re.compile(_FESTIVAL)
_RULES: list[tuple[str, re.Pattern[str]]] = [
    # 从2020年1月1日起，实施三年…计划; 于2020年初开始执行…，周期为1年; 从2020年3月起，开展为期6个月的…: a programme run
    # for a span from a written start is done within it (convention 7): the span's last day, an interval; not the
    # term of a document or a validity (本办法自…起施行，期限为3年: deadline_build), nor a measure repeated over years
    # (连续3年给予: no 实施/开展/为期), a cycle (实施5年一次的普查: how often, no span) or a report of a span already run
    # (从2018年开始，已连续开展3年)
    ("programme_span", re.compile(r"(?:从|自|于)\s*(?P<sy>\d{4})\s*年\s*(?:(?P<sm>\d{1,2})\s*月\s*(?:(?P<sd>\d{1,2})\s*日)?|初)?"
                                  r"\s*(?:起|开始)[^。；;]{0,24}?(?<!已)(?<!已经)(?<!已连续)(?:(?:启动)?实施|开展|为期|周期为)\s*"
                                  r"(?P<rn>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?P<ru>年|个月)(?!\s*[一1]\s*(?:次|轮))")),
    ("from_until", re.compile(r"(?:从|自)?(?P<from>即日起|(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
                              r"(?:\s*(?:□{4,5}|(?:上午|下午)?\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?))?"
                              r"|(?P<fm>(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:份)?)\s*(?P<fp>上旬|中旬|下旬|初|底|末)?(?=\s*起|(?(fp)|(?!)))"
                              r")\s*(?:起)?\s*"
                              r"(?:至|到|[-—–―~～－]+)\s*(?P<until>[^，。；,）)]{2,24})")),
    ("month_range", re.compile(r"(?:(?P<y1>\d{4})\s*年\s*)?(?P<m1>\d{1,2})\s*月?(?:份)?\s*(?:至|到|[-—–―~～－]+)\s*"
                               r"(?:(?P<y2>\d{4})\s*年\s*|(?P<nx>次年|翌年|第二年)\s*)?(?P<m2>\d{1,2})\s*月(?:份)?(?P<p2>底|末|上旬|中旬|下旬)?"
                               r"(?!\s*\d{1,2}\s*[日号])")),
    ("recurring_day", re.compile(r"每(?P<unit>月|季度|年|周)\s*(?:(?P<rm>\d{1,2})\s*月)?\s*(?P<rd>\d{1,2})\s*[日号]"
                                 r"\s*(?:前|之前|以前)")),
    ("recurring_weekday", re.compile(r"每(?P<unit>月|季度|年)(?P<w>(?:最后|第[一二三四1-4])一?个?(?:周|星期)[一二三四五六日天]|"
                                     r"最后一个工作日)(?:前|之前|以前)")),
    # 在每年…编报预算之前, 在年中和年末报告: a point of each cycle that names no day (an event in the cycle, or the middle
    # and the end of each year) is recurring, with no date (conventions 1 and 14); a dated point (每年4月底前) is read by
    # the date rules, which come first
    ("recurring_undated", re.compile(r"(?:在|于)?(?:每(?P<unit>年|季度|月)度?的?(?P<ev>[^，。；：:、\s\d（()）]{2,30}?)(?:之前|以前|前)"
                                     r"(?![提列沿期款述景途身方])|年中(?:和|及|与|、)年末)")),
    ("recurring_part", re.compile(r"每(?P<unit>月|季度|半年|年)\s*(?:月|季|年)?(?P<rp>底|末|初)(?:前)?")),
    # 提前1年提出, 采购活动开始前30日, 培训班开班前5个工作日: a span counted back from an event (convention 3: an
    # event limit with a count is relative), no date of its own
    # (an event ends in an act: not a time word, 提 of 提前, or a preposition, as in 对前一年度的申请)
    ("advance", re.compile(r"(?:提前|(?P<event>[^，。；、\s（(于在]{2,14}?)(?<![年月日天时节期目当此以之提事周末底旬号对向从自])"
                           r"(?:前|之前))\s*(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})"
                           r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|周|小时|年)(?![内前度的])")),
    # 在拆除工程施工15日前, 在开工的7日前: a count written before 前, counted back from the act after 在
    # (convention 3), the order a law writes where a notice writes 开工前7日
    ("count_before", re.compile(r"在(?P<event>[^，。；、\s（()）\d□]{2,14}?)的?\s*(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})"
                                r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|周|小时|年)(?:前|之前|以前)")),
    # 利用三年时间, 力争通过三年行动, 用两年左右时间: the span of years a plan gives its work (convention 5)
    ("span_of_work", re.compile(r"(?:利用|通过|用)\s*(?P<rn>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?P<ru>年|个月)"
                                r"(?:\s*(?:左右)?(?:的)?时间|(?=\s*(?:左右)?(?:的)?(?:努力|行动)))")),
    # 离京外出，应事先报告; 装修…并事先告知: 事先 on the unit's own act is a limit before the act or event the obligation
    # writes (convention 14: event, no date), not in a condition (举报内容事先未被…掌握的: deadline_build)
    ("in_advance", re.compile(r"事先(?!\s*(?:未|没|不(?!得)))")),
    # 在方案设计阶段，应完成风险评估; 应当在规划选址阶段报请…调查: a phase of a project or a product within which a one-off
    # act (an assessment, a verification, a request for approval) must be done is that act's limit (convention 16: event, no
    # date); a phase through which a standing duty holds (在施工阶段…进行控制, 在作业过程中应当遵守) or a case found or
    # met in it (在施工过程中发现…的, 在实施过程中，如需调整，应当报请…) names no such act and is its scope, as is an
    # assessment kept up through it (在防控过程中，要加强评估)
    ("phase", re.compile(r"在(?P<ev>[^在，。；：:\s（()）、]{2,20}?)(?:阶段|过程中|初期)"
                         r"(?=[，,]?(?:(?!发现|的[，,]|如(?:需|有|果|遇)|若(?!干))[^。；;]){0,40}?"
                         r"(?<!加强)(?<!强化)(?<!持续)(?<!定期)(?:评估|论证|验证|报请))")),
    # 提交电子申请书时，应…; 在向主管部门报送的同时，…: a point at the filing of a submission (提交, 报送, 申报 …) is the time the
    # act must be done by (convention 3: a point at an event, as 在报送申报表的同时, is an event); not a filing that did not
    # happen (未提交…时: deadline_build) nor 时 opening a noun (申报时间, 报送时限)
    ("at_filing", re.compile(r"(?:在(?P<at>[^在，。；：:\s（()）]{0,24}?(?:提交|报送|上报|申报|填报|递交))|(?<![未不没])(?P<ev>(?:提交|报送|上报|申报|填报|递交)"
                             r"[^在，。；：:\s（()）]{0,20}?))的?(?:同时|时)(?![间限段效])(?=[，,]|\s*(?:应|须|要|一并))")),
    # 在项目完成时研发投入强度应…; 应当在分项工程验收时，要求…: a point at an event the act falls on (a work's completion, its
    # acceptance, a term's end) is the time the act must be done by (convention 3: a point at an event, as 在限期届满时复查, is
    # an event), where a duty cue governs it (deadline_build); not in a permission (在…验收时，可以委托…)
    ("at_event", re.compile(r"在(?P<at>[^在，。；：:\s（()）]{1,24}?(?:完成|结束|验收|竣工|届满|期满|交付))时(?![间限段效])")),
    # 在规定的时间内, 整改期限内: a limit the text leaves to another rule
    ("unspecified", re.compile(r"(?:规定|约定|指定|限定|要求|整改)的?(?:时间|期限|时限)(?:内|之内|以内)")),
    # 确保按时整改, 按时将材料报送: 按时 on the act itself is a limit set elsewhere (gold deadline convention 8), not
    # after a negation or 能 (不按时结算, 没有按时报送, 未能按时, 不能按时兑付的: a violation or a condition) or 对 (对按时还款的企业: whom
    # a measure covers), nor where 时 opens a noun or a charge by time (按时间/按时限/按时段/按时长/按时序, 按时计费: by the
    # time, not on time). (Here and below the word comes first and the look-behinds after it, 按时(?<!…按时): ``re`` then
    # skips to the word instead of testing the look-behinds at every position; the matches are the same.)
    ("on_time", re.compile(r"按时(?<![不未没能对]按时)(?<!没有按时)(?![间限段长序]|计费|计价|计酬)")),
    # 按程序和时限办理, 按照规定时限完成, 严格按照时间要求报送: a limit the act must keep that the text leaves to another
    # rule, written as what the act goes by (convention 6: 按照规定时限, unknown; 8's exclusions as for 按时: not after a
    # negation, 能 or 对, a condition or an order); not a span a record is kept (按照规定的期限保存: a state, convention 4),
    # nor where 时间 opens a noun of a routine's times (按规定时间段受理, 按照规定时间间隔检测), as 按时段 for 按时
    ("by_set_time", re.compile(r"按(?<![不未没能对]按)(?<!没有按)照?(?:(?:(?:规定|程序|要求|约定)(?:的|和|及)?)?(?:时限|期限)(?:要求)?"
                               r"|(?:规定|约定|要求)的?时间(?!段|间隔)|时间要求)(?!内|之内|以内|届满|[^，。；;]{0,6}?(?:保存|保管|留存))")),
    # 确保改造工程如期完工, 确保各项任务按期完成: 如期 and 按期 are 按时 (conventions 11, 13), with its exclusions (不能如期完成的,
    # 对如期…的, 无法按期申请的; 如期而至 tells what came; 在按期建成…基础上: a past act)
    ("as_scheduled", re.compile(r"(?:如期|按期)(?<![不未没能对在]..)(?<!没有..)(?!而至|举行|召开)")),
    # 发现的问题由各街镇限期整改: 限期 on the unit's own act is a limit set elsewhere (convention 12); not 限期 in an order to
    # another party (责令限期改正, 督促…限期整改: deadline_build), in a condition (限期整改不到位的), a system's name
    # (限期整改制度), at the limit's end (在限期届满时: an event) or over its course (在限期消除期间: a period a duty
    # holds through, convention 2)
    ("set_limit", re.compile(r"限期(?<![被未逾]限期)(?!届满|满|到期|内未|[^，。；;：:、\s]{0,8}?(?:制度|机制|通知书|决定书|期间))")),
    # 每级上报的时间不得超过2小时, 正式申报书受理时间为34天: the time an act may take, written as its measure, limits the
    # act (convention 5: relative, from the act's own start); the act is one that falls due (a report, an
    # acceptance, a reply), not an extension of a limit (延长的时间最长不超过30日) or a term a state lasts (查封期限)
    ("act_time", re.compile(r"(?P<event>[^，。；、\s（(]{0,14}?(?:" + _DUE_ACT + r"))的?(?:时间|时限)\s*(?:一般|原则上)?\s*"
                            r"(?:为|是|不得超过|不超过|不得多于|不应超过|最长不超过|最长为)\s*"
                            r"(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|小时|分钟|周)")),
    ("relative", re.compile(r"(?P<event>[^，。；、\s（(]{0,20}?)(?:后|起)?\s*(?<![\d.])(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3}|半)"
                            r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|月|周|小时|分钟|年)\s*(?:内|之内|以内)")),
    ("next_year", re.compile(r"(?:次年|明年|翌年|下一年度?)\s*" + _N + r"\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|" + _PART + r")?\s*"
                             r"(?:前|之前|以前|止|为止)")),
    ("ymd", re.compile(_Y + r"?\s*" + _N + r"\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]\s*(前|之前|以前|止|为止|起)?")),
    ("ym_part", re.compile(_Y + r"?\s*" + _N + r"\s*月(?:份)?\s*" + _PART + r"?\s*(前|之前|以前|止|为止|内|起)?")),
    # 到“十四五”末, 力争“十三五”期末: the end of a five-year plan's last year (the k-th after the tenth: 2005 + 5k), a
    # limit where a lead word (到, 力争 …) or a clause opening puts the plan's end ahead, not a baseline (比“十一五”末提高)
    ("plan_period_end", re.compile(r"(?:(?:到|至|在|力争|争取)\s*|(?:^|(?<=[，。；：:\s]))(?=“?十[一二三四五六七八九]五”?\s*(?:规划)?\s*"
                                   r"(?:期末|末期|末)[，,]))“?十(?P<k>[一二三四五六七八九])五”?\s*(?:规划)?\s*(?:期末|末期|末)"
                                   r"(?:前|之前)?")),
    ("year_end", re.compile(_Y + r"\s*(?:年底|年末|底|末|内|全年|度内|度底|度末)\s*(前|之前|以前)?")),
    ("year_alone", re.compile(r"(?<![\d年])" + _Y + r"(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月)"
                              r"(?=[，,：:]|(?:开始|起|以来|以前|前)?)")),
    # 明年底前, 次年内: the end of the year after the document's (before this_year reads 年底前 in it)
    ("next_year_end", re.compile(r"(?:明年|次年|翌年)(?:年?底|年?末|内)(?:前|之前|以前)?")),
    # 今年 is this year's limit on its own (今年完成), not when a nearer time follows it (今年6月底前, 今年年内: that
    # time is the limit) or when it starts a span up to now (今年以来)
    ("this_year", re.compile(r"(?:今年(?!以来|来|的|\s*(?:\d|[一二三四五六七八九十]{1,2}\s*月|[上下]半年|第?[一二三四1-4]季度|年?[内底末]))"
                             r"|本年度?(?:内|底|末)(?:前|之前)?|(?<![半\d一二两三四五六七八九十几数多])年内|年底前|年底|年末前"
                             r"|年末)")),
    ("half_year", re.compile(_Y + r"?\s*(?P<half>上半年|下半年)(?:前|之前|以前|内|底前|末前)?")),
    ("quarter", re.compile(_Y + r"?\s*第?(?P<q>[一二三四1234])季度(?:末|底)?(?:前|之前|以前|内)?")),
    ("festival", re.compile(r"(?P<ev>" + _FESTIVAL + r")(?:前|之前|以前)")),
    # (前 that opens a noun is no limit: 深入开展前期工作, 走在前列, 活动前提; 结束前提交 is 前 then 提交)
    ("event", re.compile(r"(?P<ev>" + _EVENT_END + r")(?:前|之前|以前)(?!提(?![出交请供报])|[列沿期款述景途身方])")),
    # 应当在作业前…, 上岗前应当…, 常驻协作单位入驻前，…应当…: the act a duty must precede, where a duty cue
    # governs it (在…前 right after the cue, or a clause that opens with …前 and a cue after it)
    ("event_duty", re.compile(r"(?:^|(?<=[，。；：:\s）)])|(?<=在))(?P<ev>[^在，。；：:\s（()）\d□]{1,48}?)(?:前|之前)"
                              r"(?![提列沿期款述景途身方])")),
]


# What a rule's match must contain: a literal, a pattern or both, tested once on the whole text before the
# rule's scan (relative and event start with a lazy run that would otherwise be tried at every position). A literal
# costs least (most texts hold 年, 月 or 前); a pattern is worth its search where it leaves out most texts the
# literal lets through (from_until's date ends in 日, its separator gate is kept as it was, without ―).
_GATES: dict[str, str | re.Pattern[str] | tuple[str, re.Pattern[str]]] = {
    "programme_span": ("年", re.compile(r"(?:实施|开展|为期|周期为|期限为)\s*(?:\d|[一二两三四五六七八九十])")),
    "from_until": re.compile("[至到\\-—–~～－]"),  # its start may be a month (4月上旬至…), so no 日 literal
    "month_range": "月",
    "recurring_day": "每",
    "recurring_weekday": "每",
    "recurring_part": "每",
    "recurring_undated": re.compile(r"每(?:年|季度|月)[^，。；]{2,32}前|年中(?:和|及|与|、)年末"),
    "count_before": "在",
    "advance": ("前", re.compile(r"前\s*(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?:工作日|自然日|日|天|个月|周|小时|年)")),
    "unspecified": "内",
    "on_time": "按时",
    "by_set_time": "按",
    "as_scheduled": ("期", re.compile("如期|按期")),
    "set_limit": "限期",
    "act_time": ("时", re.compile(r"(?:时间|时限)\s*(?:一般|原则上)?\s*(?:为|是|不得|不超过|不应|最长)")),
    "span_of_work": re.compile(r"(?:用|通过)\s*[\d一二两三四五六七八九十]"),
    "relative": ("内", re.compile(r"(?:工作日|自然日|日|天|个月|月|周|小时|分钟|年)\s*(?:内|之内|以内)")),
    "ymd": ("月", re.compile(r"月\s*[\d一二三四五六七八九十]{1,3}\s*[日号]")),
    "ym_part": "月",
    "year_end": "年",
    "plan_period_end": ("五", re.compile("十[一二三四五六七八九]五")),
    "year_alone": "年",
    "this_year": ("年", re.compile("今年|本年|年[内底末]")),
    "next_year_end": "年",
    "quarter": "季度",
    "half_year": "半年",
    "next_year": "年",
    "festival": "前",
    "event_duty": "前",
    "event": ("前", re.compile(r"(?:结束|活动|召开|开展|启动|到来|完成|举办|之际|期间|前夕|启用|投用|投入使用|竣工|交付|开工|上线)(?:前|之前|以前)")),
    "in_advance": "事先",
    "at_filing": ("时", re.compile(r"(?:提交|报送|上报|申报|填报|递交)[^，。；]{0,20}?时")),
    "at_event": ("时", re.compile(r"(?:完成|结束|验收|竣工|届满|期满|交付)时")),
    "phase": ("在", re.compile(r"(?:阶段|过程中|初期)[^。；;]{0,42}?(?:评估|论证|验证|报请)")),
}


def _gate_pair(g: str | re.Pattern[str] | tuple[str, re.Pattern[str]] | None) -> tuple[str, re.Pattern[str] | None]:
    """A gate as (literal or "", pattern or None): a tuple gate asks for both."""
    if isinstance(g, tuple):
        return g
    return (g, None) if isinstance(g, str) else ("", g)


# (rule, pattern, literal gate or "", pattern gate or None)
_GATED_RULES = [(rule, pat, *_gate_pair(_GATES.get(rule))) for rule, pat in _RULES]
# what ends a word before 前 that is a time or a place, not an act (目前, 此前, 节前, 年前, 眼前, 门前)
_NOT_AN_EVENT = re.compile(r"(?:年|月|日|天|时|节|期|目|当|此|以|之|提|事|周|末|底|旬|季度|号|眼|门|面|生|空|跟|台|家|的)$")
_NOT_AN_EVENT_START = re.compile(r"每|各|其|该|本|上述|此")
# a duty cue earlier in the clause that governs its 在…前 (应当在作业前, 应当按照国家有关规定在事前通报, 省厅将在考试前,
# …)
_CUE_THEN_AT = re.compile(r"(?:应当|应(?!急)|须|必须|(?<![主重需纲只])要(?![求点素件])|将)[^，。；;：:]{0,20}?在$")
_CUE_AFTER = re.compile(r"[，,]?[^。；;，,]{0,20}?(?:应当|应|须|必须)(?![急用])")
# an act of completion right after the limit (作业前完成…辨识分析): the limit is what it must be done by
_DONE_AFTER = re.compile(r"(?:完成|办结|报送|上报|提交|建成)")
_NEXT_YEAR_BEFORE = re.compile(r"(?:明年|次年|翌年)(?:的)?\s*$")
_YEAR_POINT = (r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
               r"\s*(?:底|末|初|上旬|中旬|下旬)?\s*(?:前|之前|以前)?")
_EVERY_YEAR = re.compile(r"每年(?:的)?\s*(?:" + _YEAR_POINT + r"\s*(?:、|和|及|与|或)\s*)*$")
# a year written before what is to be done in it (2020年摸清底数, 到2025年全面建成, 2021年50%的…)
_YEAR_THEN_ACT = re.compile(r"(?:全面|基本|初步|力争|要|将|再|全部|各|所有)?(?:启动|完成|实现|建成|建立|摸清|形成|达到|覆盖|"
                            r"开工|竣工|完工|投用|投入使用|交付|通车|上线|"
                            r"落实|开展|推进|推广|完善|健全|出台|制定|消除|整改|解决|提升|提高|\d)")
# 到2027年全省…, 力争到2027年: a year something is to be done by, whatever follows it
_BY_YEAR = re.compile(r"(?:到|至)\s*$")
# a year that dates what is cited or a start (根据2017年…, 自2020年…, 截至2023年…)
_CITED_YEAR = re.compile(r"(?:根据|依据|按照|参照|自|从|截至|截止|于)\s*$")


@lru_cache(maxsize=4)  # deadlines and targets mask the same obligation text one after the other
@lru_cache(maxsize=64)  # (the deadline and the target rules mask the same sentence, one after the other)
def mask(text: str) -> str:
    """``text`` with 文号 years, titles and year ranges blanked (same length, so spans stay valid)."""
    if "《" not in text and not _DIGIT.search(text):
        return text  # (every mask holds a title or a digit)
    for pat in _MASKS:
        text = pat.sub(lambda m: "□" * len(m.group(0)), text)
    return text
