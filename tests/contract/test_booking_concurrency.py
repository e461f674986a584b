"""No double booking: 30 concurrent holds for the last free chef window, on every store."""

from __future__ import annotations

from datetime import date, time

from functions._app import container
from functions._app.seeding import seed_if_empty
from shared.booking import catalog, claims
from shared.booking.availability import blocked_cells
from shared.booking.catalog import ChefChanges
from shared.booking.holds import create_hold
from shared.booking.models import BookingView, Contact, CreateBookingRequest
from shared.booking.records import BOOKINGS, get
from shared.booking.slots import SlotTaken
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from tests.contract.conftest import in_threads

HOLDERS = 30


def test_thirty_concurrent_holds_one_winner(empty_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock()
    platform = container.build_local(
        Settings(env="test", data_dir=tmp_path), clock, store=empty_store
    )
    seed_if_empty(platform)
    la = catalog.chefs(empty_store, "la")
    for chef in la[1:]:  # leave one chef: the last free window
        catalog.update_chef(
            empty_store, chef.id, ChefChanges(active=False), actor="t", now=clock.now()
        )

    def request(i: int) -> CreateBookingRequest:
        return CreateBookingRequest(
            adults=20,
            customer_zipcode="90012",
            event_date=date(2026, 12, 5),
            start_time=time(17, 0),
            contact=Contact(name=f"Guest {i}", phone=f"+1213555{i:04d}"),
            address="100 Main St, Los Angeles",
        )

    results = in_threads(HOLDERS, lambda i: create_hold(platform, request(i)))

    won = [r for r in results if isinstance(r, BookingView)]
    lost = [r for r in results if isinstance(r, SlotTaken)]
    assert len(won) == 1, [r for r in results if not isinstance(r, BookingView | SlotTaken)]
    assert len(lost) == HOLDERS - 1
    assert all(e.code == "slot_taken" and e.status == 409 for e in lost)
    booking = get(empty_store, won[0].id)
    assert booking.chef_ids == [la[0].id]
    cells = {claims.claim_id(la[0].id, c) for c in blocked_cells(booking.start, booking.end)}
    stored = {d.id for d in empty_store.query(claims.COLLECTION)}
    assert stored == cells
    assert [d.id for d in empty_store.query(BOOKINGS)] == [booking.id]
