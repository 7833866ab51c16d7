"""The prospect list (准客户), a tab on the Clients page: search, stage, capture, convert.

The shell hands this panel to the Clients page (one feature's UI never imports another's) and
routes `client_did_request` to the page that opens client cards. The panel is not a page, so
it follows the change relay itself: what touches prospects or clients marks it stale, and it
reads again when on screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.prospects.records import STAGES, Conversion, MobileMatch, ProspectDetail, ProspectRow
from app.prospects.service import ProspectQuery
from ui.common.page import FollowsChanges
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner
from ui.prospects.dialog import ProspectDialog
from ui.prospects.texts import ProspectTexts

if TYPE_CHECKING:
    from app.context import AppContext

ROW_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 150
SETTABLE_STAGES = tuple(s for s in STAGES if s != "converted")


class ProspectsPanel(FollowsChanges):
    client_did_request = Signal(str)  # open this client card (a match, a converted prospect)
    shows = frozenset({"prospects", "clients"})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self.rows: list[ProspectRow] = []
        self._select_id: str | None = None
        self.texts = ProspectTexts(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("prospectSearch")
        self.search.setPlaceholderText(self.tr("Search: name, occupation, interests or 4+ mobile digits"))
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox(self)
        self.stage.addItem(self.tr("All stages"), None)
        for code, text in self.texts.stages().items():
            self.stage.addItem(text, code)
        self.new_button = QPushButton(self.tr("&New prospect…"), self)
        self.new_button.setToolTip(self.tr("Capture a prospect: a name and a mobile are enough (Ctrl+N)"))
        self.count = QLabel(self)
        self.count.setObjectName("prospectCount")
        self.table = QTreeWidget(self)
        self.table.setObjectName("prospectList")
        self.table.setRootIsDecorated(False)
        self.table.setAllColumnsShowFocus(True)
        self.table.setHeaderLabels([
            self.tr("Name"), self.tr("Mobile"), self.tr("Stage"), self.tr("Source"), self.tr("Referred by"),
            self.tr("Captured"), self.tr("Occupation and interests"),
        ])  # fmt: skip
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = QLabel(self)
        self.detail.setObjectName("prospectDetail")
        self.detail.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("prospectStatus")
        self.status.setWordWrap(True)

        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.refer_action = QAction(self.tr("New prospect &referred by them…"), self)
        self.convert_action = QAction(self.tr("Con&vert to client card…"), self)
        self.open_card_action = QAction(self.tr("Open client &card"), self)
        # A contact with a prospect is work like any other: it lands in the work log (and moves
        # the prospect from new to contacted); converting them carries it onto the card.
        self.log_call_action = QAction(self.tr("Log a ca&ll"), self)
        self.log_meeting_action = QAction(self.tr("Log a &meeting"), self)
        self.stage_menu = QMenu(self.tr("Set &stage"), self)
        self.stage_actions: dict[str, QAction] = {}
        for code in SETTABLE_STAGES:
            action = self.stage_menu.addAction(self.texts.stages()[code])
            action.triggered.connect(lambda _=False, c=code: self.set_stage(c))
            self.stage_actions[code] = action
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.stage_button = QPushButton(self.tr("Set &stage"), self)
        self.stage_button.setMenu(self.stage_menu)
        self.convert_button = QPushButton(self.tr("Con&vert to client card…"), self)
        self.open_card_button = QPushButton(self.tr("Open client &card"), self)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.stage)
        top.addWidget(self.new_button)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.stage_button, self.convert_button, self.open_card_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.status)
        self.setTabOrder(self.search, self.stage)
        self.setTabOrder(self.stage, self.new_button)
        self.setTabOrder(self.new_button, self.table)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self._edit_first)
        self.stage.currentIndexChanged.connect(self.reload)
        self.new_button.clicked.connect(lambda: self.new_prospect())
        self.table.itemActivated.connect(lambda _item, _col: self.edit())
        self.table.currentItemChanged.connect(lambda _now, _before: self._selection_moved())
        self.table.customContextMenuRequested.connect(self._context_menu)
        for keys in (QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._context_menu(QPoint()))
        for action, button, slot in (
            (self.edit_action, self.edit_button, self.edit),
            (self.convert_action, self.convert_button, self.ask_convert),
            (self.open_card_action, self.open_card_button, self.open_card),
        ):
            action.triggered.connect(slot)
            button.clicked.connect(slot)
        self.refer_action.triggered.connect(lambda: self.new_prospect(referred_by=self.current()))
        self.log_call_action.triggered.connect(lambda: self.log_contact("call"))
        self.log_meeting_action.triggered.connect(lambda: self.log_contact("visit"))
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(lambda: self.new_prospect())
        self.addAction(new)
        self._update_actions()

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.reload()

    # ---- the change relay --------------------------------------------------------------

    def reload_changed(self) -> None:
        current = self.current()
        self._select_id = current.id if current else None
        self.reload()

    # ---- the list ----------------------------------------------------------------------

    def reload(self) -> None:
        if self._ctx is None:
            return
        service = self._ctx.prospects
        query = ProspectQuery(text=self.search.text(), stage=self.stage.currentData())
        self._runner.submit(lambda _t: (query, service.search(query)), on_done=self._show, on_error=self.status.setText)

    def _show(self, found: tuple[object, list[ProspectRow]]) -> None:
        query, rows = found
        if (
            getattr(query, "text", None) != self.search.text()
            or getattr(query, "stage", None) != self.stage.currentData()
        ):
            return  # typed on or filtered since
        self.rows = rows
        stages, sources = self.texts.stages(), self.texts.sources()
        self.table.blockSignals(True)
        self.table.clear()
        select = None
        for row in rows:
            item = QTreeWidgetItem([
                row.name, row.mobile_masked, stages.get(row.stage, row.stage), sources.get(row.source, row.source),
                row.referrer_name, QLocale().toString(qdate(row.captured_on), QLocale.FormatType.ShortFormat),
                " · ".join(filter(None, (row.occupation, row.interests))),
            ])  # fmt: skip
            item.setData(0, ROW_ROLE, row)
            self.table.addTopLevelItem(item)
            if row.id == self._select_id:
                select = item
        self.table.blockSignals(False)
        self._select_id = None
        if select is None and self.table.topLevelItemCount():
            select = self.table.topLevelItem(0)
        if select is not None:
            self.table.setCurrentItem(select)
        self.count.setText(self.tr("%n prospect(s)", "", len(rows)))
        self._selection_moved()

    def current(self) -> ProspectRow | None:
        item = self.table.currentItem()
        return item.data(0, ROW_ROLE) if item is not None else None

    def select(self, prospect_id: str) -> None:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.data(0, ROW_ROLE).id == prospect_id:
                self.table.setCurrentItem(item)
                return

    def _selection_moved(self) -> None:
        self._update_actions()
        row = self.current()
        if row is None or self._ctx is None:
            self.detail.clear()
            return
        service = self._ctx.prospects
        self._runner.submit(lambda _t: service.get(row.id), on_done=self._show_detail, on_error=self.detail.setText)

    def _show_detail(self, detail: ProspectDetail) -> None:
        row = self.current()
        if row is None or row.id != detail.row.id:
            return
        parts = []
        if detail.referred_by is not None:
            parts.append(self.tr("Referred by: %1").replace("%1", detail.referred_by.name))
        if detail.referred:
            names = "、".join(r.name for r in detail.referred)
            parts.append(self.tr("Referred %n person(s): %1", "", len(detail.referred)).replace("%1", names))
        fields = detail.fields
        known = [v for v in (fields.housing, fields.car, fields.family, fields.notes) if v]
        if known:
            parts.append(" · ".join(known))
        self.detail.setText("\n".join(parts))

    def _update_actions(self) -> None:
        row = self.current()
        converted = row is not None and row.converted_client_id is not None
        for widget in (self.edit_action, self.edit_button, self.refer_action):
            widget.setEnabled(row is not None)
        for action in (self.log_call_action, self.log_meeting_action):
            action.setEnabled(row is not None and not converted)
        for widget in (self.convert_action, self.convert_button, self.stage_button):
            widget.setEnabled(row is not None and not converted)
        self.stage_menu.setEnabled(row is not None and not converted)
        for widget in (self.open_card_action, self.open_card_button):
            widget.setEnabled(converted)

    def _context_menu(self, point: QPoint) -> None:
        """Right-click, the menu key or Shift+F10 on a row."""
        if self.current() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addMenu(self.stage_menu)
        menu.addAction(self.refer_action)
        menu.addAction(self.log_call_action)
        menu.addAction(self.log_meeting_action)
        menu.addSeparator()
        menu.addAction(self.convert_action)
        menu.addAction(self.open_card_action)
        self.context_menu = menu
        item = self.table.currentItem()
        if point.isNull() and item is not None:
            point = self.table.visualItemRect(item).center()
        menu.popup(self.table.viewport().mapToGlobal(point))

    def _edit_first(self) -> None:
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
            self.edit()

    # ---- acting ------------------------------------------------------------------------

    def new_prospect(self, referred_by: ProspectRow | None = None) -> None:
        self._open_dialog(None, referred_by)

    def edit(self) -> None:
        row = self.current()
        if row is not None:
            self._open_dialog(row, None)

    def _open_dialog(self, row: ProspectRow | None, referred_by: ProspectRow | None) -> None:
        if self._ctx is None:
            return
        dialog = ProspectDialog(self._ctx, self._runner, self.rows, row.id if row else None, referred_by, self)
        dialog.prospect_did_save.connect(self._saved)
        dialog.match_did_open.connect(self._open_match)
        dialog.open()
        self.dialog = dialog

    def _saved(self, row: ProspectRow) -> None:
        self.status.setText(self.tr("Saved %1.").replace("%1", row.name))
        self._select_id = row.id
        self.reload()

    def _open_match(self, match: MobileMatch) -> None:
        if match.kind == "client":
            self.client_did_request.emit(match.id)
            return
        self.search.clear()
        self.stage.setCurrentIndex(0)
        self._select_id = match.id
        self.reload()

    def set_stage(self, stage: str) -> None:
        row = self.current()
        if row is None or self._ctx is None:
            return
        service = self._ctx.prospects
        self._runner.submit(lambda _t: service.set_stage(row.id, stage), lane="db", on_error=self.status.setText,
                            on_done=lambda _r: self.status.setText(self.tr("Stage changed.")))  # fmt: skip

    def log_contact(self, kind: str) -> None:
        """A call or a meeting with the current prospect, today, in the work log."""
        row = self.current()
        if self._ctx is None or row is None:
            return
        worklog, prospect_id = self._ctx.worklog, row.id
        self._runner.submit(
            lambda _t: worklog.quick(kind, date.today(), prospect_id=prospect_id),
            lane="db",
            on_done=lambda _entry: self.status.setText(self.tr("Logged for %1.").replace("%1", row.name)),
            on_error=self.status.setText,
        )

    def ask_convert(self) -> None:
        row = self.current()
        if row is None or row.converted_client_id is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Convert to client card"),
            self.tr("Make a client card for %1 from what is known? Their work-log entries move onto the card; "
                    "the card stays a draft until its ID number is typed in.").replace("%1", row.name),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.convert()

    def convert(self) -> None:
        row = self.current()
        if row is None or self._ctx is None:
            return
        service = self._ctx.prospects
        self._runner.submit(lambda _t: service.convert(row.id), lane="db", on_done=self._converted,
                            on_error=self.status.setText)  # fmt: skip

    def _converted(self, conversion: Conversion) -> None:
        self.status.setText(self.tr("Converted: the client card is open; type in the ID number to complete it."))
        self._select_id = conversion.prospect_id
        self.client_did_request.emit(conversion.client_id)

    def open_card(self) -> None:
        row = self.current()
        if row is not None and row.converted_client_id is not None:
            self.client_did_request.emit(row.converted_client_id)
