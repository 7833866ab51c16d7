<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmountEdit</name>
    <message>
        <location filename="../../ui/common/widgets/amount_edit.py" line="24"/>
        <source>e.g. 20万 or 200,000</source>
        <translation>例如 20万 或 200,000</translation>
    </message>
</context>
<context>
    <name>BeneficiariesSection</name>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="111"/>
        <source>Death beneficiaries</source>
        <translation>身故受益人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="115"/>
        <source>Legal heirs instead of named beneficiaries</source>
        <translation>以法定继承人为受益人（不指定）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="121"/>
        <source>Order</source>
        <translation>受益顺序</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="121"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="121"/>
        <source>Relation to the insured</source>
        <translation>与被保险人关系</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="122"/>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="122"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="122"/>
        <source>Share %</source>
        <translation>受益比例 %</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="128"/>
        <source>&amp;Add beneficiary</source>
        <translation>添加受益人(&amp;A)</translation>
    </message>
</context>
<context>
    <name>BeneficiaryRow</name>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="43"/>
        <source>Order</source>
        <translation>受益顺序</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="45"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="47"/>
        <source>Relation to the insured</source>
        <translation>与被保险人关系</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="50"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="52"/>
        <source>Share %</source>
        <translation>受益比例 %</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/beneficiaries.py" line="54"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>BookExamDialog</name>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="31"/>
        <source>Book the medical examination</source>
        <translation>预约体检</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="33"/>
        <source>The examination goes on the Planner and on Today&apos;s agenda as a visit at %1.</source>
        <translation>体检将作为一次在%1的拜访，列入拜访计划和今日日程。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="34"/>
        <source>the hospital named in the letter</source>
        <translation>函件所列医院</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="48"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="50"/>
        <source>&amp;Date and time:</source>
        <translation>日期和时间(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="51"/>
        <source>&amp;Length:</source>
        <translation>时长(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="54"/>
        <source>&amp;Book</source>
        <translation>预约(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/book_exam.py" line="55"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BriefingSearchDialog</name>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="220"/>
        <source>Search morning notes and news</source>
        <translation>搜索早会记录与财经要闻</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="224"/>
        <source>Words in a title, the content or the points</source>
        <translation>标题、内容或要点中的词语</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="227"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="227"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="227"/>
        <source>Title or first point</source>
        <translation>标题或第一条要点</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="229"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="254"/>
        <source>Morning meeting</source>
        <translation>早会</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="254"/>
        <source>News</source>
        <translation>财经要闻</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="261"/>
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallRecordDialog</name>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="88"/>
        <source>Phone invitation record</source>
        <translation>电话邀约记录表</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="94"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="102"/>
        <source>Choose the client to call; the form is saved as you type.</source>
        <translation>请选择要致电的客户；表格会随输入自动保存。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="123"/>
        <source>The invitation as you plan to say it</source>
        <translation>计划使用的邀约话术</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="125"/>
        <source>Preparation</source>
        <translation>准备</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="127"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="129"/>
        <source>Call &amp;day</source>
        <translation>通话日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="130"/>
        <source>Invitation &amp;script</source>
        <translation>邀约话术(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="132"/>
        <source>&amp;Made the call</source>
        <translation>已拨打(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="138"/>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="150"/>
        <source>The day is closed: why the result changes</source>
        <translation>当天已关闭：请说明修改结果的原因</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="151"/>
        <source>The call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="154"/>
        <source>&amp;Time of the call</source>
        <translation>通话时间(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="155"/>
        <source>&amp;Outcome</source>
        <translation>通话结果(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="156"/>
        <source>&amp;Agreed time</source>
        <translation>约定时间(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="157"/>
        <source>Agreed &amp;place</source>
        <translation>约定地点(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="158"/>
        <source>&amp;Reason for the correction</source>
        <translation>更正原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="164"/>
        <source>&amp;Well prepared</source>
        <translation>准备充分(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="165"/>
        <source>Smi&amp;ling and warm</source>
        <translation>微笑、热情(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="166"/>
        <source>Good openin&amp;g</source>
        <translation>开场白(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="171"/>
        <source>Self-review after the call</source>
        <translation>通话后自评</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="177"/>
        <source>Strengths</source>
        <translation>做得好的方面</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="178"/>
        <source>Ot&amp;her</source>
        <translation>其他(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="179"/>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="182"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sales_forms/call_dialog.py" line="213"/>
        <source>%n year(s) old</source>
        <translation>
            <numerusform>%n 岁</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="217"/>
        <source>(prospect)</source>
        <translation>（准客户）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="218"/>
        <source>none on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="219"/>
        <source>Products held: %1</source>
        <translation>已购产品：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="223"/>
        <source>New call: saved as you type.</source>
        <translation>新的电话邀约：随输入自动保存。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="255"/>
        <source>Saved: prepared for %1.</source>
        <translation>已保存：已准备 %1 的电话。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="256"/>
        <source>Saved: an effective call.</source>
        <translation>已保存：有效电话。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="256"/>
        <source>Saved: the call is logged.</source>
        <translation>已保存：通话已记入工作日志。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="258"/>
        <source>The meeting is in the planner.</source>
        <translation>面谈已加入拜访计划。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="260"/>
        <source>Convert the prospect to a client to book the meeting in the planner.</source>
        <translation>请先将准客户转为客户，才能在拜访计划中安排面谈。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="284"/>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="320"/>
        <source>Choose the outcome of the call.</source>
        <translation>请选择通话结果。</translation>
    </message>
</context>
<context>
    <name>CallTexts</name>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="54"/>
        <source>Appointment agreed</source>
        <translation>约定面谈</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="55"/>
        <source>Clear answer</source>
        <translation>明确答复</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="56"/>
        <source>Call back</source>
        <translation>约定回电</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="57"/>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="58"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="62"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/call_dialog.py" line="62"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>CareDialog</name>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="70"/>
        <source>Care messages for %1</source>
        <translation>关怀短信 %1</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="74"/>
        <source>Gold-card clients and above: products maturing within 30 days, birthdays and anniversaries (today and the next two days), a tier reached in the last 30 days, the revisit 10 days after a purchase, and cards opened in the last 30 days. Important notices have no source in the profile yet and are not listed.</source>
        <translation>金卡及以上客户：30 天内到期的产品、生日和纪念日（今天及之后两天）、近 30 天内晋级、购买满 10 天的回访，以及近 30 天内新建档的客户。重要信息通知目前在档案中没有数据来源，暂不列出。</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="88"/>
        <source>Occasion</source>
        <translation>关怀事由</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="88"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="88"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="88"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="88"/>
        <source>Message</source>
        <translation>短信内容</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="95"/>
        <source>&amp;Copy messages</source>
        <translation>复制短信(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="96"/>
        <source>The selected messages&apos; text, to paste into a phone (Ctrl+C)</source>
        <translation>复制所选短信的内容，粘贴到手机发送（Ctrl+C）</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="97"/>
        <source>&amp;Export for the SMS platform…</source>
        <translation>导出到短信平台(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="98"/>
        <source>&amp;Mark sent</source>
        <translation>标记已发送(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="99"/>
        <source>Log each selected message as a care SMS; it leaves the list</source>
        <translation>将所选短信逐条登记为关怀短信，并从列表中移除</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="100"/>
        <source>&amp;Templates…</source>
        <translation>短信模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="103"/>
        <source>The export holds the clients&apos; real mobile numbers, which the SMS platform needs; each export is recorded in the audit log.</source>
        <translation>导出文件含客户的完整手机号（短信平台需要）；每次导出都会记入审计日志。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/care_dialog.py" line="160"/>
        <source>%n client(s) due for a care message</source>
        <translation>
            <numerusform>%n 位客户待发关怀短信</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/care_dialog.py" line="177"/>
        <source>Copied %n message(s).</source>
        <translation>
            <numerusform>已复制 %n 条短信。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="181"/>
        <source>Export for the SMS platform</source>
        <translation>导出到短信平台</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="182"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="191"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/care_dialog.py" line="196"/>
        <source>Exported %n message(s) to %1 (recorded in the audit log).</source>
        <translation>
            <numerusform>已导出 %n 条短信到 %1（已记入审计日志）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/care_dialog.py" line="209"/>
        <source>Logged %n care message(s) as sent.</source>
        <translation>
            <numerusform>已登记 %n 条关怀短信为已发送。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CareTemplatesDialog</name>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="229"/>
        <source>Care message templates</source>
        <translation>关怀短信模板</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="233"/>
        <source>&amp;Occasion</source>
        <translation>关怀事由(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="238"/>
        <source>&amp;Wording</source>
        <translation>短信内容(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="242"/>
        <source>Placeholders: %1 — the salutation (surname and 先生 or 女士), the full name, the product or date&apos;s name, the date, the tier and your name.</source>
        <translation>可用占位符：%1 —— 依次为称呼（姓加先生或女士）、全名、产品或纪念日名称、日期、客户等级和您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="248"/>
        <source>&amp;Restore the built-in wording</source>
        <translation>恢复默认内容(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="302"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>CareTexts</name>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="52"/>
        <source>Maturity notice</source>
        <translation>到期提醒</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="53"/>
        <source>Birthday</source>
        <translation>生日祝福</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="54"/>
        <source>Anniversary</source>
        <translation>纪念日祝福</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="55"/>
        <source>New tier reached</source>
        <translation>晋级贵宾</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="56"/>
        <source>After a purchase</source>
        <translation>购买后回访</translation>
    </message>
    <message>
        <location filename="../../ui/today/care_dialog.py" line="57"/>
        <source>New client</source>
        <translation>新客户问候</translation>
    </message>
</context>
<context>
    <name>ChecklistBox</name>
    <message>
        <location filename="../../ui/planner/checklist.py" line="57"/>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location filename="../../ui/planner/checklist.py" line="74"/>
        <source>Another item, e.g. 子女教育金测算表</source>
        <translation>其他物品，例如 子女教育金测算表</translation>
    </message>
    <message>
        <location filename="../../ui/planner/checklist.py" line="78"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <location filename="../../ui/common/client_choices.py" line="15"/>
        <source>Not set</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="15"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="15"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="19"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="20"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="21"/>
        <source>Military ID</source>
        <translation>军官证</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="22"/>
        <source>Birth certificate</source>
        <translation>出生证明</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="23"/>
        <location filename="../../ui/common/client_choices.py" line="40"/>
        <location filename="../../ui/common/client_choices.py" line="61"/>
        <location filename="../../ui/common/client_choices.py" line="87"/>
        <location filename="../../ui/common/client_choices.py" line="101"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="28"/>
        <source>Ordinary</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="29"/>
        <source>Gold card</source>
        <translation>金卡</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="30"/>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="31"/>
        <source>Diamond</source>
        <translation>钻石卡</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="32"/>
        <source>Private banking</source>
        <translation>私人银行</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="37"/>
        <source>Walk-in</source>
        <translation>自行到访</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="38"/>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="39"/>
        <source>Outlet staff</source>
        <translation>网点员工</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="45"/>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="46"/>
        <source>Conservative</source>
        <translation>保守型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="47"/>
        <source>Steady</source>
        <translation>稳健型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="48"/>
        <source>Balanced</source>
        <translation>平衡型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="49"/>
        <source>Growth</source>
        <translation>成长型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="50"/>
        <source>Aggressive</source>
        <translation>进取型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="54"/>
        <source>Young</source>
        <translation>青年</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="54"/>
        <source>Middle-aged</source>
        <translation>中年</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="54"/>
        <source>Retired</source>
        <translation>退休</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="58"/>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="59"/>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="60"/>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="65"/>
        <source>Preschool</source>
        <translation>学龄前</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="66"/>
        <source>Primary school</source>
        <translation>小学</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="67"/>
        <source>Middle school</source>
        <translation>初中</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="68"/>
        <source>High school</source>
        <translation>高中</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="69"/>
        <source>University</source>
        <translation>大学</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="70"/>
        <source>Working</source>
        <translation>已工作</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="73"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="74"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="75"/>
        <source>Birth date (YYYY-MM-DD)</source>
        <translation>出生日期（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="76"/>
        <source>Education</source>
        <translation>教育阶段</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="77"/>
        <source>Supported</source>
        <translation>需赡养</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="82"/>
        <source>Deposit</source>
        <translation>存款</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="83"/>
        <source>Wealth product</source>
        <translation>理财产品</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="84"/>
        <source>Fund</source>
        <translation>基金</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="85"/>
        <source>Insurance</source>
        <translation>保险</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="86"/>
        <source>Bond</source>
        <translation>债券</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="90"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="91"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="92"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="93"/>
        <source>Start (YYYY-MM-DD)</source>
        <translation>起始日（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="94"/>
        <source>Maturity (YYYY-MM-DD)</source>
        <translation>到期日（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="99"/>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="100"/>
        <source>Child&apos;s birthday</source>
        <translation>子女生日</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="104"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="105"/>
        <source>Date (YYYY-MM-DD)</source>
        <translation>日期（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="106"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="107"/>
        <source>Every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="112"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="113"/>
        <source>Work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="114"/>
        <source>Proposal</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/common/client_choices.py" line="115"/>
        <source>Receipt</source>
        <translation>保单回执</translation>
    </message>
</context>
<context>
    <name>ClientCardDialog</name>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="74"/>
        <source>Client file card</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="83"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="88"/>
        <source>New card: it is saved as you type, once it has a name.</source>
        <translation>新建档案：填写姓名后，输入内容会随时自动保存。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="97"/>
        <source>&amp;Personal</source>
        <translation>个人信息(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="101"/>
        <source>YYYY-MM-DD, filled from the ID number</source>
        <translation>年-月-日，可根据身份证号自动填写</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="103"/>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="107"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="108"/>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="109"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="110"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="111"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="112"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="113"/>
        <source>Other phone</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="114"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="115"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="116"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="122"/>
        <source>&amp;Family</source>
        <translation>家庭(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="122"/>
        <source>Add family member</source>
        <translation>添加家庭成员</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="124"/>
        <source>F&amp;inancial</source>
        <translation>财务信息(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="126"/>
        <source>yuan, e.g. 500000.00</source>
        <translation>以元为单位，例如 500000.00</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="131"/>
        <source>Assets at the bank</source>
        <translation>行内资产</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="132"/>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="133"/>
        <source>Risk preference</source>
        <translation>风险偏好</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="134"/>
        <source>Investments</source>
        <translation>投资情况</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="135"/>
        <source>Products held</source>
        <translation>持有产品</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="138"/>
        <source>Add product</source>
        <translation>添加产品</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="142"/>
        <source>&amp;Relationship</source>
        <translation>客户关系(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="145"/>
        <source>No outlet</source>
        <translation>无网点</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="147"/>
        <source>separate tags with spaces</source>
        <translation>多个标签用空格分隔</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="150"/>
        <source>Blacklisted (loan overdue)</source>
        <translation>列入黑名单（贷款逾期）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="153"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="154"/>
        <source>Segment</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="155"/>
        <source>Source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="156"/>
        <source>Outlet</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="157"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="158"/>
        <source>Hobbies</source>
        <translation>爱好</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="159"/>
        <source>Important dates</source>
        <translation>重要日期</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="160"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="162"/>
        <source>Blacklist reason</source>
        <translation>列入黑名单原因</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="165"/>
        <source>Add date</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="169"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="169"/>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="169"/>
        <source>Subject</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="169"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="170"/>
        <source>&amp;History</source>
        <translation>往来记录(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="178"/>
        <source>&amp;Open existing card</source>
        <translation>打开已有档案(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="179"/>
        <source>&amp;Merge into existing card</source>
        <translation>合并到已有档案(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="190"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="192"/>
        <source>Client &amp;card…</source>
        <translation>客户档案(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="193"/>
        <source>Card with &amp;full ID and phone numbers…</source>
        <translation>显示完整证件号和电话的档案(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="196"/>
        <source>Prin&amp;t…</source>
        <translation>打印(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="197"/>
        <source>Print the card as saved, or save it as a PDF (Ctrl+P)</source>
        <translation>按已保存的内容打印档案，或另存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="199"/>
        <source>&amp;Delete draft…</source>
        <translation>删除草稿(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="200"/>
        <source>Delete this draft card; you are asked first</source>
        <translation>删除此草稿档案，删除前会先询问</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="298"/>
        <source>Client file card: %1</source>
        <translation>客户档案：%1</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="315"/>
        <source>(from the birth date)</source>
        <translation>（根据出生日期计算）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="318"/>
        <source>%1, age %2</source>
        <translation>%1，%2 岁</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="367"/>
        <source>Phone invitation</source>
        <translation>电话邀约</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="368"/>
        <source>Needs interview</source>
        <translation>需求面谈</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="369"/>
        <source>Closing interview</source>
        <translation>成交面谈</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="376"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="377"/>
        <source>Signed</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="379"/>
        <source>Not closed</source>
        <translation>未成交</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="385"/>
        <source>Prepared</source>
        <translation>已准备</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="375"/>
        <location filename="../../ui/clients/card/dialog.py" line="386"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="387"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="388"/>
        <source>Appointment agreed</source>
        <translation>约定面谈</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="389"/>
        <source>Clear answer</source>
        <translation>明确答复</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="390"/>
        <source>Call back</source>
        <translation>约定回电</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="391"/>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="392"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="378"/>
        <location filename="../../ui/clients/card/dialog.py" line="393"/>
        <source>Closed the sale</source>
        <translation>已成交</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="394"/>
        <source>Follow-up</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="395"/>
        <source>Declined</source>
        <translation>未成交</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="405"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clients/card/dialog.py" line="406"/>
        <source>Saved as a draft: %n problem(s) to fix before the card is valid.</source>
        <translation>
            <numerusform>已存为草稿：还有 %n 个问题需修正，档案才算有效。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="414"/>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="517"/>
        <source>Not saved yet: a card needs a name.</source>
        <translation>尚未保存：档案需要先填写姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="520"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="551"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="567"/>
        <source>Client card: %1</source>
        <translation>客户档案：%1</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="591"/>
        <source>This looks like an existing card: %1 (%2, %3). Open it, or merge this card into it?</source>
        <translation>这似乎是已有的客户档案：%1（%2，%3）。要打开它，还是把此档案合并进去？</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="606"/>
        <source>Open existing card</source>
        <translation>打开已有档案</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="607"/>
        <source>Open %1&apos;s existing card and delete this new draft card? What you typed here is not kept; to keep it, merge instead.</source>
        <translation>打开 %1 的已有档案，并删除这份新建的草稿档案？此处输入的内容不会保留；如需保留，请改用合并。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="618"/>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location filename="../../ui/clients/card/dialog.py" line="619"/>
        <source>Delete the draft card of %1? This cannot be undone; the audit log keeps a note of it.</source>
        <translation>删除 %1 的草稿档案？此操作无法撤销；审计日志会留有记录。</translation>
    </message>
</context>
<context>
    <name>ClientImportDialog</name>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="46"/>
        <source>Import clients from CSV</source>
        <translation>从 CSV 导入客户</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="48"/>
        <source>Choose a CSV file (UTF-8 or GBK, as Excel saves it).</source>
        <translation>请选择 CSV 文件（UTF-8 或 GBK 编码，即 Excel 另存的格式）。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="50"/>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="52"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="52"/>
        <source>Card field</source>
        <translation>档案字段</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="65"/>
        <source>&amp;Import valid rows</source>
        <translation>导入有效行(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="67"/>
        <source>Save error &amp;report…</source>
        <translation>保存错误报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="69"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="81"/>
        <source>Columns: check where each column goes; unknown ones are ignored.</source>
        <translation>列对应关系：请确认每一列对应的字段；无法识别的列将被忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="94"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="95"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="96"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="97"/>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="98"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="99"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="100"/>
        <source>Other phone</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="101"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="102"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="103"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="104"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="105"/>
        <source>Source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="106"/>
        <source>Risk preference</source>
        <translation>风险偏好</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="107"/>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="108"/>
        <source>Assets (yuan)</source>
        <translation>行内资产（元）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="109"/>
        <source>Investments</source>
        <translation>投资情况</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="110"/>
        <source>Hobbies</source>
        <translation>爱好</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="111"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="112"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="113"/>
        <source>Outlet (code or name)</source>
        <translation>网点（代码或名称）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="114"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="115"/>
        <source>Blacklist reason</source>
        <translation>列入黑名单原因</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="120"/>
        <source>Import clients</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="120"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="129"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clients/import_dialog.py" line="139"/>
        <source>%1: %n row(s), read as %2.</source>
        <translation>
            <numerusform>%1：共 %n 行，按 %2 编码读取。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="152"/>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="175"/>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="183"/>
        <source>%1 rows: %2 can be imported, %3 have problems (%4 duplicates) and will be left out.</source>
        <translation>共 %1 行：%2 行可以导入，%3 行有问题（其中重复 %4 行），将不导入。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="189"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="189"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clients/import_dialog.py" line="206"/>
        <source>&amp;Import %n valid row(s)</source>
        <translation>
            <numerusform>导入 %n 行有效数据(&amp;I)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="232"/>
        <source>Imported %1 new card(s), updated %2; %3 row(s) left out.</source>
        <translation>已导入新档案 %1 张，更新 %2 张；%3 行未导入。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="239"/>
        <source>%1 row(s) to check: see the report.</source>
        <translation>另有 %1 行需要核对，详见报告。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="248"/>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="248"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/import_dialog.py" line="261"/>
        <source>Report saved to %1.</source>
        <translation>报告已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>ClientLinks</name>
    <message>
        <location filename="../../ui/proposals/editor/client_links.py" line="74"/>
        <source>Type the name first: a client card needs one.</source>
        <translation>请先填写姓名：客户档案必须有姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/client_links.py" line="94"/>
        <source>Not linked: %1</source>
        <translation>未关联：%1</translation>
    </message>
</context>
<context>
    <name>ClientList</name>
    <message>
        <location filename="../../ui/clients/page.py" line="52"/>
        <source>Search: name, pinyin (zs / zhangsan), 4+ phone digits, ID number tail, employer, tag</source>
        <translation>搜索：姓名、拼音（zs / zhangsan）、电话中任意 4 位以上数字、证件号码尾号、工作单位、标签</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="55"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="58"/>
        <source>All ages</source>
        <translation>全部年龄段</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="59"/>
        <source>Young (under 35)</source>
        <translation>青年（35 岁以下）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="60"/>
        <source>Middle-aged (35-59)</source>
        <translation>中年（35–59 岁）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="61"/>
        <source>Retired (60+)</source>
        <translation>退休（60 岁以上）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="64"/>
        <source>All outlets</source>
        <translation>全部网点</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="65"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="68"/>
        <source>Blacklist: any</source>
        <translation>黑名单：不限</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="69"/>
        <source>Not blacklisted</source>
        <translation>非黑名单</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="70"/>
        <source>Blacklisted only</source>
        <translation>仅黑名单客户</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="75"/>
        <source>&amp;New client</source>
        <translation>新建客户(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="76"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="77"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="78"/>
        <source>The cards shown, with ID and phone numbers masked</source>
        <translation>导出当前列表中的档案，证件号码和电话号码已脱敏</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="188"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clients/page.py" line="199"/>
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="224"/>
        <source>Export clients</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="224"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="236"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clients/page.py" line="240"/>
        <source>Exported %n card(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 张档案到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="242"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <location filename="../../ui/common/widgets/client_picker.py" line="50"/>
        <source>Type a client&apos;s name or pinyin</source>
        <translation>输入客户姓名或拼音</translation>
    </message>
</context>
<context>
    <name>ClientPickerDialog</name>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="41"/>
        <source>Choose a client</source>
        <translation>选择客户</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../ui/clients/table_model.py" line="47"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="48"/>
        <source>Gender / age</source>
        <translation>性别 / 年龄</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="49"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="50"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="51"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="52"/>
        <source>Outlet</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="53"/>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="54"/>
        <source>Next maturity</source>
        <translation>最近到期</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="55"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="58"/>
        <source>Ordinary</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="59"/>
        <source>Gold card</source>
        <translation>金卡</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="60"/>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="61"/>
        <source>Diamond</source>
        <translation>钻石卡</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="62"/>
        <source>Private banking</source>
        <translation>私人银行</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="142"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="144"/>
        <source>Draft: the card still has problems to fix</source>
        <translation>草稿：档案仍有问题需要修正</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="189"/>
        <source>(draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="191"/>
        <source>M</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/clients/table_model.py" line="191"/>
        <source>F</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../ui/clients/page.py" line="261"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="261"/>
        <source>Client files, prospects and outlet files.</source>
        <translation>客户档案、准客户与网点资料。</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="266"/>
        <source>Client files</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="274"/>
        <source>Outlet files</source>
        <translation>网点资料</translation>
    </message>
    <message>
        <location filename="../../ui/clients/page.py" line="280"/>
        <source>Prospects</source>
        <translation>准客户</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="501"/>
        <source>Close the day %1</source>
        <translation>结束当天 %1</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="504"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="504"/>
        <source>Client or outlet</source>
        <translation>客户或网点</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="504"/>
        <source>What to do</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="509"/>
        <source>&amp;Close the day</source>
        <translation>结束当天(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="524"/>
        <source>Carry over to the next working day</source>
        <translation>顺延到下一个工作日</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="525"/>
        <source>Done: reached the close</source>
        <translation>已完成：到达销售促成</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="526"/>
        <source>Done: not effective</source>
        <translation>已完成：未完成全流程</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="527"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="528"/>
        <source>Leave as planned</source>
        <translation>保持计划中</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/daily_summary_dialog.py" line="535"/>
        <source>%n visit(s) still planned today. Choose what happened to each, then close the day.</source>
        <translation>
            <numerusform>今天还有 %n 个拜访在计划中。请为每个选择处理方式，然后结束当天。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="541"/>
        <source>No visits are still planned. Closing locks the day&apos;s work log; later changes are corrections.</source>
        <translation>没有仍在计划中的拜访。结束后当天工作日志将锁定；之后的修改记为更正。</translation>
    </message>
</context>
<context>
    <name>ClosingInterviewDialog</name>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="72"/>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="447"/>
        <source>Closing interview</source>
        <translation>成交面谈记录表</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="82"/>
        <source>Product code or name, then pick it from the list</source>
        <translation>输入产品代码或名称，再从列表中选择</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="93"/>
        <source>e.g. 200000 or 20万</source>
        <translation>例如 200000 或 20万</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="95"/>
        <source>&amp;FAB presented</source>
        <translation>FAB的呈现(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="96"/>
        <source>Kept at the close &amp;three times or more</source>
        <translation>促成时坚持三次以上(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="98"/>
        <source>Objection</source>
        <translation>客户异议</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="98"/>
        <source>How it was handled</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="102"/>
        <source>&amp;Add an objection</source>
        <translation>添加异议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="115"/>
        <source>Follow-&amp;up on</source>
        <translation>后续跟进日期(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="126"/>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="269"/>
        <source>Mark &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="128"/>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="272"/>
        <source>New p&amp;roposal…</source>
        <translation>新建投保单(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="130"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="131"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="166"/>
        <source>&amp;Held on</source>
        <translation>面谈日期(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="169"/>
        <source>Plan pre&amp;sented</source>
        <translation>呈现的方案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="176"/>
        <source>Pre&amp;mium (yuan)</source>
        <translation>保费/金额（元）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="183"/>
        <source>Review</source>
        <translation>面谈回顾</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="184"/>
        <source>O&amp;bjections and how each was handled</source>
        <translation>异议及处理方法(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="186"/>
        <source>&amp;Other</source>
        <translation>其他(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="188"/>
        <source>What to &amp;improve this time</source>
        <translation>本次面谈需改进之处(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="190"/>
        <source>Outcom&amp;e</source>
        <translation>面谈结果(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="201"/>
        <source>Delete removes the selected row.</source>
        <translation>按 Delete 键删除所选行。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="222"/>
        <source>(not decided yet)</source>
        <translation>（尚未确定）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="223"/>
        <source>Closed</source>
        <translation>已成交</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="224"/>
        <source>Follow up</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="225"/>
        <source>Declined</source>
        <translation>未成交</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="256"/>
        <source>%1 (prospect)</source>
        <translation>%1（准客户）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="260"/>
        <source>%1 — visit at %2 %3</source>
        <translation>%1 —— 拜访时间 %2 %3</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="267"/>
        <source>Done: counted once in the work log.</source>
        <translation>已完成：已在工作日志中记录一次。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="267"/>
        <source>Draft: saved as typed.</source>
        <translation>草稿：随输随存。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="269"/>
        <source>Mark not &amp;done</source>
        <translation>取消已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="272"/>
        <source>Open the p&amp;roposal…</source>
        <translation>打开投保单(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="277"/>
        <source>A follow-up visit is in the planner.</source>
        <translation>跟进拜访已列入拜访计划。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="279"/>
        <source>A prospect has no card to visit: the date stays on this form.</source>
        <translation>准客户没有客户档案，无法安排拜访：跟进日期记在本表上。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="281"/>
        <source>Marked done, the follow-up becomes a visit in the planner.</source>
        <translation>标记为已完成后，跟进日期将列入拜访计划。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="291"/>
        <source>F: %1  A: %2  B: %3</source>
        <translation>特点：%1  优势：%2  利益：%3</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="302"/>
        <source>not an amount</source>
        <translation>不是有效金额</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="304"/>
        <source>= %1 yuan</source>
        <translation>= %1 元</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/closing_dialog.py" line="349"/>
        <source>Pick the product from the list: type part of its name or code.</source>
        <translation>请从列表中选择产品：输入产品名称或代码的一部分。</translation>
    </message>
</context>
<context>
    <name>CompetitorTable</name>
    <message>
        <location filename="../../ui/outlets/tables.py" line="274"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="275"/>
        <source>Yearly premium</source>
        <translation>年保费</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="276"/>
        <source>Last 3 months</source>
        <translation>近三个月</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="277"/>
        <source>Sales model</source>
        <translation>销售模式</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="278"/>
        <source>Strengths</source>
        <translation>优势</translation>
    </message>
</context>
<context>
    <name>DailySummaryDialog</name>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="80"/>
        <source>Daily plan &amp; summary: %1</source>
        <translation>每日工作计划与总结：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="92"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="89"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="92"/>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="89"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="92"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="93"/>
        <source>Sales-flow step</source>
        <translation>销售流程步骤</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="89"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="93"/>
        <source>Reached</source>
        <translation>达到此步</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="89"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="93"/>
        <source>Stopped here</source>
        <translation>止步于此</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="96"/>
        <source>What worked</source>
        <translation>做得好的</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="97"/>
        <source>What did not</source>
        <translation>存在的问题</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="104"/>
        <source>&amp;Summary</source>
        <translation>总结(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="120"/>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="122"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="143"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="122"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="146"/>
        <source>Client or outlet</source>
        <translation>客户或网点</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="122"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="135"/>
        <source>Plan for tomorrow</source>
        <translation>明日计划</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="137"/>
        <source>&amp;Tomorrow</source>
        <translation>明日计划(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="144"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="145"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="147"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="148"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="151"/>
        <source>&amp;Correct selected entry…</source>
        <translation>更正所选记录(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="153"/>
        <source>C&amp;hange selected entry…</source>
        <translation>修改所选记录(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="154"/>
        <source>D&amp;elete selected entry…</source>
        <translation>删除所选记录(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="155"/>
        <source>Remove a mistaken entry of an open day (Delete)</source>
        <translation>删除未关闭日子中记错的记录（Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="163"/>
        <source>Work &amp;log</source>
        <translation>工作日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="171"/>
        <source>&amp;Analysis by step</source>
        <translation>各环节分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="175"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="176"/>
        <source>Close the &amp;day…</source>
        <translation>结束当天(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="177"/>
        <source>Settle the visits still planned, then lock the day&apos;s log</source>
        <translation>处理仍在计划中的拜访，然后锁定当天日志</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="178"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="219"/>
        <source>Effective visits</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="220"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="421"/>
        <source>Leaflets</source>
        <translation>宣传单</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="221"/>
        <source>New prospects</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="222"/>
        <source>Care SMS</source>
        <translation>关怀短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="223"/>
        <source>Booked meetings</source>
        <translation>预约面谈</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="229"/>
        <source>Effective calls</source>
        <translation>有效电话数量</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="230"/>
        <source>Needs interviews</source>
        <translation>需求面谈数量</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="231"/>
        <source>Closing interviews</source>
        <translation>成交面谈数量</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="232"/>
        <source>Products sold and amounts</source>
        <translation>销售产品及金额</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="233"/>
        <source>After-sales services</source>
        <translation>售后服务数</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="244"/>
        <source>Identify &amp; approach</source>
        <translation>识别接触</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="245"/>
        <source>Raise the need</source>
        <translation>需求激发</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="246"/>
        <source>Present the product</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="247"/>
        <source>Handle objections</source>
        <translation>拒绝处理</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="248"/>
        <source>Close</source>
        <comment>sales-flow step: 销售促成</comment>
        <translation>销售促成</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="263"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="269"/>
        <source>%1: %2 policies, %3</source>
        <translation>%1：%2 件，%3</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="275"/>
        <source>Sold: %1</source>
        <translation>销售产品：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="275"/>
        <source>Sold: nothing yet</source>
        <translation>销售产品：暂无</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="297"/>
        <source>Next working day: %1</source>
        <translation>下一个工作日：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="332"/>
        <source>Entries of an open day are still counted as logged; corrections are for closed days.</source>
        <translation>未结束当天的记录按原样计算；更正仅用于已结束的日期。</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="334"/>
        <source>The day is closed: the log is locked.</source>
        <translation>当天已结束：工作日志已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="343"/>
        <source>Correction: %1</source>
        <translation>更正：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="357"/>
        <source>Replaced by a correction; not counted</source>
        <translation>已被更正记录取代，不再计数</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="379"/>
        <source>Delete entry</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="380"/>
        <source>Delete the entry %1 %2 %3? It is removed from the day&apos;s counts; the audit log keeps a record.</source>
        <translation>删除记录 %1 %2 %3？它将不再计入当天统计；审计日志会保留记录。</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="397"/>
        <source>Change entry</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="397"/>
        <source>Quantity:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="418"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="419"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="420"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="422"/>
        <source>New prospect</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="423"/>
        <source>Meeting</source>
        <translation>会面</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="424"/>
        <source>Outlet work</source>
        <translation>网点工作</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="425"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="433"/>
        <location filename="../../ui/today/daily_summary_dialog.py" line="437"/>
        <source>Correct entry</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="433"/>
        <source>Correct quantity:</source>
        <translation>正确的数量：</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="437"/>
        <source>Reason for the correction:</source>
        <translation>更正原因：</translation>
    </message>
    <message>
        <location filename="../../ui/today/daily_summary_dialog.py" line="470"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>DayFormsDialog</name>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="40"/>
        <source>Calls and morning notes, %1</source>
        <translation>电话邀约与早会记录（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="45"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="45"/>
        <source>Agreed meeting</source>
        <translation>约定面谈</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="50"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="50"/>
        <source>Points or title</source>
        <translation>要点或标题</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="51"/>
        <source>&amp;New call…</source>
        <translation>新建电话邀约(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="52"/>
        <source>&amp;Morning notes…</source>
        <translation>早会记录(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="53"/>
        <source>News &amp;excerpt…</source>
        <translation>财经要闻(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="54"/>
        <source>&amp;Search…</source>
        <translation>搜索(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="55"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="56"/>
        <source>&amp;Calls of the day (Enter opens)</source>
        <translation>当天的电话邀约（回车打开）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="58"/>
        <source>M&amp;orning</source>
        <translation>早会与要闻(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="92"/>
        <source>Prepared</source>
        <translation>已准备</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="99"/>
        <source>Morning meeting</source>
        <translation>早会</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/day_dialog.py" line="103"/>
        <source>News</source>
        <translation>财经要闻</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <location filename="../../ui/today/page.py" line="72"/>
        <source>This profile is empty. Open the demo profile to look around a populated day with made-up clients? It uses its own folder and never mixes with your data.</source>
        <translation>当前档案还没有数据。要打开演示档案，用虚构的客户看看忙碌的一天吗？演示档案使用单独的文件夹，绝不会与您的数据混在一起。</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="78"/>
        <source>Open d&amp;emo profile</source>
        <translation>打开演示档案(&amp;E)</translation>
    </message>
</context>
<context>
    <name>FailureTexts</name>
    <message>
        <location filename="../../ui/common/failures.py" line="35"/>
        <source>Something went wrong and this step was not done. The details are in the log, reference %1.</source>
        <translation>出了点问题，这一步没有完成。详情已记入日志，编号 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/common/failures.py" line="39"/>
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="196"/>
        <source>Welcome to BranchDesk</source>
        <translation>欢迎使用网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="199"/>
        <source>Tell BranchDesk who you are and where you work. Your name, staff number and phone fill the account manager&apos;s section of every new proposal. You can change all of this later under Settings (Ctrl+,).</source>
        <translation>请填写您的身份和所在网点。姓名、工号和电话会自动填入每份新投保单的“客户经理”栏。以后可在“设置”（Ctrl+,）中修改。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="208"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="209"/>
        <source>S&amp;kip for now</source>
        <translation>暂时跳过(&amp;K)</translation>
    </message>
</context>
<context>
    <name>HandoverDraftDialog</name>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="97"/>
        <source>New handover list</source>
        <translation>新建交接清单</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="97"/>
        <source>Edit handover list</source>
        <translation>编辑交接清单</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="113"/>
        <source>Application materials (投保资料交接清单)</source>
        <translation>投保资料交接清单</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="114"/>
        <source>Policy contracts and receipts (保险合同交接清单)</source>
        <translation>保险合同交接清单（含回执）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="121"/>
        <source>(any outlet)</source>
        <translation>（任意网点）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="123"/>
        <source>Name of the teller who receives the papers</source>
        <translation>接收资料的柜员姓名</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="128"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="129"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="130"/>
        <source>&amp;Outlet:</source>
        <translation>网点(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="131"/>
        <source>&amp;Teller:</source>
        <translation>柜员(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="136"/>
        <source>Document</source>
        <translation>单证</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="136"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="136"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="136"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="150"/>
        <source>&amp;Documents handed over (Space ticks, F2 edits the copies):</source>
        <translation>交接的单证(&amp;D)（空格键勾选，F2 修改份数）：</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="313"/>
        <source>No documents are waiting to be handed over for this kind and outlet.</source>
        <translation>该类型和网点没有待交接的单证。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="316"/>
        <source>%1 document(s) ticked, %2 copies in all.</source>
        <translation>已勾选 %1 份单证，共 %2 份。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/draft_dialog.py" line="340"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="55"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="55"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="55"/>
        <source>Outlet</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="55"/>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="56"/>
        <source>Documents</source>
        <translation>单证数</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="56"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="63"/>
        <source>&amp;New list…</source>
        <translation>新建清单(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="64"/>
        <source>Put together a new handover list (Ctrl+Shift+N)</source>
        <translation>新建一份交接清单（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="65"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="66"/>
        <source>&amp;Sign…</source>
        <translation>签字(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="67"/>
        <source>The manager and the teller both sign the list</source>
        <translation>客户经理和柜员双方在清单上签字</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="68"/>
        <source>&amp;Preview / print…</source>
        <translation>预览/打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="69"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="70"/>
        <source>Delete this draft (Del); signed lists are kept</source>
        <translation>删除此草稿（Del）；已签字的清单会保留</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="71"/>
        <source>Show &amp;older lists</source>
        <translation>显示更早的清单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="135"/>
        <source>Application materials</source>
        <translation>投保资料</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="135"/>
        <source>Policy contracts</source>
        <translation>保险合同</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="140"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="140"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="151"/>
        <source>No handover lists yet. Press Ctrl+Shift+N to put one together.</source>
        <translation>还没有交接清单。按 Ctrl+Shift+N 新建。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="219"/>
        <source>Delete handover list</source>
        <translation>删除交接清单</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="220"/>
        <source>Delete the draft handover list of %1 for %2? This cannot be undone.</source>
        <translation>删除 %1 交给 %2 的交接清单草稿？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="240"/>
        <source>Draft deleted.</source>
        <translation>草稿已删除。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/panel.py" line="244"/>
        <source>Signed by both. The list can no longer change.</source>
        <translation>双方已签字，清单不能再修改。</translation>
    </message>
</context>
<context>
    <name>HandoverSignDialog</name>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="35"/>
        <source>Sign handover list</source>
        <translation>交接清单签字</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="40"/>
        <source>I hand over the documents listed, in the numbers of copies shown.</source>
        <translation>本人已按所列份数移交上述单证。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="43"/>
        <source>I have received the documents listed and checked them against the list.</source>
        <translation>本人已收到上述单证，并已按清单核对。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="47"/>
        <source>Manager: %1</source>
        <translation>客户经理：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="48"/>
        <source>Teller: %1</source>
        <translation>柜员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="59"/>
        <source>&amp;Sign</source>
        <translation>签字(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="82"/>
        <source>Both the manager and the teller must sign in their boxes.</source>
        <translation>客户经理和柜员都必须在各自的框内签字。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="89"/>
        <source>Signing…</source>
        <translation>正在签字…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/handover/sign_dialog.py" line="108"/>
        <source>The list could not be signed: %1</source>
        <translation>清单无法签字：%1</translation>
    </message>
</context>
<context>
    <name>HealthSection</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="272"/>
        <source>Health questions (about the insured)</source>
        <translation>健康告知（被保险人）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="274"/>
        <source>Hospitalised or operated on in the past two years</source>
        <translation>过去两年内曾住院或手术</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="275"/>
        <source>A chronic disease (e.g. high blood pressure, diabetes)</source>
        <translation>患有慢性病（如高血压、糖尿病）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="276"/>
        <source>Pregnant, or gave birth in the past weeks</source>
        <translation>正在怀孕，或最近数周内分娩</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="277"/>
        <source>Disabled</source>
        <translation>残疾</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="282"/>
        <source>Weeks pregnant; a negative number counts the weeks since birth</source>
        <translation>怀孕周数；负数表示分娩后的周数</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="285"/>
        <source>Weeks pregnant (−: since birth)</source>
        <translation>孕周（负数：产后）</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="196"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致。请输入相同的 PIN 两次。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/idle_lock.py" line="214"/>
        <source>Too many wrong tries. Wait %n s, then try again.</source>
        <translation>
            <numerusform>错误次数过多。请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/idle_lock.py" line="216"/>
        <source>Wrong PIN. Tries left before a 30-second wait: %n.</source>
        <translation>
            <numerusform>PIN 错误。再错 %n 次将需等待 30 秒。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="80"/>
        <source>Head office letter</source>
        <translation>总公司函件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="93"/>
        <source>The client&apos;s decision</source>
        <translation>客户的决定</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="94"/>
        <source>&amp;Accepts the underwriting decision</source>
        <translation>接受核保结论(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="95"/>
        <source>Does &amp;not accept the underwriting decision</source>
        <translation>不接受核保结论(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="113"/>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="113"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="113"/>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="114"/>
        <source>Head office&apos;s reply</source>
        <translation>总公司回复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="118"/>
        <source>Answers sent</source>
        <translation>已发送的答复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="120"/>
        <source>Your answer</source>
        <translation>您的答复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="124"/>
        <source>What was done, what the client provided or agreed</source>
        <translation>已办理的事项、客户提供或同意的内容</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="128"/>
        <source>Photos, scans or PDFs of what the client signed or provided (drop files on the list; at most 10 MB each)</source>
        <translation>客户签署或提供材料的照片、扫描件或 PDF（可将文件拖到列表中；每个不超过 10 兆字节）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="131"/>
        <source>Add &amp;file…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="132"/>
        <source>&amp;Remove file</source>
        <translation>移除文件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="142"/>
        <source>&amp;Text:</source>
        <translation>答复内容(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="146"/>
        <source>Fi&amp;les:</source>
        <translation>附件(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="155"/>
        <location filename="../../ui/proposals/letters/dialog.py" line="222"/>
        <source>&amp;Book examination…</source>
        <translation>预约体检(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="156"/>
        <source>Put the examination on the Planner as a visit</source>
        <translation>将体检作为一次拜访列入拜访计划</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="158"/>
        <location filename="../../ui/proposals/letters/dialog.py" line="225"/>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="159"/>
        <source>Send the answer to head office (Ctrl+Enter)</source>
        <translation>将答复发送给总公司（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="160"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="201"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="222"/>
        <source>Move &amp;examination…</source>
        <translation>改约体检(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="224"/>
        <source>Sign and &amp;send…</source>
        <translation>签名并发送(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="228"/>
        <source>Answered; waiting for head office&apos;s reply.</source>
        <translation>已答复，等待总公司回复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="230"/>
        <source>Answered.</source>
        <translation>已答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="266"/>
        <location filename="../../ui/proposals/letters/dialog.py" line="462"/>
        <source>Head office says</source>
        <translation>总公司说明</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="267"/>
        <source>Issued</source>
        <translation>发函日期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="270"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="271"/>
        <source>Answer by</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="272"/>
        <source>%1 (policyholder), %2 (insured)</source>
        <translation>%1（投保人），%2（被保险人）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="273"/>
        <source>Proposal</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="279"/>
        <source>%1, %2 min, on the Planner</source>
        <translation>%1，%2 分钟，已列入拜访计划</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="280"/>
        <location filename="../../ui/proposals/letters/dialog.py" line="282"/>
        <source>Booked</source>
        <translation>体检预约</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="282"/>
        <source>not yet</source>
        <translation>尚未预约</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="287"/>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="297"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="300"/>
        <source>signed by %1</source>
        <translation>%1已签名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="303"/>
        <source>Choose, then the policyholder and the insured sign on the pad.</source>
        <translation>请先选择，然后由投保人和被保险人在签名板上签名。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="314"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="316"/>
        <source>waiting</source>
        <translation>等待回复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="325"/>
        <source>No answer sent yet</source>
        <translation>尚未发送答复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="349"/>
        <source>Add files to the answer</source>
        <translation>为答复添加文件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="351"/>
        <source>Photos, scans and PDFs (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>照片、扫描件和 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="352"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="367"/>
        <source>Adding files…</source>
        <translation>正在添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="405"/>
        <source>Booking…</source>
        <translation>正在预约…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="414"/>
        <source>Examination booked at %1.</source>
        <translation>已预约在%1体检。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="415"/>
        <source>the hospital</source>
        <translation>体检医院</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="434"/>
        <location filename="../../ui/proposals/letters/dialog.py" line="500"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="455"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="463"/>
        <source>The client</source>
        <translation>客户决定</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="464"/>
        <source>Underwriting decision notice</source>
        <translation>核保通知函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="472"/>
        <source>Choose whether the client accepts the decision.</source>
        <translation>请选择客户是否接受核保结论。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="476"/>
        <source>Sign the underwriting decision</source>
        <translation>签署核保结论</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="478"/>
        <source>Please explain the underwriting decision to the client. By signing, the policyholder and the insured confirm that it was explained and that the client&apos;s choice above is their own.</source>
        <translation>请向客户说明核保结论。投保人和被保险人签名，即确认核保结论已向其说明，且以上选择为其本人的决定。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="481"/>
        <source>%1 %2: the decision was explained to me and the choice above is mine.</source>
        <translation>%1 %2：核保结论已向我说明，以上选择是我本人的决定。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/dialog.py" line="484"/>
        <source>Sign and &amp;send</source>
        <translation>签名并发送(&amp;S)</translation>
    </message>
</context>
<context>
    <name>LetterTexts</name>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="21"/>
        <source>Contract review letter</source>
        <translation>合同审核函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="22"/>
        <source>Medical examination notice</source>
        <translation>体检通知函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="23"/>
        <source>Investigation notice</source>
        <translation>调查通知函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="24"/>
        <source>Financial evidence letter</source>
        <translation>财务资料函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="25"/>
        <source>Health evidence letter</source>
        <translation>健康资料函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="26"/>
        <source>Underwriting decision notice</source>
        <translation>核保通知函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="27"/>
        <source>Problem case</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="33"/>
        <source>The client signs to confirm the review, with proof if needed. Answer within 10 days of issue, attaching the signed letter.</source>
        <translation>客户签名确认审核事项，必要时提供证明。请在发函后 10 日内答复，并附上已签署的函件。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="35"/>
        <source>The client is examined at the company&apos;s hospital within 10 days of issue, bringing a photo and ID. Book the examination, then answer once it is done.</source>
        <translation>客户须在发函后 10 日内到公司指定医院体检，携带照片和身份证件。请预约体检，体检完成后答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="37"/>
        <source>An investigator visits the client. Arrange the visit within 10 days of issue and answer with what was agreed.</source>
        <translation>调查人员将拜访客户。请在发函后 10 日内安排调查，并答复约定情况。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="39"/>
        <source>Collect the financial documents asked for and attach them. Answer within 10 days of issue.</source>
        <translation>收集所要求的财务资料并作为附件上传。请在发函后 10 日内答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="41"/>
        <source>Collect the health documents asked for and attach them. Answer within 10 days of issue.</source>
        <translation>收集所要求的健康资料并作为附件上传。请在发函后 10 日内答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="43"/>
        <source>Explain the decision to the client, who accepts or declines it; the policyholder and the insured each sign. Answer within 10 days of issue.</source>
        <translation>向客户说明核保结论，由客户选择接受或不接受，投保人和被保险人分别签名。请在发函后 10 日内答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="45"/>
        <source>Answer head office&apos;s question within 10 days of issue.</source>
        <translation>请在发函后 10 日内答复总公司的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="50"/>
        <source>To confirm</source>
        <translation>审核事项</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="51"/>
        <source>Hospital</source>
        <translation>体检医院</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="52"/>
        <source>Examination items</source>
        <translation>体检项目</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="53"/>
        <source>Examination time</source>
        <translation>体检时间</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="54"/>
        <source>Investigator</source>
        <translation>调查人员</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="55"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="56"/>
        <source>Investigator&apos;s visit</source>
        <translation>调查时间</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="57"/>
        <source>Documents asked for</source>
        <translation>所需资料</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="58"/>
        <source>Conclusion</source>
        <translation>核保结论</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="59"/>
        <source>Extra premium</source>
        <translation>加费金额</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="60"/>
        <source>Exclusions</source>
        <translation>除外责任</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="61"/>
        <source>Rated sum insured</source>
        <translation>核定保额</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="66"/>
        <source>Accepted at standard rates</source>
        <translation>标准体承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="67"/>
        <source>Accepted with an extra premium</source>
        <translation>加费承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="68"/>
        <source>Accepted with exclusions</source>
        <translation>除外责任承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="69"/>
        <source>Accepted for a reduced sum insured</source>
        <translation>降低保额承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="70"/>
        <source>Postponed</source>
        <translation>延期承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="71"/>
        <source>Declined</source>
        <translation>拒保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="75"/>
        <source>Accepts the underwriting decision</source>
        <translation>接受核保结论</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="76"/>
        <source>Does not accept the underwriting decision</source>
        <translation>不接受核保结论</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="79"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="79"/>
        <source>Asks again</source>
        <translation>再次提问</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="79"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/letters/texts.py" line="82"/>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="60"/>
        <source>BranchDesk is locked</source>
        <translation>网点工作台已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="68"/>
        <source>The same PIN again</source>
        <translation>再次输入相同的 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="69"/>
        <location filename="../../ui/shell/idle_lock.py" line="92"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="90"/>
        <source>PIN or password</source>
        <translation>PIN 或密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="91"/>
        <source>Type your PIN to go on. Nothing you typed is lost.</source>
        <translation>输入 PIN 以继续。您输入的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="94"/>
        <source>New PIN (4-12 digits) or password</source>
        <translation>新 PIN（4–12 位数字）或密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="95"/>
        <source>No PIN is set yet. Choose one now: it unlocks BranchDesk from now on.</source>
        <translation>尚未设置 PIN。请现在设置一个：以后用它解锁网点工作台。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/idle_lock.py" line="96"/>
        <source>Set PIN and unlock</source>
        <translation>设置 PIN 并解锁</translation>
    </message>
</context>
<context>
    <name>LogEntryDialog</name>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="44"/>
        <source>Log a contact</source>
        <translation>记录一次联系</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="48"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="49"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="50"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="51"/>
        <source>Meeting</source>
        <translation>面谈</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="52"/>
        <source>Outlet work</source>
        <translation>网点工作</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="53"/>
        <source>Leaflets</source>
        <translation>宣传单</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="54"/>
        <source>New prospect</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="55"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="66"/>
        <source>(not a sales conversation)</source>
        <translation>（非销售沟通）</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="67"/>
        <source>Identify &amp; approach</source>
        <translation>识别接触</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="68"/>
        <source>Raise the need</source>
        <translation>需求激发</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="69"/>
        <source>Present the product</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="70"/>
        <source>Handle objections</source>
        <translation>拒绝处理</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="71"/>
        <source>Close</source>
        <comment>sales-flow step: 销售促成</comment>
        <translation>销售促成</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="74"/>
        <source>Effective: the whole sales flow was run (counts toward “5 visits”)</source>
        <translation>有效：完整走完销售流程（计入“5访”目标）</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="82"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="83"/>
        <source>&amp;Time</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="84"/>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="85"/>
        <source>C&amp;lient</source>
        <translation>客户(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="86"/>
        <source>&amp;Furthest step</source>
        <translation>最远步骤(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="91"/>
        <source>&amp;Outcome</source>
        <translation>结果(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="92"/>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="93"/>
        <source>Log it</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/today/log_entry_dialog.py" line="94"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="77"/>
        <source>Log in to head office</source>
        <translation>登录总公司</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="86"/>
        <source>e.g. BJ0107</source>
        <translation>例如 BJ0107</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="90"/>
        <source>The token head office gave you</source>
        <translation>总公司发给您的令牌</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="93"/>
        <source>Only if IT gave you one</source>
        <translation>仅当信息科技部门提供时填写</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="94"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="99"/>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="108"/>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="109"/>
        <source>&amp;Manager code:</source>
        <translation>客户经理工号(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="110"/>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="111"/>
        <source>&amp;Certificate bundle:</source>
        <translation>证书文件(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="114"/>
        <source>The token is checked with head office, then kept in this computer&apos;s password store, never in a file.</source>
        <translation>令牌先经总公司核验，然后保存在本机的密码库中，绝不写入文件。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="146"/>
        <source>A token for unattended runs is set on this computer: it is used instead of the token you log in with, for as long as it is set.</source>
        <translation>这台电脑上设置了无人值守运行用的令牌：只要它还在，就用它代替您登录时输入的令牌。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="157"/>
        <source>Set by your IT department</source>
        <translation>由信息科技部统一设置</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="166"/>
        <source>Certificate bundle</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="167"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="182"/>
        <source>Checking with head office…</source>
        <translation>正在向总公司核验…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="190"/>
        <source>Logged in to %1 as manager %2.</source>
        <translation>已以客户经理 %2 的身份登录 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="193"/>
        <source>Careful: this profile&apos;s manager code is %1, so head office will refuse its proposals under %2.</source>
        <translation>注意：本档案的客户经理工号是 %1，总公司会拒收以 %2 登录时发送的这些投保单。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="83"/>
        <location filename="../../ui/shell/main_window.py" line="344"/>
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="118"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="119"/>
        <source>Planner</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="120"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="121"/>
        <source>Proposals</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="122"/>
        <source>Receipts</source>
        <translation>保单回执</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="123"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="124"/>
        <source>Summaries</source>
        <translation>业绩总结</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="344"/>
        <source>BranchDesk (demo profile)</source>
        <translation>网点工作台（演示档案）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="377"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="389"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="393"/>
        <source>Sec&amp;urity…</source>
        <translation>安全设置(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="396"/>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="390"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>ManagerFields</name>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="71"/>
        <source>mobile, or landline with area code</source>
        <translation>手机号，或带区号的固定电话</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="80"/>
        <source>Pick an outlet file or type a name</source>
        <translation>选择网点档案，或输入网点名称</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="81"/>
        <source>&amp;Add outlet</source>
        <translation>添加网点(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="82"/>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="91"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="92"/>
        <source>&amp;Staff number (工号):</source>
        <translation>工号(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="93"/>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="95"/>
        <source>&amp;Outlets:</source>
        <translation>所在网点(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="99"/>
        <source>&amp;Head office address:</source>
        <translation>总公司地址(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="100"/>
        <source>The address head office gave you, starting with https://. It can be left empty until you log in to head office.</source>
        <translation>总公司提供的地址，以 https:// 开头。登录总公司之前可以先留空。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="154"/>
        <source>Set by your IT department</source>
        <translation>由信息科技部统一设置</translation>
    </message>
    <message>
        <location filename="../../ui/shell/first_start_dialog.py" line="156"/>
        <source>Set by your IT department; it cannot be changed here.</source>
        <translation>由信息科技部统一设置，不能在此更改。</translation>
    </message>
</context>
<context>
    <name>ManagerSection</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="345"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="347"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="348"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="349"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>MorningNoteDialog</name>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="106"/>
        <source>Morning meeting notes</source>
        <translation>早会信息记录表</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="113"/>
        <source>One point a line</source>
        <translation>每行一条要点</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="115"/>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="116"/>
        <source>&amp;Points</source>
        <translation>要点(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="117"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NeedsChart</name>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="39"/>
        <source>Need, cover and gap</source>
        <translation>需求、已有准备与缺口</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="43"/>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="43"/>
        <source>Cover</source>
        <translation>已有准备</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="43"/>
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="49"/>
        <source>Protection</source>
        <translation>家庭保障</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="52"/>
        <source>Education</source>
        <translation>子女教育金</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="55"/>
        <source>Pension</source>
        <translation>养老</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="66"/>
        <source>No figures yet: fill in the inputs of a calculator.</source>
        <translation>尚无测算结果：请填写某项测算所需的数字。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="71"/>
        <source>%1 %2 yuan</source>
        <translation>%1 %2 元</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_chart.py" line="101"/>
        <source>%1 ×10k</source>
        <translation>%1 万</translation>
    </message>
</context>
<context>
    <name>NeedsInterviewDialog</name>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="94"/>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="448"/>
        <source>Needs interview</source>
        <translation>需求面谈表</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="103"/>
        <source>Da&amp;te</source>
        <translation>日期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="104"/>
        <source>P&amp;reparation</source>
        <translation>面谈准备(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="105"/>
        <source>&amp;Before</source>
        <translation>面谈前(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="113"/>
        <source>&amp;Relationship</source>
        <translation>建立关系(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="114"/>
        <source>&amp;Needs found</source>
        <translation>发现的需求(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="115"/>
        <source>Fa&amp;mily</source>
        <translation>家庭情况(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="120"/>
        <source>Goals</source>
        <translation>需求目标</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="121"/>
        <source>Income, cover and assets</source>
        <translation>收入、保障与资产</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="122"/>
        <source>Cover and assets in words</source>
        <translation>现有保障与资产（文字）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="123"/>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="193"/>
        <source>Children&apos;s education</source>
        <translation>子女教育</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="124"/>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="194"/>
        <source>Pension</source>
        <translation>养老规划</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="125"/>
        <source>Rates</source>
        <translation>费率假设</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="133"/>
        <source>D&amp;uring</source>
        <translation>面谈中(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="138"/>
        <source>&amp;Analysis</source>
        <translation>客户情况分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="139"/>
        <source>A&amp;fter</source>
        <translation>面谈后(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="161"/>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="305"/>
        <source>Mark &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="162"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="163"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="195"/>
        <source>Health</source>
        <translation>健康保障</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="196"/>
        <source>Wealth</source>
        <translation>财富管理</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="197"/>
        <source>Protection</source>
        <translation>家庭保障</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="204"/>
        <source>Annual &amp;income (yuan)</source>
        <translation>年收入（元）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="205"/>
        <source>Debts (yuan)</source>
        <translation>负债（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="206"/>
        <source>Existing life cover (yuan)</source>
        <translation>已有寿险保额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="207"/>
        <source>Liquid assets (yuan)</source>
        <translation>可变现资产（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="208"/>
        <source>Years of income to cover</source>
        <translation>保障收入年数</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="213"/>
        <source>Child&apos;s name</source>
        <translation>子女姓名</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="214"/>
        <source>Child&apos;s age</source>
        <translation>子女年龄</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="215"/>
        <source>University cost a year, today (yuan)</source>
        <translation>大学每年费用，按今日（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="216"/>
        <source>Age starting university</source>
        <translation>入学年龄</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="217"/>
        <source>Years of study</source>
        <translation>就读年数</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="218"/>
        <source>Set aside for it (yuan)</source>
        <translation>已准备教育金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="223"/>
        <source>Current age</source>
        <translation>当前年龄</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="224"/>
        <source>Retirement age</source>
        <translation>退休年龄</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="225"/>
        <source>Monthly income wanted, today (yuan)</source>
        <translation>期望月收入，按今日（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="226"/>
        <source>Social pension a month, today (yuan)</source>
        <translation>社保养老金每月，按今日（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="227"/>
        <source>Years in retirement</source>
        <translation>退休后年数</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="228"/>
        <source>Pension savings (yuan)</source>
        <translation>已有养老储备（元）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="233"/>
        <source>Inflation (% a year)</source>
        <translation>通胀率（每年 %）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="234"/>
        <source>Expected return (% a year)</source>
        <translation>预期收益率（每年 %）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="302"/>
        <source>Needs interview: %1, %2</source>
        <translation>需求面谈表：%1，%2</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="303"/>
        <source>Done: counted in the work log.</source>
        <translation>已完成：已计入工作日志。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="303"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="305"/>
        <source>&amp;Take back done</source>
        <translation>取消已完成(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="330"/>
        <source>%1: “%2” is not a number.</source>
        <translation>%1：“%2”不是有效数字。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="359"/>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="364"/>
        <source>Protection gap: %1 (need %2, cover %3); premium budget %4 a year</source>
        <translation>保障缺口：%1（需求 %2，已有 %3）；年缴保费预算 %4</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="369"/>
        <source>Protection gap: type the annual income.</source>
        <translation>保障缺口：请填写年收入。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="373"/>
        <source>Education fund: %1 needed today (%2 as spent over %3 years from %4 years on); gap %5</source>
        <translation>教育金：今日需准备 %1（%4 年后起 %3 年共支出 %2）；缺口 %5</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="379"/>
        <source>Education fund: type the child&apos;s age and the cost a year.</source>
        <translation>教育金：请填写子女年龄和每年费用。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="383"/>
        <source>Pension gap: %1 (%2 needed at retirement in %3 years, savings then %4)</source>
        <translation>养老缺口：%1（%3 年后退休时需 %2，届时储备 %4）</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="388"/>
        <source>Pension gap: type the current age and the monthly income wanted.</source>
        <translation>养老缺口：请填写当前年龄和期望月收入。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="422"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="437"/>
        <source>Marked done.</source>
        <translation>已标记为完成。</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/needs_dialog.py" line="437"/>
        <source>Back to draft.</source>
        <translation>已改回草稿。</translation>
    </message>
</context>
<context>
    <name>NewsDialog</name>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="150"/>
        <source>Financial news excerpt</source>
        <translation>财经要闻摘录表</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="168"/>
        <source>News &amp;date</source>
        <translation>新闻日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="169"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="170"/>
        <source>&amp;Key content</source>
        <translation>要点内容(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="171"/>
        <source>&amp;Matching products (Space ticks)</source>
        <translation>相应产品（空格键勾选）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="172"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OutletEditor</name>
    <message>
        <location filename="../../ui/outlets/editor.py" line="78"/>
        <source>Add staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="78"/>
        <source>Birthdays as year-month-day, e.g. 1985-03-14.</source>
        <translation>生日格式为 年-月-日，例如 1985-03-14。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="79"/>
        <source>Add competitor</source>
        <translation>添加竞争对手</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="79"/>
        <source>Premiums in yuan.</source>
        <translation>保费以元为单位。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="80"/>
        <source>Add item</source>
        <translation>添加物品</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="80"/>
        <source>Rows at or below their reorder level are highlighted.</source>
        <translation>数量不高于补货线的行会突出显示。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="99"/>
        <source>Co&amp;de</source>
        <translation>代码(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="99"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="100"/>
        <source>&amp;Bank</source>
        <translation>银行(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="100"/>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="101"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="102"/>
        <source>Not&amp;es</source>
        <translation>备注(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="117"/>
        <source>Deposits &amp;&amp; targets (yuan)</source>
        <translation>存款与目标（元）</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="120"/>
        <source>Personal deposits</source>
        <translation>个人存款</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="121"/>
        <source>Corporate deposits</source>
        <translation>对公存款</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="122"/>
        <source>Deposit target</source>
        <translation>存款目标</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="123"/>
        <source>Premium target</source>
        <translation>保费目标</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="141"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="142"/>
        <source>Removes the selected rows (Delete key)</source>
        <translation>删除所选行（Delete 键）</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="272"/>
        <source>Enter the outlet code.</source>
        <translation>请填写网点代码。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="273"/>
        <source>The outlet code has at most 32 characters.</source>
        <translation>网点代码最多 32 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="274"/>
        <source>Another outlet already has the code %1.</source>
        <translation>已有其他网点使用代码 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="277"/>
        <source>Enter the outlet name.</source>
        <translation>请填写网点名称。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="279"/>
        <source>Enter the outlet phone as a landline with its area code (e.g. 010-62345678) or a mobile number.</source>
        <translation>网点电话请填写带区号的固定电话（例如 010-62345678）或手机号。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="281"/>
        <source>Amounts cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="282"/>
        <source>Enter amounts in yuan, e.g. 1,250,000.00.</source>
        <translation>请以元为单位填写金额，例如 1,250,000.00。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="283"/>
        <source>enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="284"/>
        <source>choose a role.</source>
        <translation>请选择岗位。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="286"/>
        <source>enter a mobile number (e.g. 13812345678) or a landline with its area code (e.g. 010-62345678).</source>
        <translation>请填写手机号（例如 13812345678）或带区号的固定电话（例如 010-62345678）。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="288"/>
        <source>the birthday is in the future.</source>
        <translation>生日晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="289"/>
        <source>enter the birthday as year-month-day, e.g. 1985-03-14.</source>
        <translation>生日格式为 年-月-日，例如 1985-03-14。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="290"/>
        <source>enter the company.</source>
        <translation>请填写公司名称。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="291"/>
        <source>amounts cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="292"/>
        <source>enter amounts in yuan, e.g. 1,250,000.00.</source>
        <translation>请以元为单位填写金额，例如 1,250,000.00。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="293"/>
        <source>choose form or brochure.</source>
        <translation>请选择单证或宣传册。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="294"/>
        <source>enter the item.</source>
        <translation>请填写物品名称。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="295"/>
        <source>counts cannot be negative.</source>
        <translation>数量不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="296"/>
        <source>enter a whole number.</source>
        <translation>请填写整数。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="302"/>
        <source>Staff row %1: %2</source>
        <translation>员工第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="303"/>
        <source>Competitors row %1: %2</source>
        <translation>竞争对手第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="304"/>
        <source>Stock row %1: %2</source>
        <translation>库存第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="311"/>
        <source>S&amp;taff (%1)</source>
        <translation>员工（%1）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="312"/>
        <source>Co&amp;mpetitors (%1)</source>
        <translation>竞争对手（%1）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="314"/>
        <source>St&amp;ock (%1 low)</source>
        <translation>库存（%1 项不足）(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="314"/>
        <source>St&amp;ock</source>
        <translation>库存(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="331"/>
        <source>Total deposits: %1</source>
        <translation>存款合计：%1</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/editor.py" line="333"/>
        <source>Total deposits: %1, %2% of the target</source>
        <translation>存款合计：%1，完成目标的 %2%</translation>
    </message>
</context>
<context>
    <name>OutletsPanel</name>
    <message>
        <location filename="../../ui/outlets/page.py" line="57"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="57"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="57"/>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="57"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="57"/>
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="65"/>
        <source>New outlet</source>
        <translation>新建网点</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="66"/>
        <source>Start a new outlet file (Ctrl+N)</source>
        <translation>新建网点资料（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="67"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="68"/>
        <source>Save this outlet file (Ctrl+S)</source>
        <translation>保存此网点资料（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="70"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="71"/>
        <source>Delete this outlet file, after asking</source>
        <translation>删除此网点资料（会先确认）</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="217"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="222"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="240"/>
        <source>The outlet file could not be saved: %1</source>
        <translation>网点资料无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="248"/>
        <source>Delete outlet file</source>
        <translation>删除网点资料</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="250"/>
        <source>Delete the outlet file “%1” with its staff, competitors and stock? This cannot be undone.</source>
        <translation>删除网点资料“%1”及其员工、竞争对手和库存记录吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="264"/>
        <source>Deleted.</source>
        <translation>已删除。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/outlets/page.py" line="273"/>
        <source>%n client card(s) still belong to this outlet. Move them to another outlet first; nothing was deleted.</source>
        <translation>
            <numerusform>仍有 %n 张客户档案属于此网点。请先把这些客户转到其他网点；未删除任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="277"/>
        <source>The outlet file could not be deleted: %1</source>
        <translation>网点资料无法删除：%1</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="290"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/page.py" line="291"/>
        <source>This outlet file has changes that are not saved. Discard them?</source>
        <translation>此网点资料有未保存的修改。要放弃这些修改吗？</translation>
    </message>
</context>
<context>
    <name>PaperProposalDialog</name>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="79"/>
        <source>Register a paper proposal</source>
        <translation>登记纸质投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="88"/>
        <source>A proposal the client filled and signed on paper at the counter: register it after the initial review, and it goes to head office like the others.</source>
        <translation>客户在柜面填写并签字的纸质投保单：初审通过后在此登记，即与其他投保单一样提交总公司。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="94"/>
        <source>the number printed on the form</source>
        <translation>投保单上印的单号</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="102"/>
        <source>Choose &amp;client…</source>
        <translation>选择客户(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="104"/>
        <source>Choose c&amp;ard…</source>
        <translation>选择客户档案(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="106"/>
        <source>The insured is the policyholder</source>
        <translation>被保险人即投保人本人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="116"/>
        <source>Form &amp;number</source>
        <translation>投保单号(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="117"/>
        <source>Application &amp;date</source>
        <translation>投保日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="118"/>
        <source>Polic&amp;yholder</source>
        <translation>投保人(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="119"/>
        <source>&amp;Insured</source>
        <translation>被保险人(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="120"/>
        <source>Pr&amp;oduct</source>
        <translation>产品(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="121"/>
        <source>Pre&amp;mium (yuan)</source>
        <translation>保险费（元）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="131"/>
        <source>Initial review: tick each item checked on the paper</source>
        <translation>初审：逐项核对纸质投保单后勾选</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="145"/>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="146"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="215"/>
        <source>The premium cannot be read: type it as 20,000 or 2万.</source>
        <translation>无法识别保险费金额：请按 20,000 或 2万 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="226"/>
        <source>Registering…</source>
        <translation>正在登记…</translation>
    </message>
</context>
<context>
    <name>PartyLine</name>
    <message>
        <location filename="../../ui/proposals/paper_dialog.py" line="69"/>
        <source>client card linked</source>
        <translation>已关联客户档案</translation>
    </message>
</context>
<context>
    <name>PartySection</name>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="68"/>
        <source>Choose client…</source>
        <translation>选择客户…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="69"/>
        <source>Keep as new client card</source>
        <translation>存为新客户档案</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="70"/>
        <source>Save what is typed here as a client card and link it</source>
        <translation>把这里填写的内容存为客户档案并关联</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="71"/>
        <source>Unlink card</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="76"/>
        <source>fills birth date and gender</source>
        <translation>自动填写出生日期和性别</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="79"/>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="93"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="93"/>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="94"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="94"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="95"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="95"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="96"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="96"/>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="132"/>
        <source>Typed inline (no client card)</source>
        <translation>直接填写（无客户档案）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/party.py" line="135"/>
        <source>Client card: %1 %2</source>
        <translation>客户档案：%1 %2</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="28"/>
        <source>Database passphrase</source>
        <translation>数据库口令</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="31"/>
        <source>This computer has no password store to keep the key of your data. Choose a passphrase (at least %1 characters) that protects your data. Without it the data cannot be opened: keep it safe.</source>
        <translation>本机没有可保存数据密钥的密码库。请设置一个口令（至少 %1 个字符）来保护您的数据。没有它将无法打开数据，请妥善保管。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="36"/>
        <source>That passphrase does not open your data. Type it again.</source>
        <translation>这个口令无法打开您的数据，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="38"/>
        <source>Type the passphrase that protects your data.</source>
        <translation>请输入保护您数据的口令。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="50"/>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="52"/>
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="68"/>
        <source>Type the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="70"/>
        <source>At least %1 characters.</source>
        <translation>至少 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="72"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PaymentSection</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="227"/>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="232"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="234"/>
        <source>the policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="235"/>
        <source>Payment mode</source>
        <translation>缴费方式</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="236"/>
        <source>Paying for</source>
        <translation>缴费年期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="237"/>
        <source>Paying bank</source>
        <translation>缴费银行</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="238"/>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="239"/>
        <source>Account holder</source>
        <translation>账户户名</translation>
    </message>
</context>
<context>
    <name>PeriodView</name>
    <message>
        <location filename="../../ui/summaries/page.py" line="66"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="66"/>
        <location filename="../../ui/summaries/page.py" line="137"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="66"/>
        <location filename="../../ui/summaries/page.py" line="67"/>
        <location filename="../../ui/summaries/page.py" line="138"/>
        <source>Done</source>
        <translation>实际</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="66"/>
        <location filename="../../ui/summaries/page.py" line="67"/>
        <source>Reached</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="67"/>
        <source>Daily target</source>
        <translation>每日目标</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="67"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="68"/>
        <source>Product line</source>
        <translation>产品线</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="68"/>
        <source>Policies</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="68"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="69"/>
        <source>Measures done</source>
        <translation>各项指标（实际）</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="70"/>
        <source>Sales: planned and done (10,000 yuan)</source>
        <translation>销售金额：计划与实际（万元）</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="85"/>
        <source>Effective calls</source>
        <translation>有效电话数量</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="86"/>
        <source>Needs interviews</source>
        <translation>需求面谈数量</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="87"/>
        <source>Closing interviews</source>
        <translation>成交面谈数量</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="88"/>
        <source>Products sold and amounts</source>
        <translation>销售产品及金额</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="89"/>
        <source>After-sales services</source>
        <translation>售后服务数</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="94"/>
        <source>Effective visits</source>
        <translation>有效拜访（5访）</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="95"/>
        <source>Leaflets</source>
        <translation>宣传单页</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="96"/>
        <source>New prospects</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="97"/>
        <source>Care SMS</source>
        <translation>关怀短信</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/summaries/page.py" line="105"/>
        <source>%1 to %2, %n working day(s)</source>
        <translation>
            <numerusform>%1 至 %2，工作日 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlannerPage</name>
    <message>
        <location filename="../../ui/planner/page.py" line="55"/>
        <location filename="../../ui/planner/page.py" line="309"/>
        <source>Planner</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="56"/>
        <source>Visits by day and week: before, during and after each visit.</source>
        <translation>按日、按周安排拜访：拜访前、拜访中、拜访后。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="69"/>
        <source>&amp;Day</source>
        <translation>日视图(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="70"/>
        <source>&amp;Week</source>
        <translation>周视图(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="79"/>
        <source>Previous (Page Up)</source>
        <translation>上一页（Page Up）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="80"/>
        <source>T&amp;oday</source>
        <translation>今天(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="82"/>
        <source>Next (Page Down)</source>
        <translation>下一页（Page Down）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="88"/>
        <source>&amp;New visit</source>
        <translation>新建拜访(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="89"/>
        <source>Plan a new visit (Ctrl+N)</source>
        <translation>安排新的拜访（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="91"/>
        <source>&amp;Carry over unfinished…</source>
        <translation>顺延未完成拜访(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="94"/>
        <source>Move the visits still planned on the day in focus (the day shown, or the selected visit&apos;s day) to the next working day</source>
        <translation>把当前日期（显示的日期或所选拜访所在日期）仍未完成的拜访顺延到下一个工作日</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="99"/>
        <source>&amp;Day plan…</source>
        <translation>日计划(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="100"/>
        <source>&amp;Week plan…</source>
        <translation>周计划(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="102"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="103"/>
        <source>Print the week&apos;s plan or the day in focus, or save it as a PDF (Ctrl+P)</source>
        <translation>打印本周计划或当前这一天的计划，或另存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="132"/>
        <source>Only a planned visit can be moved; a finished one keeps its time.</source>
        <translation>只有计划中的拜访可以移动；已结束的拜访保留原时间。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="223"/>
        <source>(day off)</source>
        <translation>（休息日）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="227"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="274"/>
        <source>Overlap: %1 on %2 at %3 clashes with %4. It is saved; move one of them if you cannot be at both.</source>
        <translation>时间冲突：%2 %3 的 %1 与 %4 重叠。已保存；如果无法同时赴约，请调整其中一个。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="306"/>
        <source>Cancel this week&apos;s visit to %1 on %2? The weekly visit goes on.</source>
        <translation>取消 %2 对 %1 的本周拜访吗？每周例行拜访不受影响。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="308"/>
        <source>Delete the visit to %1 on %2?</source>
        <translation>删除 %2 对 %1 的拜访吗？</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="334"/>
        <source>No planned visits left on %1.</source>
        <translation>%1 没有未完成的拜访。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="345"/>
        <source>%1 %2 → %3 %4</source>
        <translation>%1 %2 → %3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="352"/>
        <source>(the next working day is full)</source>
        <translation>（下一个工作日已排满）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="364"/>
        <source>Move the %1 visits still planned on %2 into free time from %3, the next working day?</source>
        <translation>将 %2 仍在计划中的 %1 个拜访顺延到下一个工作日 %3 起的空闲时段？</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="372"/>
        <source>Carry over unfinished visits</source>
        <translation>顺延未完成的拜访</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="378"/>
        <source>%1 visits carried over to %2.</source>
        <translation>已将 %1 个拜访顺延到 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="397"/>
        <source>Week plan from %1</source>
        <translation>周计划（自 %1 起）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/page.py" line="404"/>
        <source>Day plan %1</source>
        <translation>日计划 %1</translation>
    </message>
</context>
<context>
    <name>PlannerTexts</name>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="11"/>
        <source>Needs interview</source>
        <translation>需求面谈</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="12"/>
        <source>Product presentation</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="13"/>
        <source>Closing</source>
        <translation>销售促成</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="14"/>
        <source>Policy delivery</source>
        <translation>递送保单</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="15"/>
        <source>Care visit</source>
        <translation>关怀拜访</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="16"/>
        <source>Outlet visit</source>
        <translation>网点拜访</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="17"/>
        <source>Medical examination</source>
        <translation>陪同体检</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="22"/>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="23"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="24"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="25"/>
        <source>No-show</source>
        <translation>客户爽约</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="26"/>
        <source>Rescheduled</source>
        <translation>已改期</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="31"/>
        <source>Closed</source>
        <translation>已成交</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="32"/>
        <source>Not closed</source>
        <translation>未成交</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="33"/>
        <source>Follow-up</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="39"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="40"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="41"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="42"/>
        <source>Leaflets</source>
        <translation>宣传单</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="43"/>
        <source>New prospect</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="44"/>
        <source>Meeting</source>
        <translation>会面</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="45"/>
        <source>Outlet work</source>
        <translation>网点工作</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="46"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="51"/>
        <source>Before</source>
        <translation>拜访前</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="52"/>
        <source>During</source>
        <translation>拜访中</translation>
    </message>
    <message>
        <location filename="../../ui/common/visit_texts.py" line="53"/>
        <source>After</source>
        <translation>拜访后</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../ui/common/print_preview.py" line="70"/>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="73"/>
        <source>Preparing the document…</source>
        <translation>正在生成文档…</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="87"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="88"/>
        <source>Print on paper (Ctrl+P)</source>
        <translation>打印到纸上（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="89"/>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="90"/>
        <source>Save the document as a PDF file (Ctrl+S)</source>
        <translation>把文档保存为 PDF 文件（Ctrl+S）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/common/print_preview.py" line="127"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="146"/>
        <source>The document could not be prepared: %1</source>
        <translation>文档无法生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="154"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="154"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="167"/>
        <source>The file could not be saved: %1</source>
        <translation>文件无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="169"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="193"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="205"/>
        <source>the printer is not ready</source>
        <translation>打印机未就绪</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/common/print_preview.py" line="217"/>
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/common/print_preview.py" line="222"/>
        <source>The document could not be printed: %1</source>
        <translation>文档无法打印：%1</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="50"/>
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="56"/>
        <source>BranchDesk hit an unexpected problem. What was already saved is safe: most forms save as you type, so at most the last second or two of typing is missing. The step you were doing may not have finished; please check it. Use Copy report and send the report to IT support.</source>
        <translation>出现了意外问题。已经保存的工作不受影响：大多数表单边填边存，最多只差最后一两秒的输入。刚才的这一步可能没有完成，请检查一下。请点“复制报告”，把报告发给技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="62"/>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="68"/>
        <source>&amp;Copy report</source>
        <translation>复制报告(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="70"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="93"/>
        <source>Reference %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/problem_dialog.py" line="110"/>
        <source>The report is on the clipboard: paste it into a mail to IT support.</source>
        <translation>报告已复制，请粘贴到邮件里发给技术支持。</translation>
    </message>
</context>
<context>
    <name>ProductPicker</name>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="89"/>
        <source>Find a product: code, name or pinyin, e.g. zxnj</source>
        <translation>查找产品：代码、名称或拼音，例如 zxnj</translation>
    </message>
</context>
<context>
    <name>ProductSection</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="136"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="138"/>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="145"/>
        <source>Application date</source>
        <translation>投保日期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="148"/>
        <source>&amp;Product</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="155"/>
        <source>Chosen product</source>
        <translation>已选产品</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="157"/>
        <source>Sum insured (yuan)</source>
        <translation>保险金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="158"/>
        <source>Premium (yuan)</source>
        <translation>保险费（元）</translation>
    </message>
</context>
<context>
    <name>ProductTexts</name>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="38"/>
        <source>Life insurance</source>
        <translation>寿险</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="38"/>
        <source>Endowment insurance</source>
        <translation>两全保险</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="39"/>
        <source>Annuity</source>
        <translation>年金保险</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="39"/>
        <source>Critical illness insurance</source>
        <translation>重疾险</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="40"/>
        <source>Medical insurance</source>
        <translation>医疗保险</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="40"/>
        <source>Accident insurance</source>
        <translation>意外险</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/editor/product_picker.py" line="46"/>
        <location filename="../../ui/proposals/editor/product_picker.py" line="52"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n 周岁</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/editor/product_picker.py" line="48"/>
        <source>%n day(s) old</source>
        <translation>
            <numerusform>出生满 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="50"/>
        <source>Insured: from %1 to %2</source>
        <translation>被保险人：%1至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="58"/>
        <source>single premium</source>
        <translation>趸交</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="61"/>
        <source>regular premium over %1 years</source>
        <translation>期交 %1 年</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="62"/>
        <source>Payment: %1</source>
        <translation>缴费：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/editor/product_picker.py" line="67"/>
        <source>cooling-off %n day(s)</source>
        <translation>
            <numerusform>犹豫期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="68"/>
        <source>Selling points: %1</source>
        <translation>卖点：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="69"/>
        <source>Feature: %1</source>
        <translation>特点：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="70"/>
        <source>Advantage: %1</source>
        <translation>优势：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/product_picker.py" line="71"/>
        <source>Benefit: %1</source>
        <translation>利益：%1</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/today/widgets.py" line="49"/>
        <source>Effective visits</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="50"/>
        <source>Leaflets</source>
        <translation>宣传单</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="51"/>
        <source>New prospects</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="52"/>
        <source>Care SMS</source>
        <translation>关怀短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="53"/>
        <source>Booked meetings</source>
        <translation>预约面谈</translation>
    </message>
</context>
<context>
    <name>ProposalChoices</name>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="21"/>
        <location filename="../../ui/proposals/editor/choices.py" line="29"/>
        <location filename="../../ui/proposals/editor/choices.py" line="35"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="21"/>
        <location filename="../../ui/proposals/editor/choices.py" line="29"/>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="21"/>
        <location filename="../../ui/proposals/editor/choices.py" line="29"/>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="22"/>
        <location filename="../../ui/proposals/editor/choices.py" line="30"/>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="22"/>
        <location filename="../../ui/proposals/editor/choices.py" line="30"/>
        <source>Supported family member</source>
        <translation>有抚养/赡养关系的家庭成员</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="23"/>
        <location filename="../../ui/proposals/editor/choices.py" line="31"/>
        <source>Close relative</source>
        <translation>近亲属</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="23"/>
        <source>Ward (policyholder is guardian)</source>
        <translation>被监护人（投保人为监护人）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="31"/>
        <source>Legal guardian</source>
        <translation>法定监护人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="35"/>
        <source>Single premium</source>
        <translation>趸交</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="36"/>
        <source>Regular premium</source>
        <translation>期交</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="39"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="39"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="43"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="43"/>
        <source>Accepted</source>
        <translation>已承保</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="44"/>
        <location filename="../../ui/proposals/editor/choices.py" line="52"/>
        <source>Problem case</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="44"/>
        <source>Policy issued</source>
        <translation>已出单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="49"/>
        <source>Review</source>
        <translation>审核函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="49"/>
        <source>Medical exam</source>
        <translation>体检函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="50"/>
        <source>Investigation</source>
        <translation>调查函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="50"/>
        <source>Financial evidence</source>
        <translation>财务资料函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="51"/>
        <source>Health evidence</source>
        <translation>健康资料函</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="51"/>
        <source>Underwriting decision</source>
        <translation>核保决定</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="56"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/choices.py" line="56"/>
        <source>Insured</source>
        <translation>被保险人</translation>
    </message>
</context>
<context>
    <name>ProposalEditor</name>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="94"/>
        <source>Proposal</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="120"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="122"/>
        <source>Insured person</source>
        <translation>被保险人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="138"/>
        <source>F8 goes to the problems; Enter on one goes to its field</source>
        <translation>F8 跳到问题列表；在某个问题上按 Enter 跳到对应字段</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="144"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="145"/>
        <source>Ctrl+S; changes are also saved as you type</source>
        <translation>Ctrl+S；输入时也会自动保存</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="146"/>
        <source>Finish…</source>
        <translation>完成并签字…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="147"/>
        <source>Ctrl+Enter: sign and freeze the proposal</source>
        <translation>Ctrl+Enter：签字并锁定投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="148"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="150"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="197"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="236"/>
        <source>Finished: read-only</source>
        <translation>已完成：只读</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="245"/>
        <source>Proposal, version %1</source>
        <translation>投保单，第 %1 版</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="247"/>
        <source>Finished and signed</source>
        <translation>已完成并签名</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="249"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="251"/>
        <source>Corrects an earlier version: %1</source>
        <translation>更正之前的版本：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="253"/>
        <source>Proposal: %1</source>
        <translation>投保单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="253"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="261"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="264"/>
        <source>Details: content hash (SHA-256) %1</source>
        <translation>详细信息：内容校验码 %1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="283"/>
        <source>Review: %1</source>
        <translation>需核保：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/editor/editor.py" line="290"/>
        <source>%n problem(s) to fix before Finish</source>
        <translation>
            <numerusform>完成前还有 %n 个问题需要修正</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="292"/>
        <source>No problems: ready to finish</source>
        <translation>没有问题：可以完成</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="353"/>
        <source>Health question not answered: %1</source>
        <translation>健康告知未回答：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="387"/>
        <location filename="../../ui/proposals/editor/editor.py" line="397"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="410"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="420"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="471"/>
        <source>Correct the proposal</source>
        <translation>更正投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/editor.py" line="472"/>
        <source>A correction is a new version of this finished proposal. Why is it needed?</source>
        <translation>更正会生成这份已完成投保单的新版本。请说明更正原因：</translation>
    </message>
</context>
<context>
    <name>ProposalPicker</name>
    <message>
        <location filename="../../ui/receipts/picker.py" line="35"/>
        <source>New receipt: choose the proposal</source>
        <translation>新建回执：选择投保单</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="37"/>
        <source>Finished proposals without a receipt, newest first. Loading…</source>
        <translation>尚无回执的已完成投保单，最新的在前。正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="43"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="43"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="43"/>
        <source>Applied on</source>
        <translation>投保日期</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="43"/>
        <source>Policy number</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="46"/>
        <source>&amp;Choose</source>
        <translation>选择(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="48"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="77"/>
        <source>Finished proposals without a receipt, newest first.</source>
        <translation>尚无回执的已完成投保单，最新的在前。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="83"/>
        <source>Every finished proposal already has a receipt.</source>
        <translation>所有已完成的投保单都已有回执。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/picker.py" line="88"/>
        <source>Could not list the proposals: %1</source>
        <translation>无法列出投保单：%1</translation>
    </message>
</context>
<context>
    <name>ProposalTableModel</name>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="47"/>
        <source>Application date</source>
        <translation>投保日期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="48"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="49"/>
        <source>Insured</source>
        <translation>被保险人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="50"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="51"/>
        <source>Premium (yuan)</source>
        <translation>保险费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="52"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="53"/>
        <source>Head office</source>
        <translation>总公司</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="54"/>
        <source>Problem cases</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="162"/>
        <source>v%1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="164"/>
        <source>(corrected)</source>
        <translation>（已更正）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="166"/>
        <source>Paper %1</source>
        <translation>纸质 %1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="170"/>
        <source>Withdrawn at the client&apos;s request</source>
        <translation>已应客户申请撤件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/list_model.py" line="172"/>
        <source>Withdrawn: not issued within 30 days</source>
        <translation>已撤件：30 天内未承保出单</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <location filename="../../ui/proposals/page.py" line="56"/>
        <source>Proposals</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="57"/>
        <source>Insurance applications, checked against the rules and signed on screen.</source>
        <translation>投保单：按规则校验，并在屏幕上签名。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="73"/>
        <source>Search by the policyholder&apos;s or the insured&apos;s name</source>
        <translation>按投保人或被保险人姓名搜索</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="76"/>
        <source>All proposals</source>
        <translation>全部投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="76"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="77"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="79"/>
        <source>&amp;New proposal</source>
        <translation>新建投保单(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="81"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="82"/>
        <source>Co&amp;rrect…</source>
        <translation>更正(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="83"/>
        <source>Make a new version of a finished proposal, with a reason</source>
        <translation>为已完成的投保单生成新版本，并注明原因</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="84"/>
        <source>&amp;Delete draft…</source>
        <translation>删除草稿(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="85"/>
        <source>Delete the selected draft (Del); you are asked first</source>
        <translation>删除所选草稿（Del），删除前会先询问</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="86"/>
        <source>&amp;Proposal form…</source>
        <translation>投保单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="87"/>
        <source>Proposal form with &amp;full ID and phone numbers…</source>
        <translation>显示完整证件号和电话的投保单(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="88"/>
        <source>The print is recorded in the audit log</source>
        <translation>此次打印会记入审计日志</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="90"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="91"/>
        <source>Print the selected proposal or save it as a PDF (Ctrl+P)</source>
        <translation>打印所选投保单，或另存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="106"/>
        <source>Head office</source>
        <translation>总公司</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="113"/>
        <source>Problem case</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="113"/>
        <source>Issued</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="113"/>
        <source>Answer by</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="114"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="114"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="116"/>
        <source>Enter or double-click opens the letter</source>
        <translation>按回车键或双击打开函件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="118"/>
        <source>&amp;Answer…</source>
        <translation>答复(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="301"/>
        <source>Form %1 was filled on paper: the laptop keeps its registration, head office&apos;s letters and the requests, shown here.</source>
        <translation>投保单 %1 为纸质填写：本机保存其登记信息、总公司函件和变更/撤销申请，均显示在此。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="436"/>
        <source>answered · waiting for head office</source>
        <translation>已答复 · 等待总公司回复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="437"/>
        <location filename="../../ui/proposals/page.py" line="556"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="437"/>
        <source>asks again</source>
        <translation>再次提问</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="437"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="438"/>
        <source>answered · head office: %1</source>
        <translation>已答复 · 总公司：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="439"/>
        <location filename="../../ui/proposals/page.py" line="562"/>
        <location filename="../../ui/proposals/page.py" line="576"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="476"/>
        <source>Re&amp;gister paper proposal…</source>
        <translation>登记纸质投保单(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="477"/>
        <source>A proposal filled on paper at the counter, after the initial review</source>
        <translation>客户在柜面填写的纸质投保单，初审通过后登记</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="478"/>
        <source>Change/&amp;withdraw…</source>
        <translation>变更/撤销(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="479"/>
        <source>Ask head office to change or withdraw the selected application before it is issued</source>
        <translation>在承保出单前向总公司申请变更或撤销所选投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="483"/>
        <source>Change and withdrawal requests</source>
        <translation>变更与撤销申请</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="487"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="487"/>
        <source>Sent</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="487"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="488"/>
        <source>Head office&apos;s reply</source>
        <translation>总公司回复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="527"/>
        <source>paper form %1</source>
        <translation>纸质投保单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="555"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="555"/>
        <source>Withdrawal</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="556"/>
        <source>refused</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="562"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="567"/>
        <source>draft, not sent</source>
        <translation>草稿，未提交</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="572"/>
        <source>waiting for head office</source>
        <translation>等待总公司回复</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="193"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/page.py" line="215"/>
        <source>%n proposal(s) shown; more as you scroll</source>
        <translation>
            <numerusform>已显示 %n 份投保单；滚动可查看更多</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/page.py" line="217"/>
        <source>%n proposal(s)</source>
        <translation>
            <numerusform>%n 份投保单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="275"/>
        <source>no policyholder yet</source>
        <translation>尚未填写投保人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="277"/>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="278"/>
        <source>Delete the draft proposal for %1? This cannot be undone; the audit log keeps a note of it.</source>
        <translation>删除 %1 的投保单草稿？此操作无法撤销；审计日志会留有记录。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="336"/>
        <source>Choose a finished proposal that has no correction yet.</source>
        <translation>请选择一份尚未更正的已完成投保单。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="339"/>
        <source>Correct the proposal</source>
        <translation>更正投保单</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="340"/>
        <source>A correction is a new version of this finished proposal. Why is it needed?</source>
        <translation>更正会生成这份已完成投保单的新版本。请说明更正原因：</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="359"/>
        <source>Proposal: %1</source>
        <translation>投保单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="392"/>
        <source>Finished; no answer from head office yet.</source>
        <translation>已完成；总公司尚未答复。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="393"/>
        <source>Draft: not sent to head office.</source>
        <translation>草稿：尚未发送总公司。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="394"/>
        <source>Head office: %1</source>
        <translation>总公司：%1</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="396"/>
        <source>policy %1</source>
        <translation>保单 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/proposals/page.py" line="398"/>
        <source>%n open problem case(s)</source>
        <translation>
            <numerusform>%n 个未处理的问题件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="411"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/page.py" line="431"/>
        <source>open</source>
        <translation>未处理</translation>
    </message>
</context>
<context>
    <name>ProspectDialog</name>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="58"/>
        <source>Edit prospect</source>
        <translation>编辑准客户</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="58"/>
        <source>New prospect</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="61"/>
        <source>11-digit mobile, e.g. 13812345678</source>
        <translation>11 位手机号，例如 13812345678</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="63"/>
        <location filename="../../ui/prospects/dialog.py" line="68"/>
        <source>Not known</source>
        <translation>不详</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="79"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="85"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="86"/>
        <source>No referring client</source>
        <translation>不设推荐客户</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="93"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="94"/>
        <source>&amp;Mobile</source>
        <translation>手机号(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="95"/>
        <source>&amp;Gender</source>
        <translation>性别(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="96"/>
        <source>&amp;Age</source>
        <translation>年龄(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="97"/>
        <source>&amp;Occupation</source>
        <translation>职业(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="98"/>
        <source>&amp;Housing</source>
        <translation>住房(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="99"/>
        <source>Ca&amp;r</source>
        <translation>车辆(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="100"/>
        <source>&amp;Family</source>
        <translation>家庭(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="101"/>
        <source>&amp;Interests</source>
        <translation>兴趣爱好(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="102"/>
        <source>So&amp;urce</source>
        <translation>来源(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="103"/>
        <source>Referred by a &amp;prospect</source>
        <translation>推荐人（准客户）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="107"/>
        <source>Referred by a cli&amp;ent</source>
        <translation>推荐人（客户）(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="110"/>
        <source>Note&amp;s</source>
        <translation>备注(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="122"/>
        <source>Open &amp;that one</source>
        <translation>打开该记录(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="123"/>
        <source>&amp;Keep both</source>
        <translation>两条都保留(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="124"/>
        <source>Save this prospect too, e.g. for a phone a family shares</source>
        <translation>仍保存此准客户，例如一家人共用一个手机号</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="221"/>
        <source>a client card</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="221"/>
        <source>a prospect</source>
        <translation>准客户</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/dialog.py" line="223"/>
        <source>This mobile belongs to %1 (%2), %3. Open that one instead?</source>
        <translation>该手机号已属于%1（%2，%3）。是否改为打开该记录？</translation>
    </message>
</context>
<context>
    <name>ProspectTexts</name>
    <message>
        <location filename="../../ui/prospects/texts.py" line="11"/>
        <source>New</source>
        <translation>新登记</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="12"/>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="13"/>
        <source>Interviewed</source>
        <translation>已面谈</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="14"/>
        <source>Proposed</source>
        <translation>已建议</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="15"/>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="16"/>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="21"/>
        <source>Walk-in</source>
        <translation>自行到访</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="22"/>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="23"/>
        <source>Outlet staff</source>
        <translation>网点员工</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="24"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="25"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="29"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/texts.py" line="29"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>ProspectsPanel</name>
    <message>
        <location filename="../../ui/prospects/panel.py" line="60"/>
        <source>Search: name, occupation, interests or 4+ mobile digits</source>
        <translation>搜索：姓名、职业、兴趣爱好或手机号中 4 位以上数字</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="63"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="66"/>
        <source>&amp;New prospect…</source>
        <translation>新增准客户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="67"/>
        <source>Capture a prospect: a name and a mobile are enough (Ctrl+N)</source>
        <translation>登记准客户：有姓名和手机号即可（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="75"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="75"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="75"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="75"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="75"/>
        <source>Referred by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="76"/>
        <source>Captured</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="76"/>
        <source>Occupation and interests</source>
        <translation>职业与兴趣爱好</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="88"/>
        <location filename="../../ui/prospects/panel.py" line="102"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="89"/>
        <source>New prospect &amp;referred by them…</source>
        <translation>新增由其推荐的准客户(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="90"/>
        <location filename="../../ui/prospects/panel.py" line="105"/>
        <source>Con&amp;vert to client card…</source>
        <translation>转为客户档案(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="91"/>
        <location filename="../../ui/prospects/panel.py" line="106"/>
        <source>Open client &amp;card</source>
        <translation>打开客户档案(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="94"/>
        <source>Log a ca&amp;ll</source>
        <translation>记录电话(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="95"/>
        <source>Log a &amp;meeting</source>
        <translation>记录面谈(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="96"/>
        <location filename="../../ui/prospects/panel.py" line="103"/>
        <source>Set &amp;stage</source>
        <translation>设置阶段(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/prospects/panel.py" line="206"/>
        <source>%n prospect(s)</source>
        <translation>
            <numerusform>%n 位准客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="235"/>
        <source>Referred by: %1</source>
        <translation>推荐人：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/prospects/panel.py" line="238"/>
        <source>Referred %n person(s): %1</source>
        <translation>
            <numerusform>已推荐 %n 人：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="303"/>
        <source>Saved %1.</source>
        <translation>已保存%1。</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="322"/>
        <source>Stage changed.</source>
        <translation>阶段已更改。</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="333"/>
        <source>Logged for %1.</source>
        <translation>已为 %1 记录。</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="343"/>
        <source>Convert to client card</source>
        <translation>转为客户档案</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="344"/>
        <source>Make a client card for %1 from what is known? Their work-log entries move onto the card; the card stays a draft until its ID number is typed in.</source>
        <translation>用现有资料为%1建立客户档案？其工作日志记录将转到该档案；补录证件号码之前，档案保持草稿状态。</translation>
    </message>
    <message>
        <location filename="../../ui/prospects/panel.py" line="359"/>
        <source>Converted: the client card is open; type in the ID number to complete it.</source>
        <translation>已转为客户：客户档案已打开，请补录证件号码以完成建档。</translation>
    </message>
</context>
<context>
    <name>QuickLogBar</name>
    <message>
        <location filename="../../ui/today/widgets.py" line="80"/>
        <source>Effective &amp;visit</source>
        <translation>有效拜访(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="81"/>
        <source>A visit where the full sales flow was run (counts toward “5 visits”)</source>
        <translation>完整走完销售流程的拜访（计入“5访”目标）</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="82"/>
        <source>&amp;Call</source>
        <translation>电话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="83"/>
        <source>Ca&amp;re SMS</source>
        <translation>关怀短信(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="87"/>
        <source>&amp;Leaflets +</source>
        <translation>派发宣传单(&amp;L) +</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="88"/>
        <source>Ne&amp;w prospect</source>
        <translation>新增准客户(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="91"/>
        <source>Log:</source>
        <translation>记录：</translation>
    </message>
</context>
<context>
    <name>QuickVisitDialog</name>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="40"/>
        <source>Effective visit</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="46"/>
        <source>Close: the whole flow (counts toward “5 visits”)</source>
        <translation>销售促成：完整流程（计入“5访”）</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="47"/>
        <source>Handle objections</source>
        <translation>拒绝处理</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="48"/>
        <source>Present the product</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="49"/>
        <source>Raise the need</source>
        <translation>需求激发</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="50"/>
        <source>Identify &amp; approach</source>
        <translation>识别接触</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="60"/>
        <source>C&amp;lient (optional)</source>
        <translation>客户（可选）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="63"/>
        <source>How &amp;far did it get</source>
        <translation>进行到哪一步(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="67"/>
        <source>&amp;Log it</source>
        <translation>记录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/today/quick_log_dialog.py" line="99"/>
        <source>This is the visit planned today: it is marked done and logged once.</source>
        <translation>这是今天计划的拜访：将标记为已完成，只记录一次。</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="74"/>
        <source>Policy receipt</source>
        <translation>保单回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="90"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="99"/>
        <source>as printed on the policy</source>
        <translation>与保单上印的一致</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="101"/>
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="102"/>
        <source>At the insurer</source>
        <translation>保险公司领取</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="103"/>
        <source>At the bank</source>
        <translation>银行网点领取</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="114"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="120"/>
        <source>&amp;Policy number</source>
        <translation>保单号(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="121"/>
        <source>Picked &amp;up</source>
        <translation>领取保单(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="125"/>
        <source>&amp;Delivered on</source>
        <translation>送达日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="126"/>
        <source>Si&amp;gned on</source>
        <translation>签收日期(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="127"/>
        <source>C&amp;ooling-off period</source>
        <translation>犹豫期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="128"/>
        <source>Cooling-off ends</source>
        <translation>犹豫期截止</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="129"/>
        <source>Return receipt by</source>
        <translation>回执交回期限</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="143"/>
        <source>&amp;Sign &amp;&amp; queue</source>
        <translation>签收并排队发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="144"/>
        <source>Freezes the receipt and queues it for head office (Ctrl+Enter)</source>
        <translation>锁定回执并排队发送总公司（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="149"/>
        <source>who received it at the insurer&apos;s counter</source>
        <translation>保险公司客服柜面接收人</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="151"/>
        <source>Mark &amp;returned</source>
        <translation>标记已交回(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="153"/>
        <source>The signed paper receipt went back to the insurer&apos;s customer-service counter on this day</source>
        <translation>已签名的纸质回执于当天交回保险公司客服柜面</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="163"/>
        <source>Returned to the insurer on</source>
        <translation>交回保险公司日期</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="165"/>
        <source>Received &amp;by</source>
        <translation>接收人(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="160"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="221"/>
        <source>Policy receipt: %1</source>
        <translation>保单回执：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="240"/>
        <source>Details: content hash (SHA-256) %1</source>
        <translation>详细信息：内容校验码 %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="244"/>
        <source>Signed and queued for head office. Signed receipts cannot change.</source>
        <translation>已签署并排队发送至总公司。已签署的回执不能更改。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="246"/>
        <source>Draft: saved as you type.</source>
        <translation>草稿：输入时自动保存。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="261"/>
        <source>Returned.</source>
        <translation>已交回。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="290"/>
        <source>%1 (%2 days from the day after signing)</source>
        <translation>%1（自签收次日起 %2 天）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="294"/>
        <source>%1 (3 working days after signing)</source>
        <translation>%1（签收后 3 个工作日）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="348"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="358"/>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="363"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="376"/>
        <source>Signing…</source>
        <translation>正在签收…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="403"/>
        <source>Not signed: %1</source>
        <translation>未签收：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/dialog.py" line="421"/>
        <source>Marked returned.</source>
        <translation>已标记为交回。</translation>
    </message>
</context>
<context>
    <name>ReceiptEvidence</name>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="49"/>
        <source>Client signs on scree&amp;n</source>
        <translation>客户在屏幕上签字(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="50"/>
        <source>Attach a sc&amp;an of the signed paper receipt</source>
        <translation>附上已签字纸质回执的扫描件(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="57"/>
        <source>Attach &amp;file…</source>
        <translation>附加文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="58"/>
        <source>A PNG or JPEG photo, or a PDF, of at most 10 MB</source>
        <translation>PNG 或 JPEG 照片，或 PDF，不超过 10 兆字节</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="59"/>
        <source>No file attached yet.</source>
        <translation>尚未附加文件。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="93"/>
        <source>I have received my insurance policy and its terms. I understand that I may cancel it within the cooling-off period of %1 days, which starts the day after I sign.</source>
        <translation>本人已收到保险合同及条款。本人知悉可在 %1 天犹豫期内解除合同，犹豫期自签收次日起算。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="116"/>
        <source>Attach the scan of the signed receipt.</source>
        <translation>请附上已签字回执的扫描件。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="130"/>
        <source>Attach the scan of the signed receipt</source>
        <translation>附上已签字回执的扫描件</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="132"/>
        <source>Scans and photos (*.png *.jpg *.jpeg *.pdf);;All files (*)</source>
        <translation>扫描件和照片 (*.png *.jpg *.jpeg *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="140"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="151"/>
        <source>%1 cannot be used: %2</source>
        <translation>%1 无法使用：%2</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="155"/>
        <source>%1 (%2, %3 KB) attached.</source>
        <translation>已附加 %1（%2，%3 KB）。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="165"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 无法读取：%2</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="180"/>
        <source>The client&apos;s signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="182"/>
        <source>Signed on screen.</source>
        <translation>已在屏幕上签字。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/evidence.py" line="185"/>
        <source>Signed on paper; scan attached (%1, %2 KB).</source>
        <translation>纸质签字；已附扫描件（%1，%2 KB）。</translation>
    </message>
</context>
<context>
    <name>ReceiptList</name>
    <message>
        <location filename="../../ui/receipts/page.py" line="52"/>
        <source>&amp;New receipt…</source>
        <translation>新建回执(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="53"/>
        <source>Record a policy delivery for a finished proposal (Ctrl+N)</source>
        <translation>为已完成的投保单登记保单送达（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="54"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="55"/>
        <source>&amp;Receipt…</source>
        <translation>回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="56"/>
        <source>Receipt with &amp;full ID and phone numbers…</source>
        <translation>显示完整证件号和电话的回执(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="58"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="59"/>
        <source>Print the selected receipt or save it as a PDF (Ctrl+P)</source>
        <translation>打印所选回执，或另存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="68"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="68"/>
        <source>Policyholder</source>
        <translation>投保人</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="68"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="68"/>
        <source>Policy number</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="69"/>
        <source>Signed on</source>
        <translation>签收日期</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="69"/>
        <source>Return by</source>
        <translation>交回期限</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="69"/>
        <source>Cooling-off ends</source>
        <translation>犹豫期截止</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/receipts/page.py" line="151"/>
        <source>%n receipt(s) to return</source>
        <translation>
            <numerusform>%n 份回执待交回</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/receipts/page.py" line="153"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 份已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/receipts/page.py" line="156"/>
        <source>%n awaiting signature</source>
        <translation>
            <numerusform>%n 份待签收</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="159"/>
        <source>Nothing to return</source>
        <translation>没有待交回的回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="168"/>
        <source>Awaiting signature</source>
        <translation>待签收</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="170"/>
        <source>Signed</source>
        <translation>已签收</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/receipts/page.py" line="172"/>
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="174"/>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/receipts/page.py" line="175"/>
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>%n 天后到期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="196"/>
        <source>Creating the receipt…</source>
        <translation>正在创建回执…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="220"/>
        <source>Receipt: %1</source>
        <translation>回执：%1</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <location filename="../../ui/receipts/page.py" line="243"/>
        <location filename="../../ui/receipts/page.py" line="249"/>
        <source>Receipts</source>
        <translation>保单回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="244"/>
        <source>Policy receipts signed on delivery, and their return deadlines.</source>
        <translation>保单送达时签收的回执及其交回期限。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/page.py" line="253"/>
        <source>Handover lists</source>
        <translation>交接清单</translation>
    </message>
</context>
<context>
    <name>RelationSection</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="107"/>
        <source>Relation of the insured to the policyholder</source>
        <translation>被保险人与投保人关系</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="108"/>
        <source>The insured is the policyholder</source>
        <translation>被保险人即投保人本人</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="111"/>
        <source>Insured is the policyholder&apos;s</source>
        <translation>被保险人是投保人的</translation>
    </message>
</context>
<context>
    <name>ReminderList</name>
    <message>
        <location filename="../../ui/today/widgets.py" line="127"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="127"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="127"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="127"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="132"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="133"/>
        <source>Important date</source>
        <translation>重要日期</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="134"/>
        <source>Product matures</source>
        <translation>产品到期</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="135"/>
        <source>Revisit after purchase</source>
        <translation>购买后回访</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="136"/>
        <source>Receipt due back</source>
        <translation>回执待交回</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="137"/>
        <source>Head-office letter due</source>
        <translation>总公司函件待回复</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="138"/>
        <source>Deliver the policy</source>
        <translation>送达保单</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="139"/>
        <source>Not issued after 20 days</source>
        <translation>送件 20 天仍未出单</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="140"/>
        <source>Head office replied</source>
        <translation>总公司已回复</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="146"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="147"/>
        <source>asks again</source>
        <translation>再次提问</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="148"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="149"/>
        <source>refused</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="155"/>
        <source>3 days from pick-up</source>
        <translation>自领取日起 3 天</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="156"/>
        <source>3 days from issue (no pick-up recorded)</source>
        <translation>自出单日起 3 天（未登记领取）</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="161"/>
        <source>Review</source>
        <translation>审核函</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="162"/>
        <source>Medical exam</source>
        <translation>体检函</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="163"/>
        <source>Investigation</source>
        <translation>调查函</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="164"/>
        <source>Financial evidence</source>
        <translation>财务资料函</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="165"/>
        <source>Health evidence</source>
        <translation>健康资料函</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="166"/>
        <source>Underwriting decision</source>
        <translation>核保决定</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="167"/>
        <source>Problem case</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="171"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="171"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="171"/>
        <source>Coming days</source>
        <translation>未来几天</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="182"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/widgets.py" line="213"/>
        <source>%n more overdue by over a week</source>
        <translation>
            <numerusform>另有 %n 条逾期超过一周</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="215"/>
        <source>Expand to list them</source>
        <translation>展开查看</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="179"/>
        <location filename="../../ui/today/widgets.py" line="225"/>
        <source>Nothing due</source>
        <translation>暂无到期事项</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="54"/>
        <source>Change or withdraw the application</source>
        <translation>投保单变更或撤销申请</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="63"/>
        <source>&amp;Change the application (change request form)</source>
        <translation>变更投保内容（投保单变更申请书）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="64"/>
        <source>&amp;Withdraw the application (withdrawal request form)</source>
        <translation>撤销投保（撤销投保申请书）(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="70"/>
        <source>What changes: the new value of each field that changes</source>
        <translation>变更内容：填写每个变更项目变更后的内容</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="81"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="87"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="93"/>
        <source>&amp;Add file…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="94"/>
        <source>Re&amp;move file</source>
        <translation>移除文件(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="109"/>
        <source>&amp;Send to head office</source>
        <translation>提交总公司(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="110"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="155"/>
        <source>why the client asks for the change (optional)</source>
        <translation>客户申请变更的原因（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="156"/>
        <source>Attach a photo or scan of the change request form signed by the policyholder and the insured.</source>
        <translation>请附上投保人和被保险人签字的《投保单变更申请书》的照片或扫描件。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="159"/>
        <source>the client&apos;s reason for withdrawing</source>
        <translation>客户撤销投保的原因</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="160"/>
        <source>Attach a photo or scan of the withdrawal request form and of the policyholder&apos;s ID document.</source>
        <translation>请附上《撤销投保申请书》及投保人身份证件的照片或扫描件。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="197"/>
        <source>Attach photos, scans or PDFs</source>
        <translation>添加照片、扫描件或 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="198"/>
        <source>Photos, scans and PDFs (*.jpg *.jpeg *.png *.pdf);;All files (*)</source>
        <translation>照片、扫描件和 PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="214"/>
        <source>Attaching…</source>
        <translation>正在添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/requests_dialog.py" line="246"/>
        <source>Sending…</source>
        <translation>正在提交…</translation>
    </message>
</context>
<context>
    <name>SecurityDialog</name>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="29"/>
        <source>Security</source>
        <translation>安全设置</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="34"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="35"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="40"/>
        <source>4-12 digits, or a password of 6+ characters</source>
        <translation>4–12 位数字，或至少 6 个字符的密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="50"/>
        <source>Lock after &amp;idle time:</source>
        <translation>空闲多久后锁定(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="52"/>
        <source>&amp;Current PIN:</source>
        <translation>当前 PIN(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="53"/>
        <source>&amp;New PIN:</source>
        <translation>新 PIN(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="54"/>
        <source>&amp;Repeat new PIN:</source>
        <translation>再次输入新 PIN(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="55"/>
        <source>Leave the new PIN empty to keep the current one. The PIN is stored only as a salted hash; 5 wrong tries mean a 30-second wait.</source>
        <translation>新 PIN 留空则保留当前 PIN。PIN 只以加盐哈希形式保存；连续输错 5 次需等待 30 秒。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="72"/>
        <source>Set by your IT department.</source>
        <translation>由信息科技部统一设置。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/security_dialog.py" line="73"/>
        <source>At most %n minute(s): set by your IT department.</source>
        <translation>
            <numerusform>最长 %n 分钟：由信息科技部统一设置。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="77"/>
        <source>no PIN set yet</source>
        <translation>尚未设置 PIN</translation>
    </message>
    <message>
        <location filename="../../ui/shell/security_dialog.py" line="90"/>
        <source>The two new PINs differ.</source>
        <translation>两次输入的新 PIN 不一致。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="66"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="71"/>
        <source>&amp;Manager</source>
        <translation>客户经理(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="72"/>
        <source>Daily &amp;targets</source>
        <translation>每日目标(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="73"/>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="107"/>
        <source>Effective &amp;visits:</source>
        <translation>有效拜访(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="107"/>
        <source>&amp;Leaflets handed out:</source>
        <translation>派发宣传单(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="107"/>
        <source>New &amp;prospects:</source>
        <translation>新增准客户(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="108"/>
        <source>Care &amp;SMS:</source>
        <translation>关怀短信(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="108"/>
        <source>Booked &amp;meetings:</source>
        <translation>预约面谈(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="116"/>
        <source>The manuals&apos; defaults are 5 visits, 50 leaflets, 10 prospects and 20 care SMS a day.</source>
        <translation>手册的默认目标：每天 5 次有效拜访、50 份宣传单、10 位准客户、20 条关怀短信。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="126"/>
        <source>As the computer</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="129"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="130"/>
        <source>A new language applies when BranchDesk starts again.</source>
        <translation>新的语言在网点工作台重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="133"/>
        <source>&amp;Idle lock and PIN…</source>
        <translation>闲置锁定和 PIN 码(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="138"/>
        <source>Idle lock:</source>
        <translation>闲置锁定：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="147"/>
        <source>&amp;Update address:</source>
        <translation>新版本通知地址(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="148"/>
        <source>Where you are sent for a new version of BranchDesk; usually set by your IT department. Nothing is downloaded by itself.</source>
        <translation>有新版本时前往查看的地址，通常由信息科技部设置。网点工作台不会自行下载任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="154"/>
        <source>Chosen by BranchDesk</source>
        <translation>由网点工作台自动选择</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="155"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="160"/>
        <source>Print &amp;font:</source>
        <translation>打印字体(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="187"/>
        <source>Set by your IT department</source>
        <translation>由信息科技部统一设置</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="189"/>
        <source>Set by your IT department.</source>
        <translation>由信息科技部统一设置。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/settings_dialog.py" line="191"/>
        <source>At most %n minute(s): set by your IT department.</source>
        <translation>
            <numerusform>最长 %n 分钟：由信息科技部统一设置。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="194"/>
        <source>Settings with a lock are set by your IT department (%1).</source>
        <translation>带锁图标的设置由信息科技部统一设置（%1）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/settings_dialog.py" line="199"/>
        <source>after %n minute(s) without input</source>
        <translation>
            <numerusform>无操作 %n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="199"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="211"/>
        <source>Print font</source>
        <translation>打印字体</translation>
    </message>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="212"/>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/shell/application.py" line="126"/>
        <source>Encrypting your data. This happens once, after the update, and can take a minute or two with many client cards. Please keep BranchDesk open.</source>
        <translation>正在加密您的数据。此操作仅在更新后进行一次，客户档案较多时可能需要一两分钟。请不要关闭网点工作台。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="128"/>
        <source>Updating your data for this version of BranchDesk (a copy is kept first). Please keep BranchDesk open.</source>
        <translation>正在为此版本的网点工作台更新您的数据（会先保留一份副本）。请不要关闭网点工作台。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="133"/>
        <source>Opening your data</source>
        <translation>正在打开数据</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="185"/>
        <source>The daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="192"/>
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="208"/>
        <source>Backup not usable</source>
        <translation>备份无法使用</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="218"/>
        <source>Preparing the demo profile…</source>
        <translation>正在准备演示档案…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="218"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/shell/application.py" line="219"/>
        <location filename="../../ui/shell/application.py" line="232"/>
        <source>Demo profile</source>
        <translation>演示档案</translation>
    </message>
</context>
<context>
    <name>SignatureImages</name>
    <message>
        <location filename="../../ui/common/widgets/signed_document.py" line="108"/>
        <source>Signed on screen.</source>
        <translation>已在屏幕上签名。</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/common/widgets/signature_pad.py" line="220"/>
        <source>I confirm I have read and understood the application and that the information is true.</source>
        <translation>本人确认已阅读并理解投保内容，所填信息真实无误。</translation>
    </message>
    <message>
        <location filename="../../ui/common/widgets/signature_pad.py" line="233"/>
        <source>Undo stroke</source>
        <translation>撤销一笔</translation>
    </message>
    <message>
        <location filename="../../ui/common/widgets/signature_pad.py" line="237"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../ui/proposals/editor/signing.py" line="32"/>
        <source>Sign the proposal</source>
        <translation>投保单签字</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/signing.py" line="38"/>
        <source>Please read the application with the client. By signing, the client confirms that the answers are true and complete, that the product terms, exclusions and the cooling-off period were explained, and that a false answer may void the policy.</source>
        <translation>请与客户一起阅读投保单。签字即表示客户确认所填内容真实完整，产品条款、责任免除和犹豫期已向其说明，并知悉不实告知可能导致保险合同无效。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/signing.py" line="50"/>
        <source>%1 %2: I have read and understood this application and confirm it is true.</source>
        <translation>%1 %2：本人已阅读并理解本投保单，确认所填内容属实。</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/signing.py" line="63"/>
        <source>Sign and &amp;finish</source>
        <translation>签字并完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/signing.py" line="65"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SiteConfigRefusal</name>
    <message>
        <location filename="../../ui/shell/settings_dialog.py" line="259"/>
        <source>BranchDesk cannot start</source>
        <translation>网点工作台无法启动</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <location filename="../../ui/today/widgets.py" line="240"/>
        <source>Snooze until</source>
        <translation>推迟到</translation>
    </message>
    <message>
        <location filename="../../ui/today/widgets.py" line="251"/>
        <source>&amp;Until</source>
        <translation>推迟到(&amp;U)</translation>
    </message>
</context>
<context>
    <name>StaffTable</name>
    <message>
        <location filename="../../ui/outlets/tables.py" line="248"/>
        <source>Outlet head</source>
        <translation>网点负责人</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="249"/>
        <source>Lobby manager</source>
        <translation>大堂经理</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="250"/>
        <source>Wealth manager</source>
        <translation>理财经理</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="251"/>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="252"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="258"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="259"/>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="260"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="261"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="262"/>
        <source>Hobbies</source>
        <translation>爱好</translation>
    </message>
</context>
<context>
    <name>StartupProblemDialog</name>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="38"/>
        <source>BranchDesk cannot open your data</source>
        <translation>网点工作台无法打开您的数据</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="44"/>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="55"/>
        <source>Open selected &amp;backup</source>
        <translation>打开所选备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="58"/>
        <source>&amp;Restore selected backup</source>
        <translation>恢复所选备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="61"/>
        <source>Choose another &amp;folder…</source>
        <translation>选择其他文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="62"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="46"/>
        <source>Backups of this profile, newest first:</source>
        <translation>此档案的备份（最新的在前）：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="84"/>
        <source>the file is not there</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="84"/>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="112"/>
        <source>The data folder %1 cannot be used: it is missing and cannot be created, or it is read-only. Choose another folder, or ask IT to make this one writable.</source>
        <translation>数据文件夹 %1 无法使用：它不存在且无法创建，或者是只读的。请选择其他文件夹，或请信息技术部门开放此文件夹的写入权限。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="116"/>
        <source>The database %1 is damaged and cannot be opened. It has not been changed. Open a backup, or choose another data folder.</source>
        <translation>数据库 %1 已损坏，无法打开。该文件未被改动。请打开一个备份，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="120"/>
        <source>The database %1 is damaged: some of its pages cannot be read. It has not been changed. Restore a backup, or choose another data folder.</source>
        <translation>数据库 %1 已损坏：其中部分数据页无法读取。该文件未被改动。请恢复一个备份，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="124"/>
        <source>The database %1 was written by a newer version of BranchDesk. It has not been changed. Install the newer version, open a backup, or choose another folder.</source>
        <translation>数据库 %1 由更新版本的网点工作台写入。该文件未被改动。请安装新版本、打开一个备份，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="128"/>
        <source>The database %1 cannot be opened with this key: the key is wrong, or the file is damaged. It has not been changed. Open a backup, or choose another folder.</source>
        <translation>无法用此密钥打开数据库 %1：密钥错误或文件已损坏。文件未被改动。请打开备份，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="132"/>
        <source>The database %1 cannot be opened with this passphrase: it is wrong, or the file is damaged. It has not been changed. Start again to type the passphrase again, open a backup, or choose another folder.</source>
        <translation>无法用此口令打开数据库 %1：口令错误或文件已损坏。文件未被改动。请重新启动后再次输入口令、打开备份，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="137"/>
        <source>The database %1 is protected by a passphrase, and none was given. Start again to type it, or choose another folder.</source>
        <translation>数据库 %1 受口令保护，但未提供口令。请重新启动并输入口令，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="141"/>
        <source>The key of the database %1 is not in this computer&apos;s password store (another computer or user account, or the store is locked). It has not been changed. Open a backup, or choose another folder.</source>
        <translation>数据库 %1 的密钥不在本机的密码库中（可能来自其他电脑或用户账户，或密码库已锁定）。文件未被改动。请打开备份，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="146"/>
        <source>Encrypting the database %1 failed; it was left as it was. Make room on the disk, close other programs using it and start again, or choose another folder.</source>
        <translation>加密数据库 %1 失败，文件保持原样。请腾出磁盘空间、关闭正在使用它的其他程序后重新启动，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="150"/>
        <source>The database %1 is missing or empty, although this folder held a profile. Nothing was created in its place. Restore the newest backup (selected below), or choose another folder.</source>
        <translation>数据库 %1 不存在或为空，但此文件夹曾保存过一个档案。程序没有在原处新建任何文件。请恢复最新的备份（已在下方选中），或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="156"/>
        <source>The database %1 is missing or empty, although this folder held a profile, and there is no backup of it here. Nothing was created in its place. Put the file back from a copy you have, or choose another folder.</source>
        <translation>数据库 %1 不存在或为空，但此文件夹曾保存过一个档案，且这里没有它的备份。程序没有在原处新建任何文件。请用您手上的副本把该文件放回原处，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="161"/>
        <source>Updating the database %1 to this version failed, and it was put back as it was. Open a backup, or choose another folder, and tell IT.</source>
        <translation>将数据库 %1 升级到当前版本失败，已恢复原状。请打开一个备份或选择其他文件夹，并告知信息技术部门。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/startup_dialog.py" line="174"/>
        <source>Choose a data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="77"/>
        <source>Demo profile: made-up data</source>
        <translation>演示档案：虚构数据</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="66"/>
        <source>Head office: checking…</source>
        <translation>总公司：正在检查…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="65"/>
        <source>Opening your data…</source>
        <translation>正在打开您的数据…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="67"/>
        <source>Outbox: …</source>
        <translation>待发送：…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/status_bar.py" line="129"/>
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>待发送：%n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/status_bar.py" line="131"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 项被退回</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="136"/>
        <source>The oldest item has waited %1 (more than %2).</source>
        <translation>最早的一项已等待 %1（超过 %2）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shell/status_bar.py" line="139"/>
        <source>Head office rejected %n item(s).</source>
        <translation>
            <numerusform>总公司拒收了 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="146"/>
        <source>Open the Sync page to see why, retry or discard.</source>
        <translation>打开“同步”页查看原因、重试或放弃。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="148"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="154"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="157"/>
        <source>Syncing… %1/%2</source>
        <translation>正在同步… %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="165"/>
        <source>Head office: online</source>
        <translation>总公司：已连接</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="166"/>
        <source>Head office: offline (work is kept and sent later)</source>
        <translation>总公司：离线（数据已保存，稍后发送）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="167"/>
        <source>Head office: not set up</source>
        <translation>总公司：未设置</translation>
    </message>
</context>
<context>
    <name>StockTable</name>
    <message>
        <location filename="../../ui/outlets/tables.py" line="286"/>
        <source>Form</source>
        <translation>单证</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="286"/>
        <source>Brochure</source>
        <translation>宣传册</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="291"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="292"/>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="293"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/outlets/tables.py" line="294"/>
        <source>Reorder level</source>
        <translation>补货线</translation>
    </message>
</context>
<context>
    <name>SummariesPage</name>
    <message>
        <location filename="../../ui/summaries/page.py" line="164"/>
        <source>Summaries</source>
        <translation>业绩总结</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="166"/>
        <source>The week&apos;s and the month&apos;s five measures and daily targets, and your targets by period and product line, for the weekly meeting and the monthly analysis.</source>
        <translation>本周、本月的五项指标与每日目标完成情况，以及按期间和产品线的个人指标进度，供周例会和月度分析会使用。</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="181"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="183"/>
        <source>Pre&amp;vious</source>
        <translation>上一期(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="184"/>
        <source>&amp;Next</source>
        <translation>下一期(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="187"/>
        <source>Week summary</source>
        <translation>周工作总结表</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="188"/>
        <source>Month summary</source>
        <translation>月工作总结表</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="189"/>
        <source>Target progress</source>
        <translation>个人指标进度情况表</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="195"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="205"/>
        <source>&amp;Week</source>
        <translation>本周(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="206"/>
        <source>&amp;Month</source>
        <translation>本月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="207"/>
        <source>T&amp;argets</source>
        <translation>个人指标(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="221"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="221"/>
        <source>Product line</source>
        <translation>产品线</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="221"/>
        <source>Target premium</source>
        <translation>目标保费</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="221"/>
        <source>Sold</source>
        <translation>实际保费</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="222"/>
        <location filename="../../ui/summaries/page.py" line="327"/>
        <source>Reached</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="222"/>
        <source>Target policies</source>
        <translation>目标件数</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="222"/>
        <source>Policies</source>
        <translation>实际件数</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="224"/>
        <source>Share of each target reached (%)</source>
        <translation>各项指标完成率（%）</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="225"/>
        <source>Set a target</source>
        <translation>设定指标</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="236"/>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="239"/>
        <source>&amp;Save target</source>
        <translation>保存指标(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="240"/>
        <source>Both at 0 removes the target</source>
        <translation>保费和件数都为 0 时删除该指标</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="242"/>
        <source>P&amp;eriod</source>
        <translation>期间(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="243"/>
        <source>&amp;Line</source>
        <translation>产品线(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="244"/>
        <source>Premium ta&amp;rget</source>
        <translation>目标保费(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="245"/>
        <source>Polic&amp;ies target</source>
        <translation>目标件数(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="257"/>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="257"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="257"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="263"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="265"/>
        <source>Other products</source>
        <translation>其他产品</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="329"/>
        <source>No targets set for this month, quarter or year.</source>
        <translation>本月、本季度、本年度尚未设定指标。</translation>
    </message>
    <message>
        <location filename="../../ui/summaries/page.py" line="341"/>
        <source>Target saved.</source>
        <translation>指标已保存。</translation>
    </message>
</context>
<context>
    <name>SyncItemModel</name>
    <message>
        <location filename="../../ui/sync/model.py" line="30"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/sync/model.py" line="30"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync/model.py" line="30"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync/model.py" line="30"/>
        <source>Waiting for</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location filename="../../ui/sync/model.py" line="30"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../ui/sync/model.py" line="31"/>
        <source>Last problem</source>
        <translation>最近的问题</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/sync/page.py" line="80"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="81"/>
        <source>Finished proposals and signed receipts on their way to head office, and what came back.</source>
        <translation>发往总公司的已完成投保单和已签收回执，以及总公司的答复。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="96"/>
        <source>&amp;Log in…</source>
        <translation>登录(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="99"/>
        <source>All items</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="99"/>
        <source>Not sent yet</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="100"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="100"/>
        <source>Rejected</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="101"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="101"/>
        <source>Discarded</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="103"/>
        <source>Sho&amp;w:</source>
        <translation>显示(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="105"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="106"/>
        <source>Send what waits and fetch head office&apos;s answers (F5)</source>
        <translation>发送等待中的项目并获取总公司的答复（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="107"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="108"/>
        <source>Stop after the item being sent (Esc); the rest keeps waiting</source>
        <translation>发送完当前一项后停止（Esc）；其余继续等待</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="131"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="132"/>
        <source>Send a rejected item again at the next sync</source>
        <translation>在下次同步时重新发送被拒收的项目</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="133"/>
        <source>&amp;Discard…</source>
        <translation>放弃(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="134"/>
        <source>Never send this item; a copy is kept on this computer (Delete)</source>
        <translation>不再发送此项；本机保留一份副本（Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="135"/>
        <source>E&amp;xport list…</source>
        <translation>导出列表(&amp;X)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="247"/>
        <source>%n item(s) shown</source>
        <translation>
            <numerusform>显示 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="247"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 项等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="249"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 项被拒收</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="250"/>
        <source>last successful sync: %1</source>
        <translation>上次成功同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="260"/>
        <source>Not logged in to head office: nothing is sent until you log in.</source>
        <translation>尚未登录总公司：登录之前不会发送任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="262"/>
        <source>Using the token set for unattended runs, for %1.</source>
        <translation>正在使用为无人值守运行设置的令牌（%1）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="264"/>
        <source>Logged in to %1 as manager %2.</source>
        <translation>已以客户经理 %2 的身份登录 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="288"/>
        <source>It goes again with the next sync. Press Sync now to send it at once.</source>
        <translation>它将在下次同步时重新发送。按“立即同步”可马上发送。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="299"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="300"/>
        <source>Discard %1? It will never be sent to head office.</source>
        <translation>放弃 %1？它将永远不会发送到总公司。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="303"/>
        <source>A copy is kept on this computer in %1. It holds ID numbers: keep it private.</source>
        <translation>副本保存在本机的 %1 中。其中含有证件号码，请妥善保管。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="307"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="322"/>
        <source>Discarded. The copy is at %1.</source>
        <translation>已放弃。副本在 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="328"/>
        <source>Export the sync list</source>
        <translation>导出同步列表</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="329"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="336"/>
        <source>%n item(s) exported to %1.</source>
        <translation>
            <numerusform>已导出 %n 项到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="373"/>
        <source>Syncing with head office…</source>
        <translation>正在与总公司同步…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="380"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="388"/>
        <source>%1 of %2 sent</source>
        <translation>已发送 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="394"/>
        <source>%1 of %2 items</source>
        <translation>%1 / %2 项</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="401"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="402"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="409"/>
        <source>a few seconds left</source>
        <translation>还剩几秒</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="411"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>约剩 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="414"/>
        <source>about %n min left</source>
        <translation>
            <numerusform>约剩 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/page.py" line="415"/>
        <source>about %n h left</source>
        <translation>
            <numerusform>约剩 %n 小时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <location filename="../../ui/sync/texts.py" line="30"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="31"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="32"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="33"/>
        <source>Rejected</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="34"/>
        <source>Discarded</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="39"/>
        <source>Proposal</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="40"/>
        <source>Receipt</source>
        <translation>保单回执</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="41"/>
        <source>Answer to head office</source>
        <translation>函件答复</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="42"/>
        <source>Change or withdrawal request</source>
        <translation>变更/撤销申请</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="49"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="51"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="53"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="54"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="59"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="64"/>
        <source>today %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="73"/>
        <source>Not logged in to head office. Use Log in… to enter your token.</source>
        <translation>尚未登录总公司。请用“登录…”输入令牌。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="74"/>
        <source>Head office refused the saved token. Log in again.</source>
        <translation>总公司拒绝了已保存的令牌。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="75"/>
        <source>Head office refused this token. Check it, or ask head office for a new one.</source>
        <translation>总公司拒绝了这个令牌。请检查，或向总公司申请新的令牌。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="78"/>
        <source>No secure password store is available on this computer, so BranchDesk cannot keep your head-office token. Ask IT to set up the system&apos;s password store, then log in again.</source>
        <translation>这台电脑上没有可用的安全密码存储，网点工作台无法保存您的总公司令牌。请联系科技部门配置系统的密码存储，然后重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="82"/>
        <source>Head office could not be reached at this address, or what answered is not head office. Check the address and the network, then try again.</source>
        <translation>无法通过此地址连接总公司，或应答的不是总公司。请检查地址和网络后重试。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="93"/>
        <source>Holiday calendar: version %1 (%2–%3) · Product catalogue: version %4 (%n product(s)) · Last checked with head office: %5</source>
        <translation>
            <numerusform>节假日日历：第 %1 版（%2–%3 年）· 产品目录：第 %4 版（%n 个产品）· 上次向总公司检查：%5</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="103"/>
        <source>holiday calendar version %1 received</source>
        <translation>已收到第 %1 版节假日日历</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="104"/>
        <source>product catalogue version %1 received</source>
        <translation>已收到第 %1 版产品目录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="115"/>
        <source>%n item(s) sent</source>
        <translation>
            <numerusform>已发送 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="117"/>
        <source>%n rejected by head office</source>
        <translation>
            <numerusform>%n 项被总公司拒收</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="119"/>
        <source>%n answer(s) from head office</source>
        <translation>
            <numerusform>收到总公司 %n 条答复</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="122"/>
        <source>Stopped; what was not sent stays waiting</source>
        <translation>已停止；未发送的项目继续等待</translation>
    </message>
    <message>
        <location filename="../../ui/sync/texts.py" line="126"/>
        <source>Up to date: nothing new to send or receive</source>
        <translation>已是最新：没有需要发送或接收的内容</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/texts.py" line="128"/>
        <source>%n still waiting</source>
        <translation>
            <numerusform>仍有 %n 项等待</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="28"/>
        <source>My daily targets</source>
        <translation>我的每日目标</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="30"/>
        <source>Effective visits</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="31"/>
        <source>Leaflets</source>
        <translation>宣传单</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="32"/>
        <source>New prospects</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="33"/>
        <source>Care SMS</source>
        <translation>关怀短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="34"/>
        <source>Booked meetings</source>
        <translation>预约面谈</translation>
    </message>
    <message>
        <location filename="../../ui/today/targets_dialog.py" line="47"/>
        <source>Each new day starts from these; a single day can be changed in its summary.</source>
        <translation>每天默认使用这些目标；某一天的目标可以在当天的总结中修改。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../ui/planner/timeline.py" line="177"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="178"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="179"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="180"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="181"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="182"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="183"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="189"/>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location filename="../../ui/planner/timeline.py" line="191"/>
        <source>Working day</source>
        <translation>调休上班</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/today/page.py" line="106"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="116"/>
        <source>Previous day (Alt+Left)</source>
        <translation>前一天（Alt+←）</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="117"/>
        <source>T&amp;oday</source>
        <translation>今天(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="119"/>
        <source>Next day (Alt+Right)</source>
        <translation>后一天（Alt+→）</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="121"/>
        <source>Kind, client, sales-flow step, outcome and notes (Ctrl+L)</source>
        <translation>类型、客户、销售流程步骤、结果和备注（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="122"/>
        <source>Daily &amp;summary…</source>
        <translation>每日总结(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="123"/>
        <source>&amp;Targets…</source>
        <translation>目标(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="124"/>
        <source>My default daily targets</source>
        <translation>我的默认每日目标</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="125"/>
        <source>Close the &amp;day…</source>
        <translation>结束当天(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="126"/>
        <source>Daily &amp;plan…</source>
        <translation>每日工作计划(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="127"/>
        <source>Daily su&amp;mmary…</source>
        <translation>每日工作总结(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="129"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="130"/>
        <source>Print the day&apos;s plan or summary, or save it as a PDF (Ctrl+P)</source>
        <translation>打印当天的计划或总结，或另存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="143"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="143"/>
        <source>Client or outlet</source>
        <translation>客户或网点</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="143"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="143"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="143"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="160"/>
        <source>&amp;Hide this notice</source>
        <translation>隐藏此提示(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="176"/>
        <source>Care &amp;messages…</source>
        <translation>关怀短信(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="177"/>
        <source>Whom to send a care message today, and in what words</source>
        <translation>今天该给哪些客户发关怀短信，以及短信内容</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="185"/>
        <source>Agenda: visits and follow-ups</source>
        <translation>今日安排：拜访与跟进</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="120"/>
        <source>Lo&amp;g a contact…</source>
        <translation>记录联系(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="213"/>
        <source>Calls and mor&amp;ning notes…</source>
        <translation>电话邀约与早会(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="214"/>
        <source>The day&apos;s phone invitations, morning meeting notes and news</source>
        <translation>当天的电话邀约、早会记录和财经要闻</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="280"/>
        <source>Calls: %1 to make, %2 made</source>
        <translation>电话邀约：待拨 %1 个，已拨 %2 个</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="284"/>
        <source>Morning meeting: %1</source>
        <translation>早会：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="286"/>
        <source>News: %1</source>
        <translation>要闻：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="316"/>
        <source>Closed: changes are corrections</source>
        <translation>已结束：修改将记为更正</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/page.py" line="324"/>
        <source>Due soon: %n reminder(s)</source>
        <translation>
            <numerusform>近期提醒：%n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/page.py" line="326"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="328"/>
        <source>the first %1 shown</source>
        <translation>显示前 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="352"/>
        <source>Revisit after purchase: %1</source>
        <translation>购买后回访：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="359"/>
        <source>No visits planned</source>
        <translation>没有安排拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="367"/>
        <source>client signs to confirm</source>
        <translation>客户签名确认</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="367"/>
        <source>book the examination</source>
        <translation>预约体检</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="368"/>
        <source>arrange the investigator&apos;s visit</source>
        <translation>安排调查人员拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="369"/>
        <source>collect the documents</source>
        <translation>收集资料</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="370"/>
        <source>client accepts or declines, both sign</source>
        <translation>客户选择是否接受，双方签名</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="370"/>
        <source>answer head office</source>
        <translation>答复总公司</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="442"/>
        <source>&amp;Open the visit</source>
        <translation>打开拜访(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="444"/>
        <source>Needs &amp;interview…</source>
        <translation>需求面谈表(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="444"/>
        <source>Closin&amp;g interview…</source>
        <translation>成交面谈表(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="452"/>
        <source>&amp;Open the client card</source>
        <translation>打开客户档案(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="455"/>
        <source>Mark &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="456"/>
        <source>Snooze until &amp;tomorrow</source>
        <translation>推迟到明天(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="457"/>
        <source>Snooze for a &amp;week</source>
        <translation>推迟一周(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="458"/>
        <source>Snooze until a d&amp;ate…</source>
        <translation>推迟到指定日期(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="459"/>
        <source>D&amp;ismiss…</source>
        <translation>忽略(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="463"/>
        <source>Open the &amp;client card</source>
        <translation>打开客户档案(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="464"/>
        <source>&amp;Log a contact…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="465"/>
        <source>Phone in&amp;vitation…</source>
        <translation>电话邀约(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="467"/>
        <source>&amp;Plan a visit…</source>
        <translation>安排拜访(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="468"/>
        <source>New p&amp;roposal…</source>
        <translation>新建投保单(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="482"/>
        <source>Marked done.</source>
        <translation>已标记为完成。</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="485"/>
        <source>Snoozed until %1.</source>
        <translation>已推迟到 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="487"/>
        <source>Dismissed.</source>
        <translation>已忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="497"/>
        <source>Dismiss the reminder</source>
        <translation>忽略提醒</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="498"/>
        <source>&amp;Why is it not needed?</source>
        <translation>为什么不需要处理(&amp;W)？</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="522"/>
        <location filename="../../ui/today/page.py" line="535"/>
        <location filename="../../ui/today/page.py" line="564"/>
        <source>Logged.</source>
        <translation>已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="601"/>
        <source>Daily plan</source>
        <translation>每日工作计划</translation>
    </message>
    <message>
        <location filename="../../ui/today/page.py" line="604"/>
        <source>Daily summary</source>
        <translation>每日工作总结</translation>
    </message>
</context>
<context>
    <name>UpdateNoticeBar</name>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="81"/>
        <source>Do&amp;n&apos;t remind me of this version</source>
        <translation>不再提醒此版本(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="83"/>
        <source>Hide this notice; a later version is announced again</source>
        <translation>隐藏此提示；有更新的版本时会再次提示</translation>
    </message>
</context>
<context>
    <name>UpdateTexts</name>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="48"/>
        <source>New version %1: %2. Please ask the IT department to install it.</source>
        <translation>有新版本 %1：%2。请联系信息科技部安装。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="51"/>
        <source>New version %1. Please ask the IT department to install it.</source>
        <translation>有新版本 %1。请联系信息科技部安装。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="53"/>
        <source>Where to get it: %1</source>
        <translation>安装地址：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/update_notice.py" line="57"/>
        <source>New version %1 (see Sync)</source>
        <translation>有新版本 %1（详见“同步”页）</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../ui/planner/dialog.py" line="72"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="74"/>
        <source>Client visit</source>
        <translation>客户拜访</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="75"/>
        <source>Outlet visit</source>
        <translation>网点拜访</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="98"/>
        <source>Repeat &amp;weekly on this weekday</source>
        <translation>每周这一天重复(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="104"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="112"/>
        <source>A visit that reached the close counts toward “5 visits”; it is logged once.</source>
        <translation>到达“销售促成”的拜访计入“5访”；只记录一次。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="131"/>
        <source>Save the visit (Ctrl+S)</source>
        <translation>保存拜访（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="133"/>
        <source>Needs &amp;interview…</source>
        <translation>需求面谈表(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="135"/>
        <source>Closin&amp;g interview…</source>
        <translation>成交面谈表(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="154"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="157"/>
        <source>&amp;Client</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="160"/>
        <source>&amp;Outlet</source>
        <translation>网点(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="161"/>
        <source>&amp;Purpose</source>
        <translation>拜访目的(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="168"/>
        <source>&amp;Date and time</source>
        <translation>日期和时间(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="172"/>
        <source>&amp;Location</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="173"/>
        <source>&amp;Agenda</source>
        <translation>议程(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="175"/>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="176"/>
        <source>O&amp;utcome</source>
        <translation>结果(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="177"/>
        <source>Furthest st&amp;ep</source>
        <translation>最远步&amp;骤</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="178"/>
        <source>&amp;New time</source>
        <translation>新时间(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="181"/>
        <source>&amp;Referrals asked</source>
        <translation>索取转介绍(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="182"/>
        <source>No&amp;tes</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="235"/>
        <source>New visit</source>
        <translation>新建拜访</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="248"/>
        <source>Visit: %1</source>
        <translation>拜访：%1</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="289"/>
        <source>(no outlet)</source>
        <translation>（无网点）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="353"/>
        <source>Choose the client to visit: type a name and pick it from the list.</source>
        <translation>请选择要拜访的客户：输入姓名后从列表中选取。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="357"/>
        <source>Choose the outlet to visit.</source>
        <translation>请选择要拜访的网点。</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="402"/>
        <source>(not a sales conversation)</source>
        <translation>（非销售面谈）</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="403"/>
        <source>Identify &amp; approach</source>
        <translation>识别接触</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="404"/>
        <source>Raise the need</source>
        <translation>需求激发</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="405"/>
        <source>Present the product</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="406"/>
        <source>Handle objections</source>
        <translation>拒绝处理</translation>
    </message>
    <message>
        <location filename="../../ui/planner/dialog.py" line="407"/>
        <source>Close</source>
        <comment>sales-flow step: 销售促成</comment>
        <translation>销售促成</translation>
    </message>
</context>
<context>
    <name>WeekChart</name>
    <message>
        <location filename="../../ui/today/week_chart.py" line="36"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="40"/>
        <source>Effective visits</source>
        <translation>有效拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="41"/>
        <source>Calls</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="42"/>
        <source>Care SMS</source>
        <translation>关怀短信</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="43"/>
        <source>New prospects</source>
        <translation>新增准客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="49"/>
        <source>This week: %1</source>
        <translation>本周：%1</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="65"/>
        <source>This week, Monday to %1; working days so far: %2</source>
        <translation>本周（周一至%1）：已过工作日 %2 天</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="73"/>
        <source>%1: %2 (no daily target)</source>
        <translation>%1：%2（无每日目标）</translation>
    </message>
    <message>
        <location filename="../../ui/today/week_chart.py" line="75"/>
        <source>%1: %2 of a target of %3 so far</source>
        <translation>%1：%2，至今目标 %3</translation>
    </message>
</context>
<context>
    <name>YesNo</name>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="74"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/proposals/editor/sections.py" line="74"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>_AutosaveDialog</name>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="59"/>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/sales_forms/briefing_dialogs.py" line="81"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
</TS>
