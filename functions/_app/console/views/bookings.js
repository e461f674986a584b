// Bookings by event date (admin-bookings), filtered by status, a page at a time.
import { get } from "../api.js";
import { field, h, select, table } from "../dom.js";
import { count, label, money, when } from "../format.js";

export const title = "Bookings";

const STATUSES = [["", "All"], ["held", "Held"], ["confirmed", "Confirmed"], ["completed", "Completed"], ["cancelled", "Cancelled"], ["expired", "Expired"]];
const PAGE = 50;

const columns = [
  { key: "id", label: "Booking" },
  { key: "event_date", label: "Event date" },
  { key: "start", label: "Start (market time)", format: (start, b) => when(start, b.timezone) },
  { key: "market", label: "Market", format: label },
  { key: "contact", label: "Customer", format: (c) => c.name },
  { key: "guests", label: "Guests", numeric: true, format: (_, b) => count(b.adults + b.children + b.toddlers) },
  { key: "status", label: "Status", format: (s) => h("span", { class: `badge ${s}` }, s) },
  { key: "total_cents", label: "Total", numeric: true, format: money },
  { key: "deposit_cents", label: "Deposit", numeric: true, format: money },
  { key: "deposit_paid", label: "Deposit paid", format: (paid) => h("span", { class: `badge ${paid ? "yes" : "no"}` }, paid ? "paid" : "unpaid") },
];

export async function render(body, route, { announce, remember }) {
  const [statusField, statusSelect] = field("Status", select("status", STATUSES, route.params.get("status") || ""));
  const results = h("div");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Next page");
  const form = h("form", { class: "filters", "aria-label": "Booking filter" }, statusField, h("button", { type: "submit" }, "Show"));
  let after = null;
  let page = 0;
  const load = async () => {
    const status = statusSelect.value;
    remember(status ? { status } : {});
    const result = await get("admin-bookings", { status, limit: PAGE, after });
    page += 1;
    const shown = STATUSES.find(([value]) => value === status)[1].toLowerCase();
    results.replaceChildren(
      table({
        caption: `Bookings (${shown}), page ${page}: ${result.bookings.length} shown`,
        empty: "No bookings match.",
        columns,
        rows: result.bookings,
      }),
    );
    after = result.next_after;
    more.hidden = !after;
    announce(`${result.bookings.length} bookings shown.`);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    after = null;
    page = 0;
    load();
  });
  more.addEventListener("click", load);
  body.replaceChildren(form, results, more);
  await load();
}
