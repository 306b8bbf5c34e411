"""The liaison mechanism (BRIEF.md, "Safeguards"): each member unit's liaisons, and the
inquiries (问题协调) raised to a unit and answered within one working day."""
