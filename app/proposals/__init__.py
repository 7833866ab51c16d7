"""Proposal forms (投保单): drafts, finishing, signatures and what head office must receive."""
