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
