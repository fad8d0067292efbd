"""Duty cues and action verbs: the words that make a sentence a task, shared by obligations and roles.

``DUTY_CUE`` and ``ACTION`` are what roles read after a subject (区住建局要…, 区住建局负责…).
``VERB``/``VERB_START`` are the wider set of verbs that a task sentence opens with when it is written
as an imperative (加强消防宣传。) and ``AGENT_START`` a unit at the start of a clause (区应急局会同…对…,
由区住建局进行…, 各街镇将…): the grammar of a duty written without a cue word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.ingest.extract.word_boundaries import on_word_boundary

# 应 alone is a cue (消防车通道应保持畅通); 应急, 应用, 响应, 相应, 供应 … are words of their own. (Each alternative
# opens with its character and looks behind after it, 要(?<![主…]要) for (?<![主…])要, 请(?<=^请)各 for ^请各: then
# ``re`` skips to the positions where one of those characters stands, ten times faster, with the same matches.)
# 请各/请于/请在/请按 ask the reader to act (请按此表格填报…); the wrapper formulas (请按照执行) are NOT_A_TASK's
DUTY_CUE = re.compile(r"要(?<![重主需必纲首概摘提简只体切紧]要)(?![求点素件闻害案])|必须|应当|务必|负责(?![人同])|牵头|督促|确保"
                      r"|须(?<![必]须)(?![知])|严禁|不得|请(?:(?<=^请)各|于|在|按)|主体为"
                      r"|应(?<![响适相对供反呼顺感答理]应)(?![急用届聘征邀收付税力变]|对(?:突|火|灾|风|处|挑|措|能|准|极|台|汛|疫|重|自|各|气|地|危|事))"
                      r"|需(?<![所必急无确]需)(?![要求])")
ACTION = re.compile(r"开展|推进|落实|建立|完善|加强|组织|督促|实施|推动|完成|制定|强化|整治|排查|配备|建设|健全|提升|"
                    r"严格|深化|做好|抓好|加大|推行|实行|确保|部署|宣传|培训|检查|监督|督办|整改|查处|约谈|报送|"
                    r"负责|牵头|落地|治理|打造|构建|改造|设置|清理|巡查|管理|纳入|推动|协调|指导|排摸|收集|上报|通报|跟踪|开展|"
                    r"依法|加大|整合|搭建|明确|发放|对接|审核|核查|负责|召开|对照|制定|统筹")
_MORE_VERBS = (r"保障|保持|提高|防范|遏制|消除|规范|优化|推广|鼓励|支持|引导|发挥|坚持|聚焦|紧盯|研发|培育|引进|组建|"
               r"设立|创新|拓展|扩大|探索|加快|突出|压实|细化|履行|承担|执行|遵守|参加|参与|配合|协助|报告|公布|发布|"
               r"编制|修订|审查|审批|验收|备案|登记|监测|预警|调查|处置|处理|救援|疏散|演练|评估|考核|督查|督导|问责|"
               r"追究|奖励|表彰|惩戒|处罚|聘请|招录|配置|安装|维护|检测|更换|清除|拆除|共享|接入|录入|汇总|分析|研判|"
               r"会商|移送|移交|反馈|复查|核实|签订|建成|实现|达到|增强|改善|储备|筹集|安排|保证|做到|杜绝|防止|避免|"
               r"识别|摸清|掌握|梳理|畅通|调度|指挥|动员|发动|召集|制订|出台|印发|贯彻|普及|举办|编印|张贴|播放|"
               r"走访|入户|约谈|曝光|公示|督察|巡检|巡逻|值守|开发|应用|运用|利用|依托|结合|围绕|针对|对标|补齐|"
               r"夯实|筑牢|加固|配齐|充实|培养|扶持|补贴|减免|投入|落细|促进|深挖|严查|严控|严防|严打|打击|取缔|"
               r"关停|查封|封堵|疏通|清理|清除|整顿|规划|布局|试点|示范|推进|提请|申报|申请|配合|部署|进行|予以|给予|责令|处以|没收|吊销|"
               r"准备|"
               # the acts of a procedure or a plan's item written as an imperative (工程款按合同约定支付, 凭证件领取
               # 奖金, 为…办理集体户口, 挖掘…场景): paying, collecting, handling and mining are work as 发放 is
               r"支付|领取|办理|挖掘")
# 负责人 and 负责同志 are persons, not the verb
_VERB = re.compile(ACTION.pattern.replace("负责", "负责(?![人同])") + "|" + _MORE_VERBS)
# a verb of paying, collecting, handling or mining acts only as a word of its own: it ends a word as jieba cuts the
# text (支付宝, 挖掘机 are nouns that hold it)
_BOUNDED_VERBS = frozenset(("支付", "领取", "办理", "挖掘"))
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9]")


def _acts_as_verb(text: str, end: int) -> bool:
    """Whether the bounded verb ending at ``end`` ends a word (the text ends or a mark follows: no segmentation)."""
    return end >= len(text) or not _RUN_CHAR.match(text, end) or on_word_boundary(text, end)


class _Verbs:
    """``_VERB`` read as a verb: ``search``/``finditer`` skip a bounded verb that is part of a noun (cheap: jieba is
    asked only where one of the four occurs); ``pattern`` is the plain pattern, for the patterns built on it."""

    pattern = _VERB.pattern

    @staticmethod
    def finditer(text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return (m for m in _VERB.finditer(text, pos) if m.group(0) not in _BOUNDED_VERBS or _acts_as_verb(text, m.end()))

    @classmethod
    def search(cls, text: str, pos: int = 0) -> re.Match[str] | None:
        return next(cls.finditer(text, pos), None)


VERB = _Verbs()
# adverbs of scope that stand between a unit and its act or modal (也要, 均要, 都应; 亦可, 均可)
SCOPE_ADVERBS = "也还均都亦仍"
_ADVERBS = (r"进一步|全面|持续|大力|积极|认真|切实|深入|加快|着力|不断|扎实|稳步|逐步|依法|严格|统筹|同步|及时|定期|"
            r"重点|主动|继续|广泛|全力|坚决|有序|科学|分类|分级|集中|共同|联合|协同|统一|常态化|全过程|逐一|逐级|每年|每月|"
            r"每季度|每半年|每周|按时|按期|按照规定|按规定|严厉|从严|尽快|优先|加紧|力争|率先|同时|并|另外|此外|还|要|应|至少|适当|充分|牢固|因地制宜")
# 遴选/采取/争取/树立 open imperatives of plans as 开展 does, and 充分/牢固/因地制宜 say how, as 积极 does
# (每年遴选…企业, 充分利用…平台, 因地制宜开展…);
# 将/把 + object + verb (将X纳入Y, 把X列入Y): the disposal form of an imperative, its object before the verb as in
# 对X进行Y; a 于 on the way means the verb has passed already (把X贯穿于Y建设: 建设 is a noun there)
VERB_START = re.compile(rf"^(?:{_ADVERBS})*(?:{VERB.pattern}|报|提交|提出|送|形成|总结|研究|遴选|采取|争取|树立|(?:提供|描述|阐述|突破|优选)(?!的)|对[^，。；]{{2,30}}(?:{VERB.pattern})|(?:将|把)[^，。；于]{{1,30}}?(?:{VERB.pattern}|列入|作为))")
# a unit at clause start: an optional 由, a name ending in a unit head noun, a list joined by 、和及与
UNIT_HEAD = (r"局|委|办|厅|处|科|室|所|站|队|中心|委员会|办公室|管委会|公司|集团|居委会|村委会|居委|村委|部门|单位|"
              r"街道|街镇|镇|乡|政府|机关|机构|组织|社区|企业|学校|医院|协会|各区|各地|分局|支队|大队|中队|总队|院|部")
# a one-character head ends its word: the 处 of 处置, the 部 of 部署, the 所 of 所有 head no unit
_WORD_HEAD = (r"局(?![面势限部])|委(?![托])|办(?![理法好事结件成公])|厅(?![堂])|处(?![置理罚分于在以境])|科(?![学技研普目])|"
              r"室(?![内外])|所(?![有在需属得以述列称涉])|站(?![在点位稳])|队(?![伍列])|院(?![校内外落士])|部(?![署分位件])")
_UNIT_HEAD_AT_WORD_END = "|".join(_WORD_HEAD if h == "局" else h for h in UNIT_HEAD.split("|")
                                  if h not in ("委", "办", "厅", "处", "科", "室", "所", "站", "队", "院", "部"))
_UNIT = rf"[\u4e00-\u9fa5（）()]{{0,16}}?(?:{_UNIT_HEAD_AT_WORD_END})(?:[（(][\u4e00-\u9fa5、]{{1,10}}[）)])?"
# a list may share one head: 发展改革、建设、交通等相关行政管理部门
AGENT_START = re.compile(rf"^(?:由|请|并由)?(?:[\u4e00-\u9fa5]{{1,10}}[、和及])*{_UNIT}(?:(?:、|和|及|与|以及){_UNIT})*"
                         rf"(?:等(?:部门|单位)?)?")
