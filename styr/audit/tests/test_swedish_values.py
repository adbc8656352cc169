"""The log shows stored values the way Swedish readers write them: a decimal comma, a space
between thousands from five digits on, the minus sign; years and words stay as they are."""

from styr.audit.labels import describe


def test_numbers_read_the_swedish_way() -> None:
    rows = describe({
        "value": ["55.2", "34781"], "year": 2024, "kpi": "N01951", "area": "1463",
        "target": ["≥ 96", "≥ 96.5"], "amount": ["-205.6", "1234567.25"],
    })  # fmt: skip
    shown = {r.field: (r.old, r.new) for r in rows}
    assert shown["värde"] == ("55,2", "34\u00a0781")
    assert shown["år"] == (None, "2024")
    assert shown["Kolada-nyckeltal"] == (None, "N01951")
    assert shown["Kolada-område"] == (None, "1463")
    assert shown["belopp"] == ("\u2212205,6", "1\u00a0234\u00a0567,25")
    assert ("≥ 96", "≥ 96,5") in shown.values()
