from tortoise import fields
from tortoise.models import Model


class FigureTally(Model):
    """How many of a figure's events fell on a local day (hub/tallies.py), counted in the
    transaction that records the event, so a year of figures adds up a few hundred rows."""

    id = fields.IntField(primary_key=True)
    day = fields.DateField()  # local date (HUB_TIMEZONE)
    measure = fields.CharField(max_length=24)  # hub.tallies.Measure
    utility = fields.CharField(max_length=8, default="")  # "" for the hall's measures
    count = fields.IntField(default=0)

    class Meta:
        table = "figure_tally"
        unique_together = (("day", "measure", "utility"),)


class TicketTally(Model):
    """How many tickets of a utility in a status a viewer sees: `viewer` "*" for the hall (every
    ticket), or a utility, which sees every ticket of a case holding one of its own (API.md,
    结果互通). Kept exact by database triggers on `ticket` (migration 0021), in the transaction
    of the change, so `tickets { totalCount }` adds up a few rows instead of counting 100,000."""

    id = fields.IntField(primary_key=True)
    viewer = fields.CharField(max_length=8)  # "*" or a hub.enums.Utility value
    utility = fields.CharField(max_length=8)
    status = fields.CharField(max_length=24)
    count = fields.IntField(default=0)

    class Meta:
        table = "ticket_tally"
        unique_together = (("viewer", "utility", "status"),)
