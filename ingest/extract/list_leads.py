"""What a lead line over a numbered list (…如下：, 有下列情形之一的，…：) says its items are.

Decides whether the items under a lead ending in a colon are duties (应当履行下列义务：), cases, options or
contents that are no work of their own (有下列情形之一的：, 支出范围：), or violations a penalty applies to,
and whether the lead itself is the work its items only detail (依照下列规定处以罚款：).
Gold README (tests/gold/obligations/README.md), schema: "one obligation per unit of work" (numbered items
that state duties are units) and "purely descriptive text is not an obligation".
"""

from __future__ import annotations

import re

from policykg.ingest.extract.cues import DUTY_CUE

# a list of cases, options or criteria, not of duties: 有下列情形之一的，…：/ (constructed) 事发单位可采取的防范措施如下：/
# 现对重点单位作出以下界定标准：/ 下列单位界定为重点单位：
_CASES_OR_OPTIONS = re.compile(r"(?:下列|以下|如下)(?:几种)?(?:情形|情况|条件|内容)|(?:下列|以下)行为之一的"
                               r"|可(?:以)?(?:采取|选择|采用|视情)[^，。；]{0,10}(?:如下|以下|下列)"
                               r"|(?:下列|以下|如下)[^，。；]{0,6}(?:界定|认定|划分|分类)(?:标准|范围|条件)"
                               r"|(?:下列|以下)[^，。；]{0,12}(?:界定为|认定为|确定为|列为|属于)"
                               r"|违反(?:下列|以下|如下)"
                               r"|用于(?:下列|以下|如下)"  # 资金投入主要用于下列事项：: what a sum pays for
                               # (constructed) 监督检查时有权采取下列措施：/ 可以行使下列职权：: powers a law confers, which
                               # the holder may use (a permission, gold unit convention 5), not work it must do
                               r"|有权[^，。；：:]{0,20}?(?:采取|行使|决定|了解)[^，。；：:]{0,6}(?:下列|以下|如下)"
                               r"|行使(?:下列|以下|如下)(?:职权|权力)")

# 申请人应当具备以下条件： / 消防技术服务机构取得资质证书，应当具备下列条件： / 申请领取施工许可证，应当具备下列条件：:
# conditions that bind a party (a unit, a person, an applicant) are its duties item by item (gold unit convention 27);
# criteria of a decision on a case or a benefit (举报奖励应当符合下列条件, 列入年度项目应当具备以下条件) stay cases
_PARTY_CONDITIONS = re.compile(r"^(?:[^：:。；]*?(?:人|者|单位|企业|机构|公司|组织|主体|队|部门)|[^：:。；]*?(?:申请|申领|申报|取得|从事)"
                               r"[^：:。；]*?[，,])(?:还|均|都|也|同时)?(?:应当|应|必须|须|需)(?:同时)?(?:具备|符合|满足)"
                               r"(?:下列|以下|如下)(?:几项)?条件")
_DECISION_OR_BENEFIT = re.compile(r"奖励|奖金|补贴|补助|资助|项目|发现|成果|验收")
# item numbers, four forms (duty/role_elided/deadline_counts._ITEM_NUMBER): this one alone strips 第N条 and any digit count, as a lead may be an article
_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*")

# 科研教学经费支出范围：, 运行经费包括：: a list of what a scope or a sum covers, not of work (职责包括： is one)
_SCOPE_LIST = re.compile(r"(?:范围|包括|包含|种类|类别|构成|组成|内容)(?:如下|以下)?[：:]\s*$")
_WORK_WORDS = re.compile(r"职责|任务|工作|措施|要求|义务|责任|分工")

# 有下列行为之一的，责令限期改正，处…罚款：: each item is a violation, the duty it breaks is the unit of work
_VIOLATIONS = re.compile(r"(?:下列|以下)(?:行为|情形)之一[^：:。；]{0,20}?的[^：:]{0,120}?(?:责令|罚款|处分|处以|吊销|没收)")

# 应当履行下列义务：, 禁止下列行为：: each item is a duty, whether or not it repeats the cue
# (the cue as DUTY_CUE reads it: the 应 of 应急 and the 要 of 主要 are no cue)
_DUTY_LIST = re.compile(r"(?:应(?!急)当?|必须|(?<![必])须|(?<![重主需必纲首概摘提简只体切紧])要(?![求点素件])|负责|履行|承担|禁止|严禁|不得)"
                        r"[^，。；]{0,12}(?:下列|以下|如下)")


def _list_context(text: str) -> str | None:
    """"descriptive" for the items of a list of cases or options, "duties" for a list of duties, "violations"
    for the items a penalty applies to."""
    if not text.rstrip().endswith(("：", ":")):
        return None
    if _VIOLATIONS.search(text) and not acts_on_cases(text):
        return "violations"  # (a lead naming who acts, 由…责令改正, is that unit's duty and its items cases)
    bound = _PARTY_CONDITIONS.match(_NUMBER.sub("", text.strip()))
    if bound is not None and not _DECISION_OR_BENEFIT.search(bound.group(0)):
        return "duties"
    if _CASES_OR_OPTIONS.search(text) or _SCOPE_LIST.search(text) and not _WORK_WORDS.search(text) \
            and not DUTY_CUE.search(text):
        return "descriptive"
    return "duties" if _DUTY_LIST.search(text) else None


# 有下列行为之一的，由上级机关责令改正：: a lead that names who acts on its cases is that unit's duty; a lead
# that only frames them (有下列情形之一的，责令限期改正，处…罚款：) is not
_AGENT_ACTS_ON_CASES = re.compile(r"之一的[^：:]*?(?:由|应当|应(?!急))")

# a fine or a disciplinary sanction makes each case a duty broken, whoever imposes it (…的，由林业行政主管部门责令
# 改正，给予警告，…处…罚款：); a lead that only names who corrects (由上级机关责令改正：) or what is owed
# (有下列情形之一的，县级以上人民政府应当给予奖励：) is that unit's work, its items the cases
# (the kinds of administrative penalty of 行政处罚法 第九条, and a disciplinary 处分)
# 依照下列规定处以罚款：/ 应当依照下列规定上报事故情况，并通知…：: what is done is said in the lead, the items only
# say how (to whom, how much)
BY_LISTED_RULES = re.compile(r"(?:依照|按照|依据|根据)(?:下列|以下|如下)(?:规定|要求|标准|程序|方式)[^：:。]{1,60}[：:]\s*$")
_PENALTY = re.compile(r"警告|通报批评|罚款|没收|暂扣|降低资质|吊销|责令停产停业|责令关闭|限制从业|拘留|处分|处以|赔偿")


def acts_on_cases(text: str) -> bool:
    """Whether a lead over a list of cases names who acts on them, or what is owed, and sets no penalty."""
    return _AGENT_ACTS_ON_CASES.search(text) is not None and _PENALTY.search(text) is None
