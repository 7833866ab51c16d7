"""A party's link to a client card: Choose client…, Keep as new client card, Unlink card.

The card's fields are copied into the form (the proposal keeps what was true when it was
filled); the link itself is written at once, on the db lane, like every save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.rules.ids import ClientId, ProposalId
from ui.common.task_runner import TaskRunner
from ui.proposals.editor.party import ClientPickerDialog, PartySection

if TYPE_CHECKING:
    from app.context import AppContext
    from app.proposals.records import ClientLink
    from app.rules.proposal import PartyDoc

Submit = Callable[[Callable[[Any], Any], Callable[[Any], None], Callable[[str], None]], None]


class ClientLinks(QObject):
    party_did_fill = Signal(str)  # role: its fields now come from a card, so the form has changed
    links_did_fail = Signal(str)  # what to tell the user

    def __init__(self, ctx: AppContext, runner: TaskRunner, submit: Submit, proposal_id: ProposalId,
                 parties: dict[str, PartySection], parent: QWidget) -> None:  # fmt: skip
        """`submit(work, on_done, on_error)` runs on the db lane for the editor, which counts it."""
        super().__init__(parent)
        self._ctx, self._runner, self._submit, self._proposal_id = ctx, runner, submit, proposal_id
        self._parties = parties
        self._parent = parent
        self.editable = False
        self.picker_dialog: ClientPickerDialog | None = None
        for party in parties.values():
            party.choose_did_request.connect(self.choose)
            party.save_as_client_did_request.connect(self.keep_as_card)
            party.unlink_did_request.connect(self.unlink)

    def show(self, links: dict[str, ClientLink]) -> None:
        for role, party in self._parties.items():
            party.show_link(links.get(role), self.editable)

    def choose(self, role: str) -> None:
        self.picker_dialog = ClientPickerDialog(self._runner, self._ctx.clients, self._parent)
        self.picker_dialog.client_did_choose.connect(lambda row: self._take(role, row.id))
        self.picker_dialog.open()

    def _take(self, role: str, client_id: ClientId) -> None:
        proposals, records, proposal_id = self._ctx.proposals, self._ctx.proposal_records, self._proposal_id

        def work(_task: object) -> tuple[PartyDoc, dict[str, ClientLink]]:
            party = records.party_from_client(client_id)
            proposals.link_party(proposal_id, role, client_id)
            return party, records.linked_clients(proposal_id)

        def taken(result: tuple[PartyDoc, dict[str, ClientLink]]) -> None:
            party, links = result
            self._parties[role].show_party(party)
            self.show(links)
            self.party_did_fill.emit(role)
            self._parties[role].name.setFocus()

        self._submit(work, taken, self._failed)

    def keep_as_card(self, role: str) -> None:
        party = self._parties[role].party([])
        if not party.name:
            self.links_did_fail.emit(self.tr("Type the name first: a client card needs one."))
            return
        records, proposal_id = self._ctx.proposal_records, self._proposal_id

        def work(_task: object) -> dict[str, ClientLink]:
            records.save_party_as_client(proposal_id, role, party)
            return records.linked_clients(proposal_id)

        self._submit(work, self.show, self._failed)

    def unlink(self, role: str) -> None:
        proposals, records, proposal_id = self._ctx.proposals, self._ctx.proposal_records, self._proposal_id

        def work(_task: object) -> dict[str, ClientLink]:
            proposals.link_party(proposal_id, role, None)
            return records.linked_clients(proposal_id)

        self._submit(work, self.show, self._failed)

    def _failed(self, text: str) -> None:
        self.links_did_fail.emit(self.tr("Not linked: %1").replace("%1", text))
