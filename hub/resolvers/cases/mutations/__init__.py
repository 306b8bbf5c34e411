"""Mutations of the window stage: one resolver module per mutation."""

from __future__ import annotations

import strawberry

from hub.resolvers.cases.mutations.application_create import create_application
from hub.resolvers.cases.mutations.application_resubmit import resubmit_application
from hub.resolvers.cases.mutations.application_submit import submit_application
from hub.resolvers.cases.mutations.application_update import update_application
from hub.resolvers.cases.mutations.application_withdraw import withdraw_application
from hub.resolvers.cases.mutations.case_accept import accept_case
from hub.resolvers.cases.mutations.correction_request import request_correction
from hub.resolvers.cases.mutations.licence_consent_grant import grant_licence_consent
from hub.resolvers.cases.mutations.licence_pull import pull_licences
from hub.resolvers.cases.mutations.material_remove import remove_material
from hub.resolvers.cases.mutations.material_share_attach import attach_shared_material
from hub.resolvers.cases.mutations.material_upload_complete import complete_material_upload
from hub.resolvers.cases.mutations.material_upload_request import request_material_upload
from hub.resolvers.cases.mutations.paper_handover_record import record_paper_handover
from hub.resolvers.cases.mutations.reply_issue import issue_consolidated_reply


@strawberry.type
class CaseMutations:
    create_application = create_application
    update_application = update_application
    grant_licence_consent = grant_licence_consent
    pull_licences = pull_licences
    request_material_upload = request_material_upload
    complete_material_upload = complete_material_upload
    remove_material = remove_material
    attach_shared_material = attach_shared_material
    submit_application = submit_application
    request_correction = request_correction
    resubmit_application = resubmit_application
    accept_case = accept_case
    record_paper_handover = record_paper_handover
    withdraw_application = withdraw_application
    issue_consolidated_reply = issue_consolidated_reply
