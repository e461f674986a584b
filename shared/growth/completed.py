"""After a completed event: the customer's referral code, loyalty points, the referrer's
thank-you credit and the customer's memory from their bookings, once per booking.

Run by the lifecycle sweep over bookings completed in the last `LOOKBACK` (the balance job
completes yesterday's events each morning, staff complete by hand): a crashed or missed
run is caught up by the next, and the per-booking ledger makes a rerun do nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from shared.booking.models import Booking
from shared.booking.records import BOOKINGS, BY_DATE, from_record
from shared.customers import memory
from shared.growth import loyalty, referrals
from shared.platform.docstore import Filter, Op
from shared.platform.services import Platform
from shared.pricing import store as price_books

LOOKBACK = timedelta(days=14)
TOP_PROTEINS = 3


def recently_completed(platform: Platform, now: datetime) -> list[Booking]:
    since = (now - LOOKBACK).date().isoformat()
    docs = platform.store.query(
        BOOKINGS,
        [Filter.eq("status", "completed"), Filter("event_date", Op.GE, since)],
        order_by=BY_DATE,  # the (status, event_date, start) index
    )
    return [from_record(d.id, d.data) for d in docs]


def reward(platform: Platform, booking: Booking, now: datetime) -> bool:
    """Code, referral credit, memory, then points; True if this run granted them.

    The loyalty ledger entry is written last, so its presence means every step is done;
    each step before it is idempotent, so a run that crashed part way is finished by the
    next. Each transaction reads before it writes, as Firestore requires.
    """
    store = platform.store
    if store.get(loyalty.LEDGER, booking.id) is not None:
        return False
    referrals.code_for(store, booking.customer_id, now)  # every customer who had an event
    store.run_transaction(lambda tx: referrals.thank_referrer(tx, booking, now))
    memory.remember(store, booking.customer_id, learned_from_bookings(platform, booking))
    book = price_books.current(store)
    points = store.run_transaction(lambda tx: loyalty.accrue(tx, booking, book, now))
    return points is not None


def learned_from_bookings(platform: Platform, booking: Booking) -> memory.Memory:
    """What the customer's completed bookings show: usual size, top proteins, dates."""
    docs = platform.store.query(
        BOOKINGS, [Filter.eq("customer_id", booking.customer_id), Filter.eq("status", "completed")]
    )
    done = [from_record(d.id, d.data) for d in docs] or [booking]
    sizes = Counter(b.guests for b in done)
    portions: Counter[str] = Counter()
    for b in done:
        portions.update(b.protein_selections)
    dates: dict[str, date] = {
        b.occasion: b.event_date
        for b in sorted(done, key=lambda b: b.event_date)
        if b.occasion in memory.DATED_OCCASIONS
    }
    return memory.Memory(
        usual_party_size=max(sizes, key=lambda n: (sizes[n], n)),
        top_proteins=[name for name, _ in portions.most_common(TOP_PROTEINS)],
        zipcode=booking.customer_zipcode,
        important_dates=dates,
        bookings=[b.id for b in done],
    )
