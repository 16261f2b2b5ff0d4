"""The rate plans made once per entry (generator/catalog/rateplan.py): the same object is reused, a plan
is kept per (call options, band), the band's example prompt picks the band's rate, and only an entry with
window rates is chosen per call time."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal as D

from generator.catalog.conditions import Call
from generator.catalog.rateplan import prepared
from generator.model.records import ConditionalPrice, Price, PriceTier, Window

NOON = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
NIGHT = datetime(2025, 3, 10, 23, 0, tzinfo=timezone.utc)


def test_the_prepared_rates_of_an_entry_are_made_once():
    entry = Price(input=D(1))
    assert prepared(entry) is prepared(entry)
    assert prepared(entry).entry is entry


def test_a_plan_is_made_once_per_call_options_and_band_and_kept():
    rates = prepared(Price(input=D(1), tiers=(PriceTier(100, input=D(2)),)))
    first = rates.chooser(Call(), 50)
    assert first.__self__ is rates.chooser(Call(), 10).__self__  # the same band: the same plan
    assert first("input").rate == D(1) and rates.chooser(Call(), 150)("input").rate == D(2)
    assert len(rates.plans) == 2


def test_a_call_time_does_not_bypass_the_plans_of_an_entry_without_windows():
    rates = prepared(Price(input=D(1)))
    assert rates.windows is False
    assert rates.chooser(Call(when=NOON), 10)("input").rate == D(1)
    assert len(rates.plans) == 1


def test_window_rates_are_chosen_by_the_call_time():
    entry = Price(conditional=(ConditionalPrice("image", D(1)),
                               ConditionalPrice("image", D(3), window=Window("22:00", "06:00"))))
    rates = prepared(entry)
    assert rates.windows is True
    assert rates.chooser(Call(when=NOON), 0)("image").rate == D(1)
    assert rates.chooser(Call(when=NIGHT), 0)("image").rate == D(3)


def test_each_band_takes_its_own_tier_between_two_close_thresholds():
    rates = prepared(Price(input=D(1), tiers=(PriceTier(100, input=D(2)), PriceTier(101, input=D(3)),
                                              PriceTier(200, input=D(4)))))
    assert [rates.chooser(Call(), prompt)("input").rate for prompt in (100, 101, 102, 150, 200, 201)] == \
        [D(1), D(2), D(3), D(3), D(3), D(4)]
