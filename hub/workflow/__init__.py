"""The state machines of cases and tickets (pure rules) and their versioned writes: the
layer every domain that moves a case or a ticket builds on."""
