"""The visit dialog's “3S” checklist: before, during and after, each a list of check boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.planner.records import PHASES, ChecklistEntry
from ui.common.visit_texts import PlannerTexts

ID_ROLE = Qt.ItemDataRole.UserRole


class EnterLineEdit(QLineEdit):
    """A line edit that keeps Enter for itself, so it does not also save the dialog."""

    enter_did_press = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.enter_did_press.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PhaseList(QListWidget):
    """Space ticks the current item (as in any list of check boxes); Delete removes it."""

    list_did_change = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None:
            self.takeItem(self.currentRow())
            self.list_did_change.emit()
            return
        super().keyPressEvent(event)


class ChecklistBox(QGroupBox):
    checklist_did_change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Checklist"))
        names = PlannerTexts(self).phases()
        self.lists: dict[str, PhaseList] = {}
        self.headings: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        for column, phase in enumerate(PHASES):
            phase_list = PhaseList(self)
            phase_list.setObjectName(f"checklist_{phase}")
            phase_list.itemChanged.connect(lambda _item: self.checklist_did_change.emit())
            phase_list.list_did_change.connect(self.checklist_did_change)
            heading = QLabel(names[phase], self)
            heading.setBuddy(phase_list)
            grid.addWidget(heading, 0, column)
            grid.addWidget(phase_list, 1, column)
            self.lists[phase] = phase_list
            self.headings[phase] = heading
        self.new_item = EnterLineEdit(self)
        self.new_item.setPlaceholderText(self.tr("Another item, e.g. 子女教育金测算表"))
        self.new_phase = QComboBox(self)
        for phase in PHASES:
            self.new_phase.addItem(names[phase], phase)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add)
        self.new_item.enter_did_press.connect(self._add)
        adding = QHBoxLayout()
        adding.addWidget(self.new_item, 1)
        adding.addWidget(self.new_phase)
        adding.addWidget(self.add_button)
        grid.addLayout(adding, 2, 0, 1, len(PHASES))
        self._update_headings()
        self.checklist_did_change.connect(self._update_headings)

    def set_entries(self, entries: tuple[ChecklistEntry, ...]) -> None:
        for phase_list in self.lists.values():
            phase_list.blockSignals(True)
            phase_list.clear()
        for entry in entries:
            self._append(entry)
        for phase_list in self.lists.values():
            phase_list.blockSignals(False)
        self._update_headings()

    def entries(self) -> tuple[ChecklistEntry, ...]:
        found = []
        for phase, phase_list in self.lists.items():
            for row in range(phase_list.count()):
                item = phase_list.item(row)
                found.append(
                    ChecklistEntry(phase, item.text(), item.checkState() == Qt.CheckState.Checked, item.data(ID_ROLE))
                )
        return tuple(found)

    def _append(self, entry: ChecklistEntry) -> None:
        item = QListWidgetItem(entry.label)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
        item.setData(ID_ROLE, entry.id)
        self.lists[entry.phase].addItem(item)

    def _add(self) -> None:
        label = self.new_item.text().strip()
        if not label:
            return
        self._append(ChecklistEntry(self.new_phase.currentData(), label))
        self.new_item.clear()
        self.checklist_did_change.emit()

    def _update_headings(self) -> None:
        names = PlannerTexts(self).phases()
        for phase, phase_list in self.lists.items():
            done = sum(phase_list.item(r).checkState() == Qt.CheckState.Checked for r in range(phase_list.count()))
            self.headings[phase].setText(f"{names[phase]} ({done}/{phase_list.count()})")
