"""The product is picked from head office's catalogue, never typed: a search field that finds a
product by its code, its Chinese name or its pinyin (initials `zxnj` or full `zunxiang`), Enter
or a click on a match picks it (the matches are a list under the field, not a popup window, so
the keyboard never leaves the editor), and a compact panel shows what the manager needs to present it:
the line, the insured age range, the payment terms, the cooling-off days, selling points and FAB.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.rules.names import pinyin_keys
from app.rules.product_catalogue import Product, ProductCatalogue
from ui.common.i18n import current_language

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
MATCHES_SHOWN = 6
PANEL_STYLE = "color: palette(mid);"


def search_keys(catalogue: ProductCatalogue) -> dict[str, str]:
    """What each insurance product is found by: code, Chinese and English names, full pinyin and
    initials, lower-case (computed off the GUI thread: pypinyin loads its dictionaries once)."""
    keys = {}
    for product in catalogue.insurance():
        full, initials = pinyin_keys(product.name_zh)
        keys[product.code] = " ".join((product.code, product.name_zh, product.name_en, full, initials)).lower()
    return keys


class ProductTexts(QObject):
    """The panel's words for a product, translated."""

    def line(self, line: str) -> str:
        names = {
            "life": self.tr("Life insurance"), "endowment": self.tr("Endowment insurance"),
            "annuity": self.tr("Annuity"), "critical_illness": self.tr("Critical illness insurance"),
            "health": self.tr("Medical insurance"), "accident": self.tr("Accident insurance"),
        }  # fmt: skip
        return names.get(line, line)

    def ages(self, product: Product) -> str:
        if product.insured_min_years > 0:
            low = self.tr("%n year(s)", "", product.insured_min_years)
        else:
            low = self.tr("%n day(s) old", "", product.insured_min_days)
        return (
            self.tr("Insured: from %1 to %2")
            .replace("%1", low)
            .replace("%2", self.tr("%n year(s)", "", product.insured_max_years))
        )

    def payment(self, product: Product) -> str:
        terms = []
        if "single" in product.payment_modes:
            terms.append(self.tr("single premium"))
        if "regular" in product.payment_modes:
            years = ", ".join(str(y) for y in product.payment_years)
            terms.append(self.tr("regular premium over %1 years").replace("%1", years))
        return self.tr("Payment: %1").replace("%1", "; ".join(terms))

    def panel(self, product: Product) -> str:
        lines = [
            " · ".join((self.line(product.line), self.ages(product), self.payment(product),
                        self.tr("cooling-off %n day(s)", "", product.cooling_off_days))),
            self.tr("Selling points: %1").replace("%1", "；".join(product.selling_points)),
            self.tr("Feature: %1").replace("%1", product.fab.feature),
            self.tr("Advantage: %1").replace("%1", product.fab.advantage),
            self.tr("Benefit: %1").replace("%1", product.fab.benefit),
        ]  # fmt: skip
        return "\n".join(line for line in lines if line)


class ProductPicker(QWidget):
    """The search field and, under it while something is typed, the products it finds: Up and
    Down move through them without leaving the field, Enter picks the highlighted one (the first
    by default), a click or Enter in the list does too. `product_did_pick` says which."""

    product_did_pick = Signal(str)  # the product's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: ProductCatalogue | None = None
        self._keys: list[tuple[str, str, str]] = []  # (code, what is shown, what it is found by)
        self.search = QLineEdit(self)
        self.search.setObjectName("productSearch")
        self.search.setPlaceholderText(self.tr("Find a product: code, name or pinyin, e.g. zxnj"))
        self.search.setClearButtonEnabled(True)
        self.found = QListWidget(self)
        self.found.setObjectName("productMatches")
        self.found.setMaximumHeight(self.fontMetrics().lineSpacing() * MATCHES_SHOWN + 8)
        self.found.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the field keeps the keyboard
        self.found.hide()
        self.search.textEdited.connect(self._filter)
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.found.itemActivated.connect(self._activated)
        self.found.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.search)
        layout.addWidget(self.found)

    def set_catalogue(self, catalogue: ProductCatalogue, keys: dict[str, str]) -> None:
        self.catalogue = catalogue
        texts = ProductTexts(self)
        # The contract's name is the Chinese one (it is what the form carries); in English the
        # English name leads, so the list reads in the screen's language.
        english = current_language() != "zh_CN"
        self._keys = [
            (p.code, f"{f'{p.name_en} · {p.name_zh}' if english else p.name_zh}  {p.code} · {texts.line(p.line)}",
             keys.get(p.code, p.code.lower()))
            for p in catalogue.insurance()
        ]  # fmt: skip
        self._filter(self.search.text())

    def matches(self) -> list[str]:
        """The codes listed for what is typed, in the order shown."""
        return [self.found.item(row).data(CODE_ROLE) for row in range(self.found.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.found.count():
                row = min(max(self.found.currentRow() + step, 0), self.found.count() - 1)
                self.found.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        self.found.clear()
        for code, shown, key in self._keys:
            if wanted and wanted in key:
                item = QListWidgetItem(shown, self.found)
                item.setData(CODE_ROLE, code)
        if self.found.count():
            self.found.setCurrentRow(0)
        self.found.setVisible(bool(self.found.count()))

    def _enter(self) -> None:
        item = self.found.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        if self.catalogue is None or self.catalogue.find(code) is None:
            return
        self.search.clear()
        self._filter("")
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.product_did_pick.emit(code)


class ChosenProduct(QWidget):
    """The chosen product's code and name, read-only: only the picker changes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code, self.name = QLineEdit(self), QLineEdit(self)
        self.code.setObjectName("product_code_shown")
        self.name.setObjectName("product_name_shown")
        for edit in (self.code, self.name):
            edit.setReadOnly(True)
            edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not in the tab chain: the picker sets them
        self.code.setMaximumWidth(160)
        self.panel = QLabel(self)
        self.panel.setObjectName("productPanel")
        self.panel.setWordWrap(True)
        self.panel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel.setStyleSheet(PANEL_STYLE)
        self.panel.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.code)
        top.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.panel)

    def show_product(self, code: str, name: str, product: Product | None) -> None:
        self.code.setText(code)
        self.name.setText(name)
        self.panel.setText(ProductTexts(self).panel(product) if product is not None else "")
        self.panel.setVisible(product is not None)
