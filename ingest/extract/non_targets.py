"""Which numbers are no targets: the vocabulary that rules a number out (issue 13).

A number with a unit is a target only where the text commits to it. Not where it selects who or what a
measure covers (住宿人员达到10人及以上的自建房, 收入突破100亿元的企业, a project sized by money), reports what is
or was (现有高层建筑1200栋, 已建成…, 死亡3人), sets a penalty (责令停止执业3个月以上1年以下, 并处500元以上5000元
以下罚款), only sizes or estimates (建设费用以10万元计, 5万平方米以上), or counts what a rate is paid per
(每认定1家…奖励). Money is a target where it is paid, granted, capped or spent; sizes, lengths and kinds
(平方米, 天, 种, 款 …) only under a comparator. targets.py applies these to each match; fractions and ratios
(target_forms.py) share the penalty and status words.

Gold README (tests/gold/obligations/README.md): target convention 9 (thresholds that say who qualifies are
not targets, closed by 的 or selecting a kind of enterprise or project; a count a verb of making takes,
培育20家…的领军企业, is one) and target convention 6 (ranges that define who or what a rule covers are none;
money paid, capped or spent is; the comparator words that make a size a target).
"""

from __future__ import annotations

import re

# a count word that is not a quantity: 一批 / 一律 / 一把手 are not listed as units; these guard 一次性.
_NOT_AFTER = re.compile(r"^(?:性|级|类|线(?![上下])|体|期间)"  # (12场线下活动: 线上/线下 are words after the unit)
                        # a value the text changes to another (由…36个月以上放宽至…12个月, 由每立方米0.20元降到0.18元, 由1000元
                        # 提高到2000元) is the old one, the baseline: the new value after 至/到 is the target
                        r"|^(?:[降升增减调][至到为]|放宽|下调|上调|提高|降低|提升)")
# 种/款 count kinds and models only where a bound says how many (突破50种以上, 推出100款以上, 不少于3种);
# bare, they name a whole (两种资源, 三种模式); so do batches (分两批) and a text's length in characters (3000字左右)
_NEED_CMP_UNITS = {"MPa", "兆帕", "平方米", "米", "公里", "天", "日", "周", "小时", "元", "万元", "亿元", "条", "期", "项",
                   "年", "个月", "毫米", "厘米", "公顷", "亩", "吨", "种", "款",
                   "批", "字"}
_MONEY = {"元", "万元", "亿元"}
# N类 governed by a preposition of conformity or a verb of membership (按照2类标准, 属于3类地区, 列为1类): the name of a
# class a thing conforms to or is put in, no count of kinds (涵盖19类功能模块)
_CLASS_OF = re.compile(r"(?:按|按照|依照|参照|依据|属于|列为|划为|定为)$")
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
_ENTITY = r"(?:企业|单位|机构|项目|工程|场所|人员|建筑|车辆|设备|家庭|户|群体|对象|事故|情形|案件)"
# 超过10家的贯标服务机构给予…, 年销售收入不超过2000万元的…科技型中小企业: a 的 right after the number (after its unit,
# a (含…) note or 以内/左右) makes it an attribute of the entity that ends the noun phrase, however long, at the
# clause's end or before the measure's verb. (^ where the clause is read as a slice, the look-behind at a unit's last
# character where it is searched in place; bounded and closed by $, as search_at_end needs)
_UNIT_LAST = "[时钟次人名位月个家处支座所辆台套场轮户栋幢项条期天日周年瓦吨顷亩元米里帕sSB本件种款%％‰内右]"
_CRITERION_END = re.compile(r"的[\u4e00-\u9fff]{0,4}" + _ENTITY + r"$|(?:^|(?<=" + _UNIT_LAST + r")) ?(?:[（(]含[^（）()]{0,12}[）)])? ?"
                            r"的[\u4e00-\u9fff“”]{0,20}?" + _ENTITY
                            + r"(?:(?:给予|可以?|应当?|须|实行|按照?|享受|申请|予以|奖励|补助|补贴)[^，,。；;：:]{0,30})?$")
# a penalty's measure (责令停止执业3个月以上1年以下, 5年以内不予注册, 不得给予两次以上罚款): what a sanction
# imposes on a wrongdoer, not a target anyone works to
_SANCTION_CLAUSE = re.compile(r"责令|吊销|停止执业|停业整顿|不予注册|拘留|处分")
_FINE_AFTER = re.compile(r"[^，。；]{0,12}?(?:罚款|罚金)")
# a count that reports what is or was (现有高层建筑1200栋, 已建成充电桩300个, 死亡3人, 截至…): a status, not a target
_STATUS_LEAD = re.compile(r"现有|已(?:经)?(?:建成|完成|达到|累计|有|形成|实现|培育|认定)|共有|截至|截止|目前|近年来|发生|死亡|受伤|"
                          r"造成|同比|比上年|较上年")
# a count that reports what is, written otherwise: 已 and a verb with no 的 before the number (已覆盖45个, 已与13个国家签署:
# 对已认定的企业给予… is a condition, its 的 closes it); a sentence opened by a point of reporting (截至2022年底，…; 目前，…;
# 近年来，…; “十三五”以来，…; 调查显示，…) unless it commits (力争, 确保, 要 …); a value followed by its change on the year
# before (达2150亿元，同比增长7.3%) unless the sentence commits (确保…控制在20人以内，同比下降10%: a plan's target)
_STATUS_DONE = re.compile(r"已(?:经)?[\u4e00-\u9fff][^的，,。；;]*$")
_STATUS_OPENER = re.compile(r"(?:截至|截止|目前|近年来|近年|当前|至今|迄今|过去|(?:调查|数据|统计|监测)显示|[^，,。；;]{0,14}以来[，,])")
_COMMITS = re.compile(r"力争|确保|争取|要|应|将|计划|目标|下一步|今后|到□")  # 到□: 到2025年, its date blanked
# what is done as the ground of a new measure (在已开展试点基础上新增10个…): the number is the new measure's
_BUILDS_ON = re.compile(r"基础上|之后|以后|新增|新建")
_STATUS_AFTER = re.compile(r"\s*[，,]\s*(?:同比|比上年|较上年|较去年)")
# the time a due act or an exam may take (每级上报的时间不得超过2小时, 正式申报书受理时间为34天, 考核时间120分钟): a time
# limit, read as a deadline (gold deadline convention 5), or the length of an event; not a quantity anyone works to
# reach (每年用于项目的工作时间不得少于9个月 and a commitment to cut a time, 审批时间压缩至5天, stay). Read back from
# the number (search_at_end: bounded, closed by \s*$)
_ACT_TIME = re.compile(r"(?:上报|报告|报送|受理|办理|办结|审批|审核|审查|答复|反馈|处理|整改|考核|考试|评审)的?(?:时间|时限|用时)"
                       r"(?:一般|原则上)?(?:为|是|不得超过|不超过|不应超过|最长不超过|最长为)?\s*$")
# a number after 图/表 names a figure or table (如图6所示, 见表2): a reference, not a count
_REFERENCE = re.compile(r"(?:[如见按]|详见|参见|附)[图表]\s*$|附件\s*$")
# a condition written as a time clause (建筑物施工高度超过二十四米时，施工单位应当…): when, not how much
_WHEN = re.compile(r"[^，,。；;]{0,8}?时\s*[，,]|[^。；;]{0,40}?的\s*[）)]?\s*(?:[；;]|$)")
# (and a case a list of penalties or conditions names: （二）建筑物施工高度超过二十四米，施工单位没有…的；)
# the size of a list a structure is described by (标准体系包括A、B、C等3个部分): counts what is listed, sets nothing
_CONSISTS = re.compile(r"包括|包含|分为|划分为|细分为|分成|组成")
# 前200名: a rank, not a count; 三轮车: the unit is part of a word
_SELECTS = re.compile(r"[^，。；]{0,20}?的[\u4e00-\u9fff]{0,6}(?:企业|单位|项目|工程|场所|建筑|车辆|设备)")
_CRITERION_HEAD = re.compile(r"(?:[（(]含[）)])?[\u4e00-\u9fff]{0,8}?(?:项目|工程|企业|单位)")
