"""The templates as data: every one renders with the parameters it lists, its SMS within 70
characters with the case number, and its HTML escapes what the applicant typed."""

from __future__ import annotations

import pytest

from hub.notifications.templates import COMMON_PARAMS, render, required_params, template_names

SAMPLES = {
    "case_no": "SDQ-20261201-0001",
    "project_name": "武江区<某某>厂房新建工程 & 配套",
    "items": "12",
    "utility": "供电",
    "due": "12月2日17:30",
}


@pytest.mark.parametrize("template", sorted(template_names()))
def test_every_template_renders_within_the_sms_length(template):
    assert required_params(template) <= SAMPLES.keys() - COMMON_PARAMS
    rendered = render(template, SAMPLES)
    assert SAMPLES["case_no"] in rendered.sms and len(rendered.sms) <= 70, rendered.sms
    assert SAMPLES["case_no"] in rendered.subject
    assert SAMPLES["project_name"] in rendered.text
    assert "&lt;某某&gt;" in rendered.html and "<某某>" not in rendered.html


def test_the_steps_templates_are_there():
    assert {
        "CORRECTION_REQUESTED",
        "CASE_ACCEPTED",
        "REPLY_ISSUED",
        "GREEN_CHANNEL_CONTACT_DUE",
        "INQUIRY_ANSWERED",
    } <= template_names()


def test_a_missing_parameter_is_an_error_not_a_blank():
    with pytest.raises(Exception, match="items"):
        render("CORRECTION_REQUESTED", {"case_no": "SDQ-20261201-0001", "project_name": "x"})
