"""Joint consultations (前后台会商) on complex cases: scheduled by the window with the utilities
it needs, confirmed by each, minutes recorded as a generated document."""
