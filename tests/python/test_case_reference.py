"""CaseReference from Python: the Ombudsman's NN NNN NNN."""

import copy
import pickle

import pytest

import redress
from redress import CaseReference


@pytest.mark.parametrize("text", ["21 002 722", "21002722", "21-002-722"])
def test_three_spellings_one_canonical_form(text):
    # CASE_FORMAT.md: 21002722 and 21-002-722 are accepted and written back canonical.
    ref = CaseReference(text)
    assert str(ref) == "21 002 722"
    assert ref == CaseReference("21 002 722")


def test_year_is_when_the_ombudsman_received_it():
    # domain/remedies.md §4: 21 002 722 arrived in 2021; seeds 002 and 001 are 2017 and 2018 complaints.
    assert CaseReference("21 002 722").year == 2021
    assert CaseReference("17 016 386").year == 2017
    assert CaseReference("18-016-599").year == 2018
    assert CaseReference("21 002 722").serial == 2722
    assert CaseReference("21 002 722").digits == "21002722"
    assert CaseReference("05 000 001").number == 5000001


@pytest.mark.parametrize("bad", ["21 002 72", "", "21 002-722", "21/002/722", "2I002722", "210027220"])
def test_rejects_other_shapes_naming_the_value(bad):
    with pytest.raises(redress.InvalidInputError) as caught:
        CaseReference(bad)
    assert f"'{bad}'" in str(caught.value)
    assert caught.value.value == bad


def test_value_behaviour():
    ref = CaseReference(text="21-002-722")
    assert repr(ref) == "CaseReference('21 002 722')"
    assert eval(repr(ref), {"CaseReference": CaseReference}) == ref
    assert hash(ref) == hash(CaseReference("21002722"))
    assert sorted([CaseReference("21 002 722"), CaseReference("17 016 386")])[0].year == 2017
    assert pickle.loads(pickle.dumps(ref)) == ref
    assert copy.deepcopy(ref) == ref
    assert ref != CaseReference("17 016 386")
