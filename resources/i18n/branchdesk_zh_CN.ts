<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="22" />
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="23" />
        <source>Client file cards and outlet files.</source>
        <translation>客户档案与网点资料。</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <location filename="../../ui/pages/today.py" line="39" />
        <source>This profile is empty. Open the demo profile to look around a populated day with made-up clients? It uses its own folder and never mixes with your data.</source>
        <translation>当前档案还没有数据。要打开演示档案，用虚构的客户看看忙碌的一天吗？演示档案使用单独的文件夹，绝不会与您的数据混在一起。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="45" />
        <source>Open &amp;demo profile</source>
        <translation>打开演示档案(&amp;D)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="38" />
        <location filename="../../ui/main_window.py" line="71" />
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71" />
        <source>BranchDesk (demo profile)</source>
        <translation>网点工作台（演示档案）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>PlannerPage</name>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="13" />
        <source>Planner</source>
        <translation>拜访计划</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="14" />
        <source>Visits by day and week: before, during and after each visit.</source>
        <translation>按日、按周安排拜访：拜访前、拜访中、拜访后。</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="31" />
        <source>Proposals</source>
        <translation>投保单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="32" />
        <source>Insurance applications, checked against the rules and signed on screen.</source>
        <translation>投保单：按规则校验，并在屏幕上签名。</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="40" />
        <source>Receipts</source>
        <translation>保单回执</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="41" />
        <source>Policy receipts signed on delivery, and their return deadlines.</source>
        <translation>保单送达时签收的回执及其交回期限。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/application.py" line="97" />
        <source>BranchDesk</source>
        <translation>网点工作台</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="107" />
        <source>Backup not usable</source>
        <translation>备份无法使用</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="117" />
        <source>Preparing the demo profile…</source>
        <translation>正在准备演示档案…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="117" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="119" />
        <location filename="../../ui/application.py" line="134" />
        <source>Demo profile</source>
        <translation>演示档案</translation>
    </message>
</context>
<context>
    <name>StartupProblemDialog</name>
    <message>
        <location filename="../../ui/startup_dialog.py" line="33" />
        <source>BranchDesk cannot open your data</source>
        <translation>网点工作台无法打开您的数据</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="39" />
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="48" />
        <source>Open selected &amp;backup</source>
        <translation>打开所选备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="50" />
        <source>Choose another &amp;folder…</source>
        <translation>选择其他文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="51" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="63" />
        <source>Backups of this profile, newest first:</source>
        <translation>此档案的备份（最新的在前）：</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="70" />
        <source>The data folder %1 cannot be used: it is missing and cannot be created, or it is read-only. Choose another folder, or ask IT to make this one writable.</source>
        <translation>数据文件夹 %1 无法使用：它不存在且无法创建，或者是只读的。请选择其他文件夹，或请信息技术部门开放此文件夹的写入权限。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="74" />
        <source>The database %1 is damaged and cannot be opened. It has not been changed. Open a backup, or choose another data folder.</source>
        <translation>数据库 %1 已损坏，无法打开。该文件未被改动。请打开一个备份，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="78" />
        <source>The database %1 was written by a newer version of BranchDesk. It has not been changed. Install the newer version, open a backup, or choose another folder.</source>
        <translation>数据库 %1 由更新版本的网点工作台写入。该文件未被改动。请安装新版本、打开一个备份，或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="82" />
        <source>Updating the database %1 to this version failed, and it was put back as it was. Open a backup, or choose another folder, and tell IT.</source>
        <translation>将数据库 %1 升级到当前版本失败，已恢复原状。请打开一个备份或选择其他文件夹，并告知信息技术部门。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_dialog.py" line="95" />
        <source>Choose a data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="45" />
        <source>Demo profile: made-up data</source>
        <translation>演示档案：虚构数据</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="36" />
        <source>Head office: checking…</source>
        <translation>总公司：正在检查…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="35" />
        <source>Opening your data…</source>
        <translation>正在打开您的数据…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="37" />
        <source>Outbox: …</source>
        <translation>待发送：…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="68" />
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>待发送：%n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="70" />
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 项被退回</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="75" />
        <source>Head office: online</source>
        <translation>总公司：已连接</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="76" />
        <source>Head office: offline (work is kept and sent later)</source>
        <translation>总公司：离线（数据已保存，稍后发送）</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="77" />
        <source>Head office: not set up</source>
        <translation>总公司：未设置</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="49" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholders.py" line="50" />
        <source>What waits to be sent to head office, and what came back.</source>
        <translation>等待发送到总公司的资料，以及总公司的回复。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/pages/today.py" line="57" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="71" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="71" />
        <source>Client or outlet</source>
        <translation>客户或网点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="71" />
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="71" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="76" />
        <source>Today's visits</source>
        <translation>今日拜访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="87" />
        <source>%1 clients · %2 work-log entries today · %3 draft proposals</source>
        <translation>客户 %1 位 · 今日工作日志 %2 条 · 投保单草稿 %3 份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="108" />
        <source>No visits planned today</source>
        <translation>今日没有安排拜访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="112" />
        <source>Needs interview</source>
        <translation>需求面谈</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="113" />
        <source>Product presentation</source>
        <translation>产品推介</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="114" />
        <source>Closing</source>
        <translation>销售促成</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="115" />
        <source>Policy delivery</source>
        <translation>递送保单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="116" />
        <source>Care visit</source>
        <translation>关怀拜访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="117" />
        <source>Outlet visit</source>
        <translation>网点拜访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="122" />
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="123" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="124" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="125" />
        <source>No-show</source>
        <translation>客户爽约</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="126" />
        <source>Rescheduled</source>
        <translation>已改期</translation>
    </message>
</context>
</TS>