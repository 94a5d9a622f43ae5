import pytest

from retrieval.fusion import may_read, may_write, rrf, valid_collection_name


def test_rrf_item_ranked_well_by_both_beats_item_first_in_one() -> None:
    fused = dict(rrf([["a", "b", "c"], ["b", "d", "a"]]))
    assert fused["b"] > fused["a"] > fused["d"]
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)


def test_rrf_ties_keep_first_appearance_order() -> None:
    assert [i for i, _ in rrf([["x", "y"], ["y", "x"]])] == ["x", "y"]


def test_rrf_single_ranking_keeps_its_order() -> None:
    assert [i for i, _ in rrf([["q", "r", "s"]])] == ["q", "r", "s"]


@pytest.mark.parametrize(
    ("role", "groups", "allowed", "expected"),
    [
        ("user", ("hr",), ["hr", "legal"], True),
        ("user", ("finance",), ["hr"], False),
        ("user", (), ["hr"], False),
        ("compliance", ("hr",), ["hr"], True),
        ("admin", (), [], True),
        ("user", ("hr",), [], False),
    ],
)
def test_may_read_and_may_write_need_a_shared_group_unless_admin(role, groups, allowed, expected):
    assert may_read(role, groups, allowed) is expected
    assert may_write(role, groups, allowed) is expected


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("finance", True),
        ("hr-2026", True),
        ("a", True),
        ("x_y", True),
        ("", False),
        ("Finance", False),
        ("../etc", False),
        ("a b", False),
        ("-lead", False),
        ("a" * 64, False),
        ("fin%00ance", False),
        ("finance/../hr", False),
        ("ñ", False),
    ],
)
def test_valid_collection_name_refuses_crafted_names(name: str, ok: bool) -> None:
    assert valid_collection_name(name) is ok
