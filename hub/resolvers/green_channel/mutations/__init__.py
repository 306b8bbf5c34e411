"""Mutations of the green channel: one resolver module per mutation."""

from __future__ import annotations

import strawberry

from hub.resolvers.green_channel.mutations.contact_record import record_green_channel_contact
from hub.resolvers.green_channel.mutations.key_project_set import set_key_project


@strawberry.type
class GreenChannelMutations:
    set_key_project = set_key_project
    record_green_channel_contact = record_green_channel_contact
