"""Which record an id names: NewTypes over the str UUIDs the services hand out and take back.

A type checker keeps a client's id from reaching a parameter that wants an outlet's or a
proposal's; at run time each is the plain str it wraps (no cost, no conversion). The services
wrap what they read from the database; a caller holding a raw str (a Qt model's cell, a CLI
argument) says which id it means with `ClientId(text)`.

Pure (imports nothing of ours), so every layer may use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NewType, TypeVar

ClientId = NewType("ClientId", str)
OutletId = NewType("OutletId", str)
ProposalId = NewType("ProposalId", str)
ReceiptId = NewType("ReceiptId", str)
VisitId = NewType("VisitId", str)
HandoverId = NewType("HandoverId", str)  # a handover list
ProspectId = NewType("ProspectId", str)  # 准客户: someone met, not yet a client

IdT = TypeVar("IdT", bound=str)


def optional_id(kind: Callable[[str], IdT], value: str | None) -> IdT | None:
    """A nullable column read as an id of `kind`: `optional_id(OutletId, row.outlet_id)`."""
    return None if value is None else kind(value)
