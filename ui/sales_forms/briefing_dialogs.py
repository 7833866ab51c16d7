"""早会信息记录表 and 财经要闻摘录表: quick entry in the morning, and a search over them later.

Both forms save as you type (a short pause after the last key), like the other forms.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.i18n import current_language
from ui.common.qdates import pydate, qdate
from ui.common.task_runner import TaskRunner
from ui.sales_forms.form_dialog import button_row, save_as_you_type, status_line

if TYPE_CHECKING:
    from app.context import AppContext
    from app.sales_forms.briefing import Hit, NewsInput, NewsView, NoteView

AUTOSAVE_MS = 500
CODE_ROLE = Qt.ItemDataRole.UserRole
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class _AutosaveDialog(QDialog):
    """One save at a time; the first creates the record, the next ones update it."""

    record_did_save = Signal(str)

    def __init__(self, ctx: AppContext, runner: TaskRunner, record_id: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.record_id = ctx, runner, record_id
        self._loading = record_id is not None
        self._saving = self._again = False
        self.status = status_line(self)
        self._autosave = save_as_you_type(self, self.save_now, AUTOSAVE_MS)

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self.status.setText(self.tr("Editing…"))
        self._autosave.start()

    def _work(self) -> Any:
        raise NotImplementedError

    def _ready(self) -> bool:
        return True

    def save_now(self) -> None:
        self._autosave.stop()
        if self._loading or not self._ready():
            return
        if self._saving:
            self._again = True
            return
        self._saving = True
        self.runner.submit(self._work(), lane="db", on_done=self._saved, on_error=self._failed)

    def _saved(self, view: Any) -> None:
        self._saving = False
        self.record_id = view.id
        self.status.setText(self.tr("Saved."))
        self.record_did_save.emit(view.id)
        if self._again:
            self._again = False
            self.save_now()

    def _failed(self, text: str) -> None:
        self._saving = False
        self.status.setText(text)

    def done_saving(self) -> bool:
        return not self._saving and not self._autosave.isActive() and not self._again

    def accept(self) -> None:
        self.save_now()
        super().accept()


class MorningNoteDialog(_AutosaveDialog):
    """早会信息记录表: the day and the points of the morning meeting relevant to one's work."""

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, day: date, note_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, runner, note_id, parent)
        self.setWindowTitle(self.tr("Morning meeting notes"))
        self.day = QDateEdit(qdate(day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.points = QPlainTextEdit(self)
        self.points.setObjectName("morningPoints")
        self.points.setTabChangesFocus(True)
        self.points.setPlaceholderText(self.tr("One point a line"))
        form = QFormLayout()
        form.addRow(self.tr("&Day"), self.day)
        form.addRow(self.tr("&Points"), self.points)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row(self.status, close))
        self.points.textChanged.connect(self._changed)
        self.day.dateChanged.connect(self._changed)
        if note_id is not None:
            briefing = ctx.briefing
            runner.submit(lambda _t: briefing.note(note_id), on_done=self._show, on_error=self._failed)
        self.points.setFocus()

    def _show(self, note: NoteView) -> None:
        self.day.setDate(qdate(note.day))
        self.points.setPlainText(note.points)
        self._loading = False

    def _ready(self) -> bool:
        return bool(self.points.toPlainText().strip()) or self.record_id is not None

    def _work(self) -> Any:
        briefing, note_id = self.ctx.briefing, self.record_id
        day, points = pydate(self.day.date()), self.points.toPlainText()
        return lambda _t: briefing.save_note(note_id, day, points)


class NewsDialog(_AutosaveDialog):
    """财经要闻摘录表: news date, title, key content, and the catalogue products it matches."""

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, day: date, news_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, runner, news_id, parent)
        self.setWindowTitle(self.tr("Financial news excerpt"))
        self.news_on = QDateEdit(qdate(day), self)
        self.news_on.setCalendarPopup(True)
        self.news_on.setDisplayFormat("yyyy-MM-dd")
        self.title = QLineEdit(self)
        self.title.setObjectName("newsTitle")
        self.content = QPlainTextEdit(self)
        self.content.setTabChangesFocus(True)
        self.products = QListWidget(self)
        self.products.setObjectName("newsProducts")
        chinese = current_language() == "zh_CN"
        for product in ctx.catalogue().products:
            item = QListWidgetItem(f"{product.name_zh if chinese else product.name_en} ({product.code})")
            item.setData(CODE_ROLE, product.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.products.addItem(item)
        form = QFormLayout()
        form.addRow(self.tr("News &date"), self.news_on)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Key content"), self.content)
        form.addRow(self.tr("&Matching products (Space ticks)"), self.products)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row(self.status, close))
        self.title.textEdited.connect(self._changed)
        self.content.textChanged.connect(self._changed)
        self.products.itemChanged.connect(self._changed)
        self.news_on.dateChanged.connect(self._changed)
        if news_id is not None:
            briefing = ctx.briefing
            runner.submit(lambda _t: briefing.news(news_id), on_done=self._show, on_error=self._failed)
        self.title.setFocus()

    def _show(self, news: NewsView) -> None:
        self.news_on.setDate(qdate(news.news_on))
        self.title.setText(news.title)
        self.content.setPlainText(news.content)
        for n in range(self.products.count()):
            item = self.products.item(n)
            checked = item.data(CODE_ROLE) in news.product_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._loading = False

    def _ready(self) -> bool:
        return bool(self.title.text().strip())

    def news_input(self) -> NewsInput:
        from app.sales_forms.briefing import NewsInput

        codes = tuple(
            str(self.products.item(n).data(CODE_ROLE))
            for n in range(self.products.count())
            if self.products.item(n).checkState() == Qt.CheckState.Checked
        )
        return NewsInput(pydate(self.news_on.date()), self.title.text(), self.content.toPlainText(), codes)

    def _work(self) -> Any:
        briefing, news_id, data = self.ctx.briefing, self.record_id, self.news_input()
        return lambda _t: briefing.save_news(news_id, data)


class BriefingSearchDialog(QDialog):
    """Find a morning note or a news excerpt by its words; Enter opens it."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.setWindowTitle(self.tr("Search morning notes and news"))
        self.resize(640, 420)
        self.query = QLineEdit(self)
        self.query.setObjectName("briefingQuery")
        self.query.setPlaceholderText(self.tr("Words in a title, the content or the points"))
        self.results = QTreeWidget(self)
        self.results.setRootIsDecorated(False)
        self.results.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Title or first point")])
        self.count = QLabel(self)
        label = QLabel(self.tr("&Search"), self)
        label.setBuddy(self.query)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.query, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self._typing = QTimer(self, singleShot=True, interval=200)
        self._typing.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.returnPressed.connect(self._open_first)
        self.results.itemActivated.connect(lambda item, _c: self.open_hit(item.data(0, HIT_ROLE)))
        self.opened: QDialog | None = None
        self.search()

    def search(self) -> None:
        briefing, text = self.ctx.briefing, self.query.text()
        self.runner.submit(lambda _t: (text, briefing.search(text)), on_done=self._show, on_error=self.count.setText)

    def _show(self, found: tuple[str, list[Hit]]) -> None:
        text, hits = found
        if text != self.query.text():
            return
        kinds = {"note": self.tr("Morning meeting"), "news": self.tr("News")}
        self.results.clear()
        for hit in hits:
            item = QTreeWidgetItem([hit.day.isoformat(), kinds[hit.kind], hit.title])
            item.setData(0, HIT_ROLE, hit)
            item.setToolTip(2, hit.text)
            self.results.addTopLevelItem(item)
        self.count.setText(self.tr("%n found", "", len(hits)))

    def _open_first(self) -> None:
        item = self.results.currentItem() or self.results.topLevelItem(0)
        if item is not None:
            self.open_hit(item.data(0, HIT_ROLE))

    def open_hit(self, hit: Hit) -> None:
        dialog: QDialog
        if hit.kind == "note":
            dialog = MorningNoteDialog(self.ctx, self.runner, hit.day, hit.id, self)
        else:
            dialog = NewsDialog(self.ctx, self.runner, hit.day, hit.id, self)
        dialog.finished.connect(lambda _r: self.search())
        dialog.open()
        self.opened = dialog
