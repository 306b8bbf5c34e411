from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.validation.identifiers import (
    USCC_CHARSET,
    is_valid_phone,
    is_valid_resident_id,
    is_valid_uscc,
    mask_id_number,
    mask_phone,
    resident_id_check_char,
    uscc_check_char,
)

TODAY = date(2025, 6, 30)


# --- Unified Social Credit Code (GB 32100-2015) -----------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "91440200MA4W123458",  # the example of API.md
        "91110000600037341L",
        "Y1440200MA4W12345J",
        "N2440203MA4W123453",
        "51440200MJ4W12345W",
    ],
)
def test_valid_uscc(code):
    assert is_valid_uscc(code)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("91440200MA4W123459", "wrong check character"),
        ("91440200ma4w123458", "lowercase letters"),
        ("91440200IA4W123458", "I is not in the charset"),
        ("91440200MA4W12345O", "O is not in the charset"),
        ("9144020OMA4W12345Z", "Z is not in the charset"),
        ("B1440200MA4W123456", "B is not a registration authority (check char is right)"),
        ("94440200MA4W12345Y", "工商 has no organisation type 4 (check char is right)"),
        ("9144A200MA4W123454", "the division code must be digits (check char is right)"),
        ("91440200MA4W12345", "17 characters"),
        ("91440200MA4W1234588", "19 characters"),
        (" 91440200MA4W123458", "surrounding space"),
        ("", "empty"),
    ],
)
def test_invalid_uscc(code, why):
    assert not is_valid_uscc(code), why


def test_uscc_check_char_rejects_a_bad_body():
    with pytest.raises(ValueError):
        uscc_check_char("91440200MA4W1234")
    with pytest.raises(ValueError):
        uscc_check_char("91440200IA4W12345")


USCC_PREFIXES = ["11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "Y1", "N2"]


@st.composite
def uscc_bodies(draw):
    prefix = draw(st.sampled_from(USCC_PREFIXES))
    division = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    subject = draw(st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9))
    return prefix + division + subject


@settings(deadline=None, max_examples=200)
@given(body=uscc_bodies(), data=st.data())
def test_uscc_with_computed_check_char_is_valid_and_any_single_change_breaks_it(body, data):
    code = body + uscc_check_char(body)
    assert is_valid_uscc(code)

    position = data.draw(st.integers(min_value=0, max_value=17), label="position")
    replacement = data.draw(
        st.sampled_from(USCC_CHARSET + "IOZSVa ").filter(lambda char: char != code[position]),
        label="replacement",
    )
    changed = code[:position] + replacement + code[position + 1 :]
    assert not is_valid_uscc(changed)


# --- resident ID number (GB 11643-1999) -------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "440203199001011231",  # the example of API.md
        "44020219851231118X",
        "440203202506301239",  # born today
    ],
)
def test_valid_resident_id(number):
    assert is_valid_resident_id(number, today=TODAY)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("440203199001011232", "wrong check character"),
        ("44020219851231118x", "lowercase x is refused"),
        ("440203199002301230", "30 February (check char is right)"),
        ("440203199013011239", "month 13 (check char is right)"),
        ("440203203001011230", "born in the future (check char is right)"),
        ("440203202507011233", "born tomorrow (check char is right)"),
        ("440203900101123", "old 15-digit number"),
        ("44020319900101123", "17 characters"),
        ("4402031990010112311", "19 characters"),
        ("44020319900101123A", "A as check character"),
        ("4402031990O1011231", "a letter in the body"),
        ("４40203199001011231", "a full-width digit"),
        ("", "empty"),
    ],
)
def test_invalid_resident_id(number, why):
    assert not is_valid_resident_id(number, today=TODAY), why


def test_future_birth_date_is_judged_against_today():
    born_2030 = "440203203001011230"
    assert not is_valid_resident_id(born_2030, today=TODAY)
    assert is_valid_resident_id(born_2030, today=date(2031, 1, 1))


def test_resident_id_defaults_to_the_system_date():
    assert is_valid_resident_id("440203199001011231")
    assert not is_valid_resident_id("440203999912311230")


@st.composite
def resident_id_bodies(draw):
    area = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return area + birth.strftime("%Y%m%d") + sequence


@settings(deadline=None, max_examples=200)
@given(body=resident_id_bodies(), data=st.data())
def test_resident_id_with_computed_check_char_is_valid_and_any_single_change_breaks_it(body, data):
    number = body + resident_id_check_char(body)
    assert is_valid_resident_id(number, today=TODAY)

    position = data.draw(st.integers(min_value=0, max_value=17), label="position")
    replacement = data.draw(
        st.sampled_from("0123456789Xx").filter(lambda char: char != number[position]),
        label="replacement",
    )
    changed = number[:position] + replacement + number[position + 1 :]
    assert not is_valid_resident_id(changed, today=TODAY)


# --- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "13800000000",
        "19912345678",
        "+8613800000000",
        "8613800000000",
        "+86 13800000000",
        "0751-8877817",
        "07518877817",
        "020-12345678",
        "02012345678",
        "010-87654321",
        "0751-8877817-1",
        "020-12345678-123456",
    ],
)
def test_valid_phone(number):
    assert is_valid_phone(number)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("1380000000a", "a letter"),
        ("0751-88778l7", "a letter in a landline"),
        ("12800000000", "mobile numbers start 13-19"),
        ("1380000000", "10 digits"),
        ("138000000000", "12 digits"),
        ("+8713800000000", "not the +86 prefix"),
        ("8877817", "landline without area code"),
        ("751-8877817", "area code without the leading 0"),
        ("0751-88778", "local number too short"),
        ("0751-887781799", "local number too long"),
        ("0751-8877817-1234567", "extension too long"),
        ("0751-8877817-", "empty extension"),
        ("０751-8877817", "a full-width digit"),
        (" 13800000000", "surrounding space"),
        ("", "empty"),
    ],
)
def test_invalid_phone(number, why):
    assert not is_valid_phone(number), why


# --- masks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("440203199001011231", "440203********1231"),  # the example of API.md
        ("44020219851231118X", "440202********118X"),
        ("12345678901", "123456*8901"),
        ("1234567890", "**********"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_mask_id_number(number, masked):
    assert mask_id_number(number) == masked


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=40))
def test_mask_id_number_keeps_length_and_hides_the_middle(number):
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    if len(number) >= 11:
        assert masked[:6] == number[:6]
        assert masked[-4:] == number[-4:]
        assert set(masked[6:-4]) == {"*"}
    else:
        assert set(masked) <= {"*"}


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13800000000", "138****0000"),  # the example of API.md
        ("13912345678", "139****5678"),
        ("+8613912345678", "+86139****5678"),
        ("0751-8877817", "0751-***7817"),
        ("07518877817", "0751***7817"),
        ("020-12345678", "020-****5678"),
        ("0751-8877817-123", "0751-***7817-***"),
        ("not a phone", "*******hone"),
        ("123", "***"),
    ],
)
def test_mask_phone(number, masked):
    assert mask_phone(number) == masked
