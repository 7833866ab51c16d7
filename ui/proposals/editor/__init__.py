"""The proposal (投保单) editor: sections, beneficiaries, problems beside fields, signing."""
