"""Clients: find anyone in a keystroke across 100,000 cards, and open their file card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.rules.ids import ClientId
from ui.clients.table_model import ClientTableModel
from ui.common.columns import fit_columns
from ui.common.page import Page
from ui.common.task_runner import TaskRunner
from ui.common.widgets.row_table import RowTable

if TYPE_CHECKING:
    from app.clients.search import ClientQuery
    from app.context import AppContext
    from app.outlets.records import OutletSummary

TYPING_PAUSE_MS = 120


class ClientList(QWidget):
    card_did_request = Signal(object)  # a client id, or None for a new card

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self._reselect: ClientId | None = None  # the card to select again after an in-place reload
        self.model = ClientTableModel(runner, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(
            self.tr("Search: name, pinyin (zs / zhangsan), 4+ phone digits, ID number tail, employer, tag")
        )
        self.search.setClearButtonEnabled(True)
        self.tier = self._combo([("", self.tr("All tiers")), *self.model.tier_names().items()])
        self.segment = self._combo(
            [
                ("", self.tr("All ages")),
                ("young", self.tr("Young (under 35)")),
                ("middle", self.tr("Middle-aged (35-59)")),
                ("retired", self.tr("Retired (60+)")),
            ]
        )
        self.outlet = self._combo([("", self.tr("All outlets"))])
        self.tag = self._combo([("", self.tr("All tags"))])
        self.blacklist = self._combo(
            [
                ("", self.tr("Blacklist: any")),
                ("no", self.tr("Not blacklisted")),
                ("yes", self.tr("Blacklisted only")),
            ]
        )
        self.count = QLabel(self)
        self.count.setObjectName("clientCount")
        self.new_button = QPushButton(self.tr("&New client"), self)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setToolTip(self.tr("The cards shown, with ID and phone numbers masked"))
        self.table = RowTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed row heights let the view skip measuring 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        fit_columns(self.table, stretch=self.model.COLUMNS.index("tags"))
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

        filters = QHBoxLayout()
        for widget in (self.tier, self.segment, self.outlet, self.tag, self.blacklist):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self._open_first)
        for combo in (self.tier, self.segment, self.outlet, self.tag, self.blacklist):
            combo.currentIndexChanged.connect(self.reload)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_clicked)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.table_did_activate.connect(self._open_row)
        self.new_button.clicked.connect(lambda: self.card_did_request.emit(None))
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self._choose_export)
        self.model.model_did_load.connect(self._show_count)
        self.model.model_did_fail.connect(self.count.setText)
        find = QAction(self)
        # Ctrl+F everywhere, plus the platform's own Find key where that differs (a duplicate
        # would make the shortcut ambiguous, and Qt would fire neither).
        keys = [QKeySequence("Ctrl+F")]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Find) if k not in keys]
        find.setShortcuts(keys)
        find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(lambda: self.card_did_request.emit(None))
        self.addAction(new)

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        # Sized to a short text, not the longest outlet name, so the page fits a 1366-wide laptop.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(9)
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.model.attach(ctx.clients)
        clients, outlets = ctx.clients, ctx.outlets
        self._runner.submit(lambda _t: (clients.tags(), outlets.list()), on_done=self._fill_choices,
                            on_error=self.count.setText)  # fmt: skip
        self.reload()

    def _fill_choices(self, choices: tuple[list[str], list[OutletSummary]]) -> None:
        tags, outlets = choices
        for combo, items in ((self.tag, [(t, t) for t in tags]), (self.outlet, [(o.id, o.name) for o in outlets])):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def query(self) -> ClientQuery:
        from app.clients.search import ClientQuery, SortKey

        header = self.table.horizontalHeader()
        sort = ClientTableModel.SORTABLE.get(header.sortIndicatorSection(), "name")
        tier = self.tier.currentData()
        blacklist = self.blacklist.currentData()
        return ClientQuery(
            text=self.search.text(),
            tiers=frozenset({tier}) if tier else frozenset(),
            segment=self.segment.currentData() or None,
            outlet_id=self.outlet.currentData() or None,
            tag=self.tag.currentData() or None,
            blacklisted=None if not blacklist else blacklist == "yes",
            sort=SortKey(sort),
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def reload(self) -> None:
        self.count.setText(self.tr("Searching…"))
        self.model.load(self.query())

    def reload_in_place(self) -> None:
        """The same search after a change elsewhere: a merged card leaves, an edited one is read
        again, and the selected card stays selected."""
        row = self.table.currentIndex().row()
        self._reselect = self.model.client_id(row) if row >= 0 else None
        self.model.load(self.query(), in_place=True)

    def _show_count(self, count: int) -> None:
        self.count.setText(self.tr("%n client(s)", "", count))
        selected, self._reselect = self._reselect, None
        row = self.model.row_of(selected) if selected else -1
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectRow(row)

    def _sort_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if column not in ClientTableModel.SORTABLE:
            # Only columns the core can sort through an index; put the indicator back.
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.reload()

    def open_import(self) -> None:
        from ui.clients.import_dialog import ClientImportDialog

        if self._ctx is None:
            return
        dialog = ClientImportDialog(self._ctx, self._runner, self)
        dialog.import_did_finish.connect(lambda _report: self.attach(self._ctx))
        dialog.open()
        self.import_dialog = dialog

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export clients"), "clients.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export what the list shows, masked; the core records the export in the audit log."""
        from app.clients.exporting import export_clients

        if self._ctx is None:
            return
        ctx, query = self._ctx, self.query()
        self.count.setText(self.tr("Exporting…"))
        self._runner.submit(
            lambda _t: export_clients(ctx, path, query),
            on_done=lambda result: self.count.setText(
                self.tr("Exported %n card(s) to %1", "", result.count).replace("%1", path.name)
            ),
            on_error=lambda text: self.count.setText(self.tr("Export failed: %1").replace("%1", text)),
        )

    def _open_first(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self._open_row(0)

    def _open_row(self, row: int) -> None:
        client_id = self.model.client_id(row)
        if client_id is not None:
            self.card_did_request.emit(client_id)


class ClientsPage(Page):
    form_did_request = Signal(str, str)  # a sales form from a card's history: kind, id (the shell opens it)
    shows = frozenset({"clients", "client_family", "client_products", "client_dates", "client_tags", "outlets"})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Clients"), self.tr("Client files, prospects and outlet files."), parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self.tabs = QTabWidget(self)
        self.list = ClientList(runner, self)
        self.tabs.addTab(self.list, self.tr("Client files"))
        self._attach_tabs: list[Callable[[AppContext], None]] = [self.list.attach]
        self.content.addWidget(self.tabs, 1)
        self.list.card_did_request.connect(self.open_card)

    def add_outlet_files(self, panel: QWidget, attach: Callable[[AppContext], None]) -> None:
        """The outlet files sit in a tab beside the client files. The shell brings the panel, since
        one feature's UI never imports another's."""
        self.tabs.addTab(panel, self.tr("Outlet files"))
        self._attach_tabs.append(attach)

    def add_prospects(self, panel: QWidget, attach: Callable[[AppContext], None]) -> None:
        """The prospects (准客户) sit in a tab right after the client files; the shell brings the
        panel, as it does the outlet files."""
        self.tabs.insertTab(1, panel, self.tr("Prospects"))
        self._attach_tabs.append(attach)

    def attach(self, ctx: AppContext) -> None:
        self._ctx = ctx
        for attach in self._attach_tabs:
            attach(ctx)

    def reload_changed(self) -> None:
        self.list.reload_in_place()

    def outlets_changed(self) -> None:
        """A new or renamed outlet appears in the client list's outlet filter."""
        if self._ctx is not None:
            self.list.attach(self._ctx)

    def open_card(self, client_id: ClientId | None) -> None:
        from ui.clients.card.dialog import ClientCardDialog

        if self._ctx is None:
            return
        dialog = ClientCardDialog(self._ctx, self._runner, client_id, self)
        # A saved, new or merged card reaches the list through the change relay (Page.shows).
        dialog.open_other.connect(self.open_card)
        dialog.form_did_request.connect(self.form_did_request)
        dialog.open()
        self.last_dialog = dialog
