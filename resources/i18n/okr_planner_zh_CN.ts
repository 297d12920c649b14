<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Board</name>
    <message>
        <location filename="../../ui/board/actions.py" line="54"/>
        <source>&amp;New card</source>
        <translation>新建卡片(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="54"/>
        <source>Create a card in the selected cell</source>
        <translation>在所选格子中新建卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="57"/>
        <source>&amp;Edit card…</source>
        <translation>编辑卡片(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="60"/>
        <source>Open the selected card in the editor</source>
        <translation>在编辑器中打开所选卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="63"/>
        <source>&amp;Delete card</source>
        <translation>删除卡片(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="66"/>
        <source>Delete the selected cards (Ctrl+Z brings them back)</source>
        <translation>删除所选卡片（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="69"/>
        <source>Next &amp;status</source>
        <translation>下一状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="69"/>
        <source>To do → Doing → Done</source>
        <translation>待办 → 进行中 → 已完成</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="72"/>
        <source>Move a week &amp;earlier</source>
        <translation>提前一周(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="75"/>
        <source>Move the selected card one week earlier</source>
        <translation>将所选卡片提前一周</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="78"/>
        <source>Move a week &amp;later</source>
        <translation>推后一周(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="81"/>
        <source>Move the selected card one week later</source>
        <translation>将所选卡片推后一周</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="85"/>
        <source>Mark %1</source>
        <translation>标记为%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="89"/>
        <source>Lanes by &amp;KR</source>
        <translation>按 KR 分泳道(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="90"/>
        <source>Lanes by &amp;line of work</source>
        <translation>按主线分泳道(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="97"/>
        <source>&amp;Focus on the current month</source>
        <translation>聚焦当月(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="100"/>
        <source>Show the &amp;whole quarter</source>
        <translation>显示整个季度(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="103"/>
        <source>Move &amp;due dates with cards</source>
        <translation>截止日期随卡片移动(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="106"/>
        <source>A moved card&apos;s due date moves by as many weeks (hold Shift to keep it)</source>
        <translation>移动卡片时，截止日期平移相同的周数（按住 Shift 则保持不变）</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="109"/>
        <source>&amp;Find cards</source>
        <translation>查找卡片(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="248"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="65"/>
        <location filename="../../ui/board/editor.py" line="125"/>
        <source>Edit card</source>
        <translation>编辑卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="65"/>
        <source>New card</source>
        <translation>新建卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="72"/>
        <source>What will be done, in a few words</source>
        <translation>简要写明要做的事</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="97"/>
        <source>A week card can span several weeks (W51-52)</source>
        <translation>周卡片可以跨多周（W51-52）</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="98"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="106"/>
        <source>as written, e.g. 本周五</source>
        <translation>原话，如：本周五</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="160"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="161"/>
        <source>KRs</source>
        <translation>KR</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="162"/>
        <source>Owner role</source>
        <translation>责任角色</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="164"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="166"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="171"/>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="172"/>
        <source>Done when</source>
        <translation>完成标准</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="177"/>
        <source>Status, light</source>
        <translation>状态、灯色</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="207"/>
        <source>%1 (outside the quarter)</source>
        <translation>%1（不在本季度内）</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="223"/>
        <source>same</source>
        <translation>同起始</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="270"/>
        <source>The due date lies outside the card&apos;s period or the quarter. That is allowed; the card will be flagged.</source>
        <translation>截止日期不在卡片周期或本季度内。可以保存，但卡片会被标记。</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_dialog.py" line="280"/>
        <source>A card needs a title.</source>
        <translation>卡片需要一个标题。</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_painter.py" line="243"/>
        <source>slipped %1×</source>
        <translation>延期 %1 次</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_painter.py" line="253"/>
        <source>due %1</source>
        <translation>%1 截止</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_painter.py" line="275"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/board/editor.py" line="105"/>
        <source>Select a card to move</source>
        <translation>请先选择要移动的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/editor.py" line="115"/>
        <source>Create card</source>
        <translation>新建卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/editor.py" line="139"/>
        <source>Deleted the card; Ctrl+Z brings it back</source>
        <translation>已删除卡片；Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../../ui/board/editor.py" line="141"/>
        <source>Deleted %1 cards; Ctrl+Z brings them back</source>
        <translation>已删除 %1 张卡片；Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../../ui/board/edits.py" line="42"/>
        <source>A quarter card cannot move by weeks; drag it to a month or a week instead</source>
        <translation>季度卡片不能按周移动；请把它拖到某个月或某一周</translation>
    </message>
    <message>
        <location filename="../../ui/board/edits.py" line="59"/>
        <source>%1 is outside the quarter</source>
        <translation>%1 不在本季度内</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="57"/>
        <source>Search cards</source>
        <translation>搜索卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="61"/>
        <source>Show only the cards of one KR</source>
        <translation>只显示某个 KR 的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="62"/>
        <source>Show only the cards of one owner role</source>
        <translation>只显示某个责任角色的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="63"/>
        <source>Show only the cards with one light</source>
        <translation>只显示某种灯色的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="64"/>
        <source>Show only the cards with one status</source>
        <translation>只显示某种状态的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="67"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="68"/>
        <source>Show every card again</source>
        <translation>重新显示全部卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="73"/>
        <source>All lights</source>
        <translation>全部灯色</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="77"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="97"/>
        <source>All KRs</source>
        <translation>全部 KR</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="103"/>
        <source>All owners</source>
        <translation>全部责任角色</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="124"/>
        <source>%1 cards</source>
        <translation>%1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="124"/>
        <source>1 card</source>
        <translation>1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="128"/>
        <source>%1 of %2 cards</source>
        <translation>%1 / %2 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="153"/>
        <source>Group the board&apos;s rows</source>
        <translation>看板各行的分组方式</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="154"/>
        <source>Lanes: KR</source>
        <translation>泳道：KR</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="155"/>
        <source>Lanes: line</source>
        <translation>泳道：主线</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="157"/>
        <source>Show one month and its weeks, or the whole quarter</source>
        <translation>显示某个月及其各周，或整个季度</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="174"/>
        <source>Whole quarter</source>
        <translation>整个季度</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="176"/>
        <source>Focus: %1</source>
        <translation>聚焦：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/headers.py" line="120"/>
        <location filename="../../ui/board/texts.py" line="29"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../ui/board/headers.py" line="141"/>
        <source>Month · %1</source>
        <translation>月度 · %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/headers.py" line="152"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/board/headers.py" line="252"/>
        <source>Click to fold %1</source>
        <translation>点击折叠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/headers.py" line="252"/>
        <source>Click to open %1</source>
        <translation>点击展开 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="83"/>
        <source>No KR</source>
        <translation>无 KR</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="304"/>
        <source>Drop the card on a quarter, month or week column</source>
        <translation>请把卡片放到季度、月或周列上</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="306"/>
        <source>This plan is open read-only</source>
        <translation>此计划以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="310"/>
        <source>%1 is collapsed: click its header to open it, then drop on a week</source>
        <translation>%1 已折叠：先点击列头展开，再放到某一周</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="314"/>
        <source>That card no longer exists</source>
        <translation>该卡片已不存在</translation>
    </message>
    <message>
        <location filename="../../ui/board/scene.py" line="316"/>
        <source>A card stays in the lanes of its KRs; change its KRs in the editor (Enter)</source>
        <translation>卡片只能留在所属 KR 的泳道中；要更改 KR，请在编辑器中修改（Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="20"/>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="21"/>
        <source>Doing</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="22"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="30"/>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="31"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="61"/>
        <source>Move card to %1</source>
        <translation>将卡片移到 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/board/texts.py" line="62"/>
        <source>Move %n cards to %1</source>
        <translation>
            <numerusform>将 %n 张卡片移到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="68"/>
        <source>Mark card %1</source>
        <translation>将卡片标记为%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/board/texts.py" line="69"/>
        <source>Mark %n cards %1</source>
        <translation>
            <numerusform>将 %n 张卡片标记为%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/board/texts.py" line="73"/>
        <source>Delete %n cards</source>
        <translation>
            <numerusform>删除 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/board/texts.py" line="73"/>
        <source>Delete card</source>
        <translation>删除卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="235"/>
        <source>KRs: %1</source>
        <translation>KR：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="237"/>
        <source>Owner: %1</source>
        <translation>责任角色：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="242"/>
        <source>Due: %1</source>
        <translation>截止：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="245"/>
        <source>Overdue: due before %1 and not done</source>
        <translation>逾期：%1 之前到期，尚未完成</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="248"/>
        <source>The due date lies outside the card&apos;s period or the quarter</source>
        <translation>截止日期不在卡片周期或本季度内</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="251"/>
        <source>Slipped once to a later period</source>
        <translation>已延期 1 次</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="253"/>
        <source>Slipped %1 times to a later period</source>
        <translation>已延期 %1 次</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="257"/>
        <source>Shown in several lanes: it is one card serving several KRs</source>
        <translation>显示在多个泳道中：这是同一张卡片，服务于多个 KR</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="259"/>
        <source>Done when: %1</source>
        <translation>完成标准：%1</translation>
    </message>
</context>
<context>
    <name>BoardExport</name>
    <message>
        <location filename="../../ui/board/render.py" line="212"/>
        <location filename="../../ui/board/render.py" line="314"/>
        <source>Lanes by KR</source>
        <translation>按 KR 分泳道</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="212"/>
        <location filename="../../ui/board/render.py" line="314"/>
        <source>Lanes by line</source>
        <translation>按主线分泳道</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="310"/>
        <source>Focus: %1 %2</source>
        <translation>聚焦：%2年%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="313"/>
        <source>Whole quarter</source>
        <translation>整个季度</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="317"/>
        <source>Filter: %1</source>
        <translation>筛选：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="318"/>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="321"/>
        <source>%1 cards</source>
        <translation>%1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="323"/>
        <source>%1 of %2 cards</source>
        <translation>%1 / %2 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="332"/>
        <source>owner %1</source>
        <translation>责任角色 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/render.py" line="335"/>
        <source>light %1</source>
        <translation>灯色 %1</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../ui/charts/chart_widget.py" line="42"/>
        <source>The chart appears here.</source>
        <translation>图表将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/charts/chart_widget.py" line="112"/>
        <source>Export chart as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/charts/chart_widget.py" line="119"/>
        <source>Export chart as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/charts/chart_widget.py" line="119"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="96"/>
        <source>Baseline %1</source>
        <translation>基线 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="100"/>
        <source>Floor (保底) %1</source>
        <translation>保底 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="103"/>
        <source>Floor (保底) %1 = stretch (冲刺), lowered from %2</source>
        <translation>保底 %1 = 冲刺（由 %2 下调）</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="111"/>
        <source>Stretch (冲刺) lowered %1 → %2</source>
        <translation>冲刺下调 %1 → %2</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="116"/>
        <source>Stretch (冲刺) %1</source>
        <translation>冲刺 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="122"/>
        <source>Today %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="136"/>
        <source>No check-in yet</source>
        <translation>暂无周进展</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="185"/>
        <source>Pace to floor: %1 a week</source>
        <translation>达成保底需每周 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="186"/>
        <source>Pace to stretch: %1 a week</source>
        <translation>达成冲刺需每周 %1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/draw.py" line="212"/>
        <source>No metric to chart</source>
        <translation>没有可绘制的指标</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="66"/>
        <source>Check in</source>
        <translation>更新周进展</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="66"/>
        <source>Edit check-in</source>
        <translation>编辑周进展</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="84"/>
        <location filename="../../ui/checkin_dialog.py" line="177"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="98"/>
        <location filename="../../ui/checkin_dialog.py" line="194"/>
        <location filename="../../ui/checkin_dialog.py" line="198"/>
        <location filename="../../ui/checkin_dialog.py" line="205"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="103"/>
        <source>e.g. 65.5</source>
        <translation>如 65.5</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="109"/>
        <location filename="../../ui/checkin_dialog.py" line="183"/>
        <location filename="../../ui/checkin_dialog.py" line="187"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="113"/>
        <source>What moved it, or what held it back</source>
        <translation>推动因素或阻碍原因</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="117"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="150"/>
        <source>No check-in yet.</source>
        <translation>暂无周进展。</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="152"/>
        <source>Last check-in: %1 on %2 (%3)</source>
        <translation>上次周进展：%2（%3）为 %1</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="177"/>
        <source>choose a metric</source>
        <translation>请选择指标</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="182"/>
        <source>enter a number</source>
        <translation>请输入数字</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="182"/>
        <source>“%1” is not a number</source>
        <translation>「%1」不是数字</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="186"/>
        <source>%1% is outside 0-100</source>
        <translation>%1% 超出 0-100 的范围</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="191"/>
        <source>%1 is outside the quarter (%2 to %3)</source>
        <translation>%1 不在本季度内（%2 至 %3）</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="197"/>
        <source>%1 is after the plan&apos;s today (%2)</source>
        <translation>%1 晚于计划的“今天”（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_dialog.py" line="203"/>
        <source>%1 already has a check-in on %2; edit that one instead</source>
        <translation>%1 在 %2 已有周进展；请直接编辑那一条</translation>
    </message>
</context>
<context>
    <name>CheckInTable</name>
    <message>
        <location filename="../../ui/checkin_table.py" line="77"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="77"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="77"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="77"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="77"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="129"/>
        <source>Value: “%1” is not a number</source>
        <translation>数值：「%1」不是数字</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="133"/>
        <source>Value: %1% is outside 0-100</source>
        <translation>数值：%1% 超出 0-100 的范围</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="163"/>
        <source>Check in…</source>
        <translation>更新周进展…</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="165"/>
        <source>Enter this week&apos;s value with a note (Ctrl+K)</source>
        <translation>填写本周数值和备注（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="166"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_table.py" line="167"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>CheckIns</name>
    <message>
        <location filename="../../ui/checkin_commands.py" line="36"/>
        <source>Set %1 to %2</source>
        <translation>将 %1 设为 %2</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_commands.py" line="52"/>
        <source>Check in %1 %2 for %3</source>
        <translation>%3 周进展：%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_commands.py" line="68"/>
        <source>Edit check-in of %1 for %2</source>
        <translation>编辑 %2 的周进展：%1</translation>
    </message>
    <message>
        <location filename="../../ui/checkin_commands.py" line="83"/>
        <source>Delete check-in of %1 for %2</source>
        <translation>删除 %2 的周进展：%1</translation>
    </message>
</context>
<context>
    <name>DetailsView</name>
    <message>
        <location filename="../../ui/details_view.py" line="49"/>
        <source>Select a goal, KR or work package.</source>
        <translation>请选择一个目标、KR 或工作包。</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="55"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="72"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="73"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="78"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="79"/>
        <source>Key projects</source>
        <translation>关键项目</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="80"/>
        <source>Risks / bottlenecks</source>
        <translation>风险 / 瓶颈</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="94"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="98"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="98"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../ui/details_view.py" line="99"/>
        <source>Acceptance</source>
        <translation>验收标准</translation>
    </message>
</context>
<context>
    <name>GoalTreeActions</name>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="38"/>
        <source>&amp;Add under selected goal</source>
        <translation>在所选节点下添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="42"/>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="44"/>
        <source>&amp;Rename goal</source>
        <translation>重命名节点(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="45"/>
        <source>&amp;Delete goal</source>
        <translation>删除节点(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="46"/>
        <source>Move goal &amp;up</source>
        <translation>上移节点(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="47"/>
        <source>Move goal do&amp;wn</source>
        <translation>下移节点(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="48"/>
        <source>Set &amp;light…</source>
        <translation>设置灯色(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_actions.py" line="50"/>
        <source>New in &amp;tree</source>
        <translation>在目标树中新建(&amp;T)</translation>
    </message>
</context>
<context>
    <name>GoalTreeEdits</name>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="27"/>
        <source>objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="28"/>
        <source>line of work</source>
        <translation>主线</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="29"/>
        <source>KR</source>
        <translation>KR</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="30"/>
        <source>work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="31"/>
        <source>deliverable</source>
        <translation>产出物</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="37"/>
        <source>New objective</source>
        <translation>新目标</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="38"/>
        <source>New line of work</source>
        <translation>新主线</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="39"/>
        <source>New KR</source>
        <translation>新 KR</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="40"/>
        <source>New work package</source>
        <translation>新工作包</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="41"/>
        <source>New deliverable</source>
        <translation>新产出物</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="77"/>
        <source>Add %1 “%2”</source>
        <translation>添加%1「%2」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="101"/>
        <source>Delete %1 “%2”</source>
        <translation>删除%1「%2」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="105"/>
        <source>Remove “%1” from %2</source>
        <translation>从 %2 移除「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_edits.py" line="152"/>
        <source>Move %1 “%2”</source>
        <translation>移动%1「%2」</translation>
    </message>
</context>
<context>
    <name>GoalTreeModel</name>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="182"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="183"/>
        <source>Light</source>
        <translation>灯色</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="184"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="185"/>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="186"/>
        <source>Target / due</source>
        <translation>目标 / 截止</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="191"/>
        <source>0 = baseline, 95 = floor (保底) reached, 100 = stretch (冲刺) reached</source>
        <translation>0 = 基线，95 = 达成保底，100 = 达成冲刺</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="272"/>
        <source>Risks / bottlenecks:</source>
        <translation>风险 / 瓶颈：</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="290"/>
        <source>Rename %1 to “%2”</source>
        <translation>将%1重命名为「%2」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="297"/>
        <source>Check off “%1”</source>
        <translation>勾选完成「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_model.py" line="297"/>
        <source>Reopen “%1”</source>
        <translation>重新打开「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="92"/>
        <source>floor %1</source>
        <translation>保底 %1</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="94"/>
        <source>stretch %1</source>
        <translation>冲刺 %1</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="96"/>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="99"/>
        <source>baseline %1</source>
        <translation>基线 %1</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="110"/>
        <source>no score yet</source>
        <translation>暂无得分</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="111"/>
        <source>below the floor</source>
        <translation>低于保底</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="112"/>
        <source>floor reached (the 95-point path)</source>
        <translation>已达保底（95 分路径）</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="113"/>
        <source>stretch reached (the 100-point path)</source>
        <translation>已达冲刺（100 分路径）</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="126"/>
        <source>0 = baseline, 95 = floor (保底), 100 = stretch (冲刺)</source>
        <translation>0 = 基线，95 = 保底，100 = 冲刺</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="128"/>
        <source>No score: this KR has no metric and no deliverable</source>
        <translation>无得分：此 KR 既没有指标，也没有产出物</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="130"/>
        <source>No score yet: its metrics have no current value</source>
        <translation>暂无得分：其指标还没有当前值</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="131"/>
        <source>Score %1 of 100: %2</source>
        <translation>得分 %1 / 100：%2</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="134"/>
        <source>From deliverables (no metric): %1 of %2 done</source>
        <translation>按产出物计分（无指标）：已完成 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="136"/>
        <source>Mean of %1 of %2 metrics</source>
        <translation>指标平均分（%1 / %2 个有得分）</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="143"/>
        <source>No score yet: none of its %1 has a score</source>
        <translation>暂无得分：下属%1均无得分</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="144"/>
        <source>Mean of the scores of %1 of %2 %3</source>
        <translation>%3平均分（%1 / %2 个有得分）</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="166"/>
        <source>Worst light of its KRs</source>
        <translation>取下属 KR 中最差的灯色</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="169"/>
        <source>KRs</source>
        <translation>KR</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="171"/>
        <source>Worst light of its lines of work</source>
        <translation>取下属主线中最差的灯色</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="174"/>
        <source>lines of work</source>
        <translation>主线</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="197"/>
        <source>%1 of %2 deliverables done</source>
        <translation>产出物已完成 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="205"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/goal_tree_nodes.py" line="205"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>IOActions</name>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="38"/>
        <source>&amp;Import action table…</source>
        <translation>导入行动表(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="42"/>
        <source>Paste a Markdown action table and add its rows as cards</source>
        <translation>粘贴 Markdown 行动表，把每一行添加为卡片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="45"/>
        <source>Weekly &amp;report…</source>
        <translation>周报(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="47"/>
        <source>The 周报 of a week, to read and save as Markdown</source>
        <translation>查看某一周的周报，并可保存为 Markdown</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="49"/>
        <source>Export actions as &amp;Markdown…</source>
        <translation>将行动导出为 Markdown(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="52"/>
        <source>Export actions as &amp;CSV…</source>
        <translation>将行动导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="54"/>
        <source>A CSV file that Excel opens with Chinese intact</source>
        <translation>用 Excel 打开时中文不乱码的 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="93"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="93"/>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="95"/>
        <source>Export actions</source>
        <translation>导出行动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="110"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="111"/>
        <source>%1 was not written: %2</source>
        <translation>未能写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/io_actions.py" line="118"/>
        <source>Actions exported to %1</source>
        <translation>行动已导出到 %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="60"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="61"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="62"/>
        <source>Action</source>
        <translation>行动事项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="63"/>
        <source>KRs</source>
        <translation>所属 KR</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="64"/>
        <source>Owner</source>
        <translation>责任角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="65"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="66"/>
        <source>Done criteria</source>
        <translation>完成标准</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="117"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="118"/>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="119"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="145"/>
        <source>Import action table</source>
        <translation>导入行动表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="149"/>
        <source>Paste a Markdown action table below, or open a file. Columns: 层级 / 行动事项 / 所属 KR / 责任角色 / 截止时间 / 完成标准 (or Level / Action / KR / Owner / Due / Done criteria), in any order. Each row becomes a card; nothing is written until you press Import.</source>
        <translation>在下方粘贴 Markdown 行动表，或打开文件。列：层级 / 行动事项 / 所属 KR / 责任角色 / 截止时间 / 完成标准（或 Level / Action / KR / Owner / Due / Done criteria），顺序不限。每一行生成一张卡片；点击“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="167"/>
        <source>&amp;Open file…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="192"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="238"/>
        <source>Open action table</source>
        <translation>打开行动表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="240"/>
        <source>Markdown files (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 文件 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="247"/>
        <source>it is not UTF-8 text; save it as UTF-8</source>
        <translation>它不是 UTF-8 文本；请另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="259"/>
        <source>Paste a table to see what it creates.</source>
        <translation>粘贴表格后，这里会预览将要创建的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="285"/>
        <source>1 problem: fix it in the text above; nothing is imported until then.</source>
        <translation>1 个问题：请在上方文本中修正；修正之前不会导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="287"/>
        <source>%1 problems: fix them in the text above; nothing is imported until then.</source>
        <translation>%1 个问题：请在上方文本中修正；修正之前不会导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="294"/>
        <source>1 card will be created</source>
        <translation>将创建 1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="296"/>
        <source>%1 cards will be created</source>
        <translation>将创建 %1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="300"/>
        <source>this window is read-only, so nothing can be imported</source>
        <translation>此窗口为只读，无法导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="307"/>
        <source>Line %1, column %2 (“%3”): %4</source>
        <translation>第 %1 行，第 %2 列（「%3」）：%4</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="315"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="336"/>
        <source>Import %1 cards</source>
        <translation>导入 %1 张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="336"/>
        <source>Import 1 card</source>
        <translation>导入 1 张卡片</translation>
    </message>
</context>
<context>
    <name>KRMetrics</name>
    <message>
        <location filename="../../ui/kr_metrics_section.py" line="50"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../ui/kr_metrics_section.py" line="55"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_metrics_section.py" line="62"/>
        <source>Check-ins</source>
        <translation>周进展</translation>
    </message>
    <message>
        <location filename="../../ui/kr_metrics_section.py" line="65"/>
        <source>Warning rules</source>
        <translation>预警规则</translation>
    </message>
</context>
<context>
    <name>KRPanel</name>
    <message>
        <location filename="../../ui/kr_panel.py" line="126"/>
        <source>Light</source>
        <translation>灯色</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="133"/>
        <source>Set light…</source>
        <translation>设置灯色…</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="135"/>
        <source>Set this KR&apos;s light by hand, with the reason</source>
        <translation>手动设置此 KR 的灯色，并写明原因</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="146"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="148"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="149"/>
        <source>Add a metric to this KR</source>
        <translation>为此 KR 添加指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="151"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="153"/>
        <source>Remove the selected metric (undo brings it back)</source>
        <translation>移除所选指标（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="180"/>
        <source>Risks / bottlenecks</source>
        <translation>风险 / 瓶颈</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="181"/>
        <source>One risk per line</source>
        <translation>每行一个风险</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="184"/>
        <source>Key projects</source>
        <translation>关键项目</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="185"/>
        <source>One project per line</source>
        <translation>每行一个项目</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="190"/>
        <source>Work packages and deliverables</source>
        <translation>工作包与产出物</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="197"/>
        <source>No work package serves this KR yet.</source>
        <translation>暂无服务于此 KR 的工作包。</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="203"/>
        <source>Actions on the board</source>
        <translation>看板上的行动</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="207"/>
        <source>No action on the board serves this KR yet.</source>
        <translation>看板上暂无服务于此 KR 的行动。</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="269"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="269"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="275"/>
        <source>No reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="278"/>
        <source>Set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="307"/>
        <source>No metric yet: scored by its deliverables, %1 of %2 done.</source>
        <translation>暂无指标：按产出物计分，已完成 %1 / %2。</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="309"/>
        <source>No metric yet: add one to score this KR.</source>
        <translation>暂无指标：添加指标后即可为此 KR 计分。</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="362"/>
        <source>New metric</source>
        <translation>新指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="363"/>
        <source>Add a metric to %1</source>
        <translation>为 %1 添加指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="378"/>
        <source>Remove metric “%1”</source>
        <translation>移除指标「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="384"/>
        <source>key projects</source>
        <translation>关键项目</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="384"/>
        <source>risks</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel.py" line="385"/>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的%1</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="61"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="62"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="130"/>
        <source>Computed by the warning rules</source>
        <translation>由预警规则计算</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="132"/>
        <source>No warning rule fired for this KR.</source>
        <translation>此 KR 未触发任何预警规则。</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="152"/>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="153"/>
        <source>Doing</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="154"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="175"/>
        <source>Double-click an action to show it on the board</source>
        <translation>双击行动，在看板上定位它</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_sections.py" line="193"/>
        <source>Done when: %1</source>
        <translation>完成标准：%1</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/language.py" line="110"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="127"/>
        <source>OKR Planner will use %1 the next time it starts.</source>
        <translation>OKR Planner 下次启动时将使用%1。</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="132"/>
        <source>The environment variable %1 is set and still wins over this choice.</source>
        <translation>已设置环境变量 %1，它仍优先于此处的选择。</translation>
    </message>
    <message>
        <location filename="../../ui/language.py" line="136"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LightDialog</name>
    <message>
        <location filename="../../ui/dialogs/light_dialog.py" line="50"/>
        <source>Set light</source>
        <translation>设置灯色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/light_dialog.py" line="73"/>
        <source>Why this light? e.g. coverage 25 points short</source>
        <translation>为什么是这个灯色？如：覆盖率还差 25 个点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/light_dialog.py" line="77"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/light_dialog.py" line="108"/>
        <source>Set light of %1 to %2</source>
        <translation>将 %1 的灯色设为%2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="69"/>
        <source>The plan&apos;s goals: objective, lines, KRs, work packages</source>
        <translation>计划的目标树：目标、主线、KR、工作包</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Close OKR Planner; every edit is already saved</source>
        <translation>关闭 OKR Planner；所有修改均已自动保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>&amp;Restore backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Go back to one of this plan&apos;s backups</source>
        <translation>将此计划恢复到某个备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Expand the whole tree</source>
        <translation>展开整个目标树</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>&amp;About OKR Planner</source>
        <translation>关于 OKR Planner(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>%1 — OKR Planner</source>
        <translation>%1 — OKR Planner</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>As of %1 (frozen)</source>
        <translation>截至 %1（已冻结）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>Today %1 (live)</source>
        <translation>今天 %1（实时）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>1 week left</source>
        <translation>剩余 1 周</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>%1 weeks left</source>
        <translation>剩余 %1 周</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>Change not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254"/>
        <source>About OKR Planner</source>
        <translation>关于 OKR Planner</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255"/>
        <source>&lt;b&gt;OKR Planner&lt;/b&gt; %1&lt;br&gt;Plan a quarter on OKRs and steer it week by week.&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;OKR Planner&lt;/b&gt; %1&lt;br&gt;用 OKR 规划一个季度，并逐周推进。&lt;br&gt;数据库：%2</translation>
    </message>
</context>
<context>
    <name>MetricTable</name>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="87"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="88"/>
        <source>Better</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="89"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="90"/>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="91"/>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="92"/>
        <source>Floor (保底)</source>
        <translation>保底</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="93"/>
        <source>Stretch (冲刺)</source>
        <translation>冲刺</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="94"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="95"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="96"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="102"/>
        <source>↓ lower is better</source>
        <translation>↓ 越低越好</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="103"/>
        <source>↑ higher is better</source>
        <translation>↑ 越高越好</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="160"/>
        <source>保底: reaching it is the 95-point path</source>
        <translation>保底：达成即为 95 分路径</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="161"/>
        <source>冲刺: reaching it is the 100-point path</source>
        <translation>冲刺：达成即为 100 分路径</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="162"/>
        <source>The external target, as promised upwards</source>
        <translation>对外目标，即向上承诺的口径</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="163"/>
        <source>0 = baseline, 95 = floor reached, 100 = stretch reached</source>
        <translation>0 = 基线，95 = 达成保底，100 = 达成冲刺</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="238"/>
        <source>No score: no current value yet</source>
        <translation>无得分：还没有当前值</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="239"/>
        <source>No score: set a floor, stretch or target</source>
        <translation>无得分：请设置保底、冲刺或目标</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="240"/>
        <source>No score below the floor without a baseline</source>
        <translation>没有基线时，低于保底无法计分</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="242"/>
        <source>Score %1: %2</source>
        <translation>得分 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="245"/>
        <source>No baseline: measured from 0</source>
        <translation>无基线：从 0 起算</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="247"/>
        <source>Past the stretch</source>
        <translation>已超过冲刺</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="264"/>
        <source>%1: “%2” is not a number</source>
        <translation>%1：「%2」不是数字</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="279"/>
        <source>cannot be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_metrics.py" line="284"/>
        <source>Set %1 of %2</source>
        <translation>设置 %2 的%1</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <location filename="../../ui/metrics_controller.py" line="64"/>
        <source>Overview: all KRs</source>
        <translation>总览：全部 KR</translation>
    </message>
    <message>
        <location filename="../../ui/metrics_controller.py" line="70"/>
        <source>Check &amp;in…</source>
        <translation>更新周进展(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/metrics_controller.py" line="73"/>
        <source>Enter a metric&apos;s value for this week, with a note</source>
        <translation>填写某个指标本周的数值和备注</translation>
    </message>
    <message>
        <location filename="../../ui/metrics_controller.py" line="77"/>
        <source>&amp;Overview of all KR charts</source>
        <translation>全部 KR 图表总览(&amp;O)</translation>
    </message>
</context>
<context>
    <name>OpenProblemDialog</name>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="53"/>
        <source>Cannot open plan</source>
        <translation>无法打开计划</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="55"/>
        <source>This plan cannot be opened:</source>
        <translation>无法打开此计划：</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="64"/>
        <source>The file has not been changed.</source>
        <translation>文件没有被改动。</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="74"/>
        <source>Restore the newest good backup (%1)</source>
        <translation>恢复最近的完好备份（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="76"/>
        <source>Open another plan file…</source>
        <translation>打开其他计划文件…</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="77"/>
        <source>Start a new plan…</source>
        <translation>新建计划…</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="78"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="106"/>
        <location filename="../../ui/open_problem_dialog.py" line="109"/>
        <source>OKR plans (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>OKR 计划 (*.db *.sqlite *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="106"/>
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="109"/>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="119"/>
        <source>Plan already open</source>
        <translation>计划已被打开</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="120"/>
        <source>Another OKR Planner window has this plan open:
%1

You can open it read-only here; the other window is not affected.</source>
        <translation>另一个 OKR Planner 窗口已打开此计划：
%1

可以在这里以只读方式打开；另一个窗口不受影响。</translation>
    </message>
    <message>
        <location filename="../../ui/open_problem_dialog.py" line="125"/>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
</context>
<context>
    <name>PngExport</name>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="51"/>
        <location filename="../../ui/dialogs/png_export.py" line="131"/>
        <location filename="../../ui/dialogs/png_export.py" line="155"/>
        <source>Export board as PNG</source>
        <translation>将看板导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="53"/>
        <source>The whole board as it is filtered and focused now, under a header with the plan, quarter, focus, as-of date and the legend of lights.</source>
        <translation>按当前的筛选和聚焦导出整个看板，顶部标明计划、季度、聚焦、截至日期和灯色图例。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="68"/>
        <source>%1× (%2 × %3 pixels)</source>
        <translation>%1×（%2 × %3 像素）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="76"/>
        <source>Shows:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="77"/>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="82"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="102"/>
        <source>Export board as &amp;PNG…</source>
        <translation>将看板导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="106"/>
        <source>Save the whole board, as filtered and focused now, as an image</source>
        <translation>按当前的筛选和聚焦，把整个看板保存为图片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="133"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="152"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="152"/>
        <source>Painting the board…</source>
        <translation>正在绘制看板…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="169"/>
        <source>Export cancelled; no file was written</source>
        <translation>已取消导出，未写入任何文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="174"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="175"/>
        <source>%1 was not written: %2</source>
        <translation>未能写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/png_export.py" line="186"/>
        <source>Board exported to %1 (%2 × %3 pixels)</source>
        <translation>看板已导出到 %1（%2 × %3 像素）</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <location filename="../../ui/read_only_banner.py" line="43"/>
        <source>Opened read-only because another window has this plan open. Changes are not possible here; close the other window to edit.</source>
        <translation>另一个窗口已打开此计划，所以这里以只读方式打开，无法修改；关闭另一个窗口后即可编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/read_only_banner.py" line="59"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="60"/>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="73"/>
        <source>this week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="85"/>
        <source>&amp;Save as Markdown…</source>
        <translation>另存为 Markdown(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="88"/>
        <source>&amp;Copy Markdown</source>
        <translation>复制 Markdown(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="95"/>
        <source>Week:</source>
        <translation>周次：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="131"/>
        <source>Save weekly report</source>
        <translation>保存周报</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="133"/>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="140"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="143"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="148"/>
        <source>Markdown copied to the clipboard</source>
        <translation>Markdown 已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="59"/>
        <source>before upgrading schema %1</source>
        <translation>数据结构 %1 升级前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="61"/>
        <source>on opening</source>
        <translation>打开时</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="62"/>
        <source>on closing</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="63"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="64"/>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="76"/>
        <location filename="../../ui/dialogs/restore_dialog.py" line="141"/>
        <location filename="../../ui/dialogs/restore_dialog.py" line="148"/>
        <location filename="../../ui/dialogs/restore_dialog.py" line="169"/>
        <location filename="../../ui/dialogs/restore_dialog.py" line="181"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="79"/>
        <source>Choose the backup to go back to. The plan as it is now is backed up first, so a restore can itself be undone by restoring that backup.</source>
        <translation>选择要恢复到的备份。恢复前会先备份当前计划，所以恢复本身也可以通过恢复那份备份来撤回。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="91"/>
        <source>Cards</source>
        <translation>卡片数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="91"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="91"/>
        <source>Made</source>
        <translation>备份时机</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="91"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="94"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="111"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="141"/>
        <source>Backups are kept only for plan files.</source>
        <translation>只有计划文件才会保留备份。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="149"/>
        <source>This plan has no backups yet. One is made when a plan is opened and closed.</source>
        <translation>此计划还没有备份。打开和关闭计划时会自动备份。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="160"/>
        <source>Replace the plan with the backup of %1 (%2 cards)?

The plan as it is now is backed up first, and the undo history is cleared.</source>
        <translation>用 %1 的备份（%2 张卡片）替换当前计划吗？

会先备份当前计划，并清空撤销历史。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="182"/>
        <source>The backup was not restored; the plan is unchanged.

%1</source>
        <translation>备份没有恢复，计划保持不变。

%1</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="45"/>
        <source>Weekly gain below a minimum for N weeks running</source>
        <translation>连续 N 周的周增幅低于下限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="46"/>
        <source>A milestone not done by a date</source>
        <translation>里程碑到期未完成</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="47"/>
        <source>An action not done by a date lowers the target</source>
        <translation>行动到期未完成则下调目标</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="48"/>
        <source>Below a threshold after an experiment&apos;s first days</source>
        <translation>实验开始若干天后仍低于阈值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="121"/>
        <source>Add warning rule</source>
        <translation>添加预警规则</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="121"/>
        <source>Edit warning rule</source>
        <translation>编辑预警规则</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="130"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="138"/>
        <source>Deliverable</source>
        <translation>产出物</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="138"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="149"/>
        <source>from a fixed date (else the first check-in)</source>
        <translation>从固定日期起算（否则从第一次周进展起算）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>By date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Experiment starts</source>
        <translation>实验开始</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>First days</source>
        <translation>前几天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Minimum weekly gain</source>
        <translation>每周最低增幅</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Target from</source>
        <translation>原目标</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Target to</source>
        <translation>新目标</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="170"/>
        <location filename="../../ui/dialogs/rule_dialog.py" line="341"/>
        <source>Weeks running</source>
        <translation>连续周数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="177"/>
        <source>Light</source>
        <translation>灯色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="180"/>
        <source>e.g. 连续 2 周覆盖率提升 &lt;1pp</source>
        <translation>如：连续 2 周覆盖率提升 &lt;1pp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="181"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="184"/>
        <source>What to do when it fires</source>
        <translation>触发后该怎么做</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="185"/>
        <source>Response</source>
        <translation>应对措施</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="186"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="353"/>
        <source>Add warning rule “%1”</source>
        <translation>添加预警规则「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rule_dialog.py" line="363"/>
        <source>Edit warning rule “%1”</source>
        <translation>编辑预警规则「%1」</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <location filename="../../models/rules.py" line="116"/>
        <source>{metric} gained {gains} in the last {weeks} weeks, below {min_gain} a week</source>
        <translation>{metric}最近 {weeks} 周增幅为 {gains}，低于每周 {min_gain}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="117"/>
        <source>“{title}” is not done and {date} has passed</source>
        <translation>「{title}」仍未完成，且已过 {date}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="118"/>
        <source>“{title}” was not done by {date}: the {metric} target drops from {old} to {new}</source>
        <translation>「{title}」未在 {date} 前完成：{metric}目标从 {old} 降为 {new}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="119"/>
        <source>{metric} stood at {value} after the first {days} days (from {start}), below {threshold}</source>
        <translation>{metric}在前 {days} 天（自 {start} 起）仅为 {value}，低于 {threshold}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="122"/>
        <source>“{title}” was due {due} and is not done</source>
        <translation>「{title}」{due} 到期，尚未完成</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="123"/>
        <source>“{title}” is due today and has not started</source>
        <translation>「{title}」今天到期，尚未开始</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="124"/>
        <source>“{title}” is due {due}, in {days} days, and has not started</source>
        <translation>「{title}」{due} 到期（还有 {days} 天），尚未开始</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="125"/>
        <source>{metric} needs {pace} a week to reach its floor {goal} by {end}; its best week so far gained {best}</source>
        <translation>{metric}需要每周 {pace} 才能在 {end} 前达到保底 {goal}，而目前最好的一周只有 {best}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="129"/>
        <source>{metric} needs {pace} a week to reach its stretch {goal} by {end}; its best week so far gained {best}</source>
        <translation>{metric}需要每周 {pace} 才能在 {end} 前达到冲刺 {goal}，而目前最好的一周只有 {best}</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="133"/>
        <source>Finish it, or move it to a later week and say why</source>
        <translation>尽快完成，或移到后面的周并说明原因</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="134"/>
        <source>Start it now, or move it before it slips</source>
        <translation>马上启动，或在延期前主动调整</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="135"/>
        <source>The floor is at risk at this pace: narrow the scope or ask for resources</source>
        <translation>按当前节奏保底有风险：收缩范围或申请资源</translation>
    </message>
    <message>
        <location filename="../../models/rules.py" line="136"/>
        <source>The stretch is out of reach at this pace: secure the floor first</source>
        <translation>按当前节奏冲刺目标够不着：先确保保底</translation>
    </message>
    <message>
        <location filename="../../ui/rule_text.py" line="34"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/rule_text.py" line="62"/>
        <source>Rules: %1</source>
        <translation>规则判定：%1</translation>
    </message>
    <message>
        <location filename="../../ui/rule_text.py" line="67"/>
        <source>Response: %1</source>
        <translation>应对：%1</translation>
    </message>
</context>
<context>
    <name>RulesTable</name>
    <message>
        <location filename="../../ui/rules_table.py" line="63"/>
        <source>%1 gains less than %2 a week, %3 weeks running</source>
        <translation>%1 连续 %3 周每周增幅低于 %2</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="75"/>
        <source>“%1” not done by %2</source>
        <translation>「%1」%2 前未完成</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="77"/>
        <source>“%1” not done by %2: %3 target %4 → %5</source>
        <translation>「%1」%2 前未完成：%3目标 %4 → %5</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="85"/>
        <source>%1 below %2 after the first %3 days</source>
        <translation>%1 在前 %3 天后低于 %2</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>Light</source>
        <translation>灯色</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>Response</source>
        <translation>应对措施</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="119"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="132"/>
        <source>Off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="136"/>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="138"/>
        <source>Fired</source>
        <translation>已触发</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="139"/>
        <source>Quiet</source>
        <translation>未触发</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="179"/>
        <source>Disable rule “%1”</source>
        <translation>停用规则「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="179"/>
        <source>Enable rule “%1”</source>
        <translation>启用规则「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="198"/>
        <source>Add rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="200"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="201"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/rules_table.py" line="207"/>
        <source>Delete rule “%1”</source>
        <translation>删除规则「%1」</translation>
    </message>
</context>
<context>
    <name>WorkPackageModel</name>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="161"/>
        <source>Work package / deliverable</source>
        <translation>工作包 / 产出物</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="162"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="163"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="164"/>
        <source>Acceptance</source>
        <translation>验收标准</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="216"/>
        <source>%1 of %2 deliverables done</source>
        <translation>产出物已完成 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="247"/>
        <source>Check off “%1”</source>
        <translation>勾选完成「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="247"/>
        <source>Reopen “%1”</source>
        <translation>重新打开「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="260"/>
        <source>Edit “%1”</source>
        <translation>编辑「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="268"/>
        <source>A title cannot be empty</source>
        <translation>标题不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/kr_panel_work.py" line="278"/>
        <source>Due of “%1”: “%2” is not a date; use 2025-12-10 or 12-10</source>
        <translation>「%1」的截止时间：「%2」不是日期；请使用 2025-12-10 或 12-10 的格式</translation>
    </message>
</context>
<context>
    <name>lights</name>
    <message>
        <location filename="../../ui/lights.py" line="23"/>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <location filename="../../ui/lights.py" line="24"/>
        <source>Yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <location filename="../../ui/lights.py" line="25"/>
        <source>Yellow leaning red</source>
        <translation>黄偏红</translation>
    </message>
    <message>
        <location filename="../../ui/lights.py" line="26"/>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../ui/lights.py" line="28"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/gui_safety.py" line="48"/>
        <source>Opened read-only because the plan file cannot be written (a read-only file, folder or disk). Nothing can be changed here.</source>
        <translation>计划文件无法写入（只读的文件、文件夹或磁盘），所以以只读方式打开，无法做任何修改。</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="52"/>
        <source>Opened read-only because another window has this plan open. Nothing can be changed here; close the other window to edit.</source>
        <translation>另一个窗口已打开此计划，所以以只读方式打开，无法做任何修改；关闭另一个窗口后即可编辑。</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="77"/>
        <source>Restored the backup of %1.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="79"/>
        <source>The plan as it was is kept as %1.</source>
        <translation>原来的计划已另存为 %1。</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="134"/>
        <location filename="../../app/gui_safety.py" line="147"/>
        <source>Cannot open plan</source>
        <translation>无法打开计划</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="159"/>
        <source>%1 cards</source>
        <translation>%1 张卡片</translation>
    </message>
    <message>
        <location filename="../../app/gui_safety.py" line="165"/>
        <source>Cannot restore backup</source>
        <translation>无法恢复备份</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <location filename="../../ui/undo.py" line="58"/>
        <source>The plan file is read-only, so the change was not saved. Everything saved before is intact.</source>
        <translation>计划文件是只读的，此次修改没有保存。之前保存的内容完好无损。</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="64"/>
        <source>The disk is full, so the change was not saved. Free some space and try again; everything saved before is intact.</source>
        <translation>磁盘已满，此次修改没有保存。请释放一些空间后重试；之前保存的内容完好无损。</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="70"/>
        <source>The plan file is busy (another program is writing to it), so the change was not saved. Try again in a moment.</source>
        <translation>计划文件正忙（另一个程序正在写入），此次修改没有保存。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="75"/>
        <source>The change could not be saved: %1</source>
        <translation>修改无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="101"/>
        <source>Could not redo “%1”</source>
        <translation>无法重做「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="109"/>
        <source>Could not undo “%1”</source>
        <translation>无法撤销「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="130"/>
        <source>This plan is open read-only; nothing was changed.</source>
        <translation>此计划以只读方式打开；没有做任何修改。</translation>
    </message>
</context>
</TS>
