"""The Chinese words the printed forms use for the codes the services hand out.

Paper follows the bank's own forms, which are in Chinese whatever language the screen is in;
an unknown code prints as itself rather than as a blank.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.day.daily_plans import STEP_NAMES

PURPOSES = {
    "needs_interview": "需求面谈", "product_presentation": "产品推介", "closing": "促成签单",
    "policy_delivery": "保单递送", "care": "客户关怀", "outlet_check": "网点巡检",
    "medical_exam": "陪同体检",
}  # fmt: skip
VISIT_STATUSES = {
    "planned": "计划", "done": "已完成", "cancelled": "已取消", "no_show": "客户未到", "rescheduled": "已改期",
}  # fmt: skip
OUTCOMES = {"closed": "成交", "not_closed": "未成交", "follow_up": "待跟进"}
VISIT_KINDS = {"client": "客户拜访", "outlet": "网点拜访"}
PHASES = {"before": "拜访前", "during": "拜访中", "after": "拜访后"}
MEASURES = {
    "visits": "有效拜访（5访）", "leaflets": "发放宣传单页", "prospects": "新增准客户名单",
    "sms": "关怀短信", "meetings": "预约面谈",
}  # fmt: skip
REMINDERS = {
    "birthday": "客户生日", "important_date": "重要日期", "maturity": "产品到期", "purchase_follow_up": "购后回访",
    "receipt_due": "回执返还", "letter_due": "总公司函件", "policy_delivery": "保单递送",
    "issue_overdue": "送件超20天未出单", "hq_reply": "总公司答复",
}  # fmt: skip
LETTERS = {
    "review": "审核", "medical_exam": "体检", "investigation": "生存调查", "financial_evidence": "财务证明",
    "health_evidence": "健康证明", "decision": "核保结论", "problem": "问题件",
}  # fmt: skip
LOG_KINDS = {
    "visit": "拜访", "call": "电话", "sms": "短信", "leaflets": "宣传单页", "prospect": "准客户",
    "meeting": "面谈/会议", "outlet": "网点工作", "other": "其他",
}  # fmt: skip
SALES_STEPS: Mapping[str, str] = STEP_NAMES
GENDERS = {"M": "男", "F": "女"}
ID_TYPES = {
    "resident_id": "居民身份证", "passport": "护照", "military_id": "军官证",
    "birth_certificate": "出生证明", "other": "其他证件",
}  # fmt: skip
RELATIONS = {
    "self": "本人", "spouse": "配偶", "child": "子女", "parent": "父母", "family_support": "有抚养关系的家庭成员",
    "close_relative": "近亲属", "guardian": "监护人", "other": "其他",
}  # fmt: skip
PAYMENT_MODES = {"single": "趸交", "regular": "期交"}
HEALTH_QUESTIONS = {
    "q1_hospitalised": "近两年内是否住院或手术",
    "q2_chronic_disease": "是否患有慢性疾病（如高血压、糖尿病）",
    "q3_pregnant": "是否怀孕或近期分娩",
    "q4_disability": "是否残疾",
}
TIERS = {"ordinary": "普通客户", "gold": "金卡", "platinum": "白金卡", "diamond": "钻石卡", "private": "私人银行"}
SOURCES = {"walk_in": "到店", "referral": "转介绍", "outlet_staff": "网点推荐", "other": "其他"}
RISKS = {"conservative": "保守型", "steady": "稳健型", "balanced": "平衡型", "growth": "成长型", "aggressive": "进取型"}
SEGMENTS = {"young": "青年", "middle": "中年", "retired": "退休"}
EDUCATION = {
    "preschool": "学龄前", "primary": "小学", "middle": "初中", "high": "高中", "university": "大学",
    "working": "已工作",
}  # fmt: skip
PRODUCT_TYPES = {
    "deposit": "存款",
    "wealth": "理财",
    "fund": "基金",
    "insurance": "保险",
    "bond": "债券",
    "other": "其他",
}
DATE_KINDS = {"anniversary": "纪念日", "child_birthday": "子女生日", "other": "其他"}
HISTORY_KINDS = {"visit": "拜访", "worklog": "工作日志", "proposal": "投保单", "receipt": "回执"}
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
DONE, NOT_DONE = "√", "□"  # both in GB2312, so SimSun and the built-in CID font have them


def label(table: Mapping[str, str], code: str | None) -> str:
    """`code` in words; "" for None, the code itself when the table does not know it."""
    if code is None:
        return ""
    return table.get(code, code)
