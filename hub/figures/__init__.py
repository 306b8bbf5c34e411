"""The supervisor's figures (is the hall keeping its promises?) and the cases export."""
