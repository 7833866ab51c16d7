"""Finished proposals and signatures for tests of the paperwork that follows a proposal.

Built through the real ProposalService from the sample form, so receipts and handover lists
are tested against proposals exactly as the app finishes them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.proposals.service import ProposalService
from app.rules.ids import ProposalId
from app.rules.proposal import ProposalDoc, from_json
from app.rules.signature import Point, Signature, Stroke

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "proposal.json"
PNG = b"\x89PNG\r\n\x1a\nfake"
PAD_WIDTH, PAD_HEIGHT = 480, 200


def zigzag(points: int = 20) -> Signature:
    """A signature the rules accept: wide, tall and long enough."""
    stroke = tuple(Point(50 + 300 * i / (points - 1), 50 + (80 if i % 2 else 0), i * 10, None) for i in range(points))
    return Signature((Stroke(stroke, "pen"),), PAD_WIDTH, PAD_HEIGHT)


def tiny() -> Signature:
    """A scribble the rules refuse as too small."""
    stroke = tuple(Point(50 + i, 50 + (i % 2) * 3, i * 10, None) for i in range(20))
    return Signature((Stroke(stroke, "mouse"),), PAD_WIDTH, PAD_HEIGHT)


def sample_doc(proposal_id: str, **changes: Any) -> ProposalDoc:
    """The sample form under `proposal_id`, with top-level fields changed as given."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc, problems = from_json({**data, "id": proposal_id})
    assert doc is not None and problems == [], problems
    return replace(doc, **changes)


def finished_proposal(proposals: ProposalService | AppContext, **changes: Any) -> ProposalId:
    """A finished, queued proposal built from the sample form; returns its id."""
    service = proposals.proposals if isinstance(proposals, AppContext) else proposals
    proposal_id = service.new_draft()
    saved = service.save_draft(proposal_id, sample_doc(proposal_id, **changes))
    assert saved.problems == (), saved.problems
    service.finish(proposal_id, {"policyholder": (zigzag(), PNG), "insured": (zigzag(24), PNG)})
    return proposal_id
