// Marketing (admin-marketing): ads joined with our bookings by market, search and web
// traffic, and the recommendations a manager approves (sent to Google Ads) or rejects.
import { get, post } from "../api.js";
import { facts, h, problemText, table } from "../dom.js";
import { count, money } from "../format.js";

export const title = "Marketing";

const roas = (x) => (x === null || x === undefined ? "" : `${x.toFixed(1)}x`);
const cpa = (cents) => (cents === null || cents === undefined ? "" : money(cents));
const bookings = (n) => n.toFixed(1);
const signed = (cents) => `${cents > 0 ? "+" : ""}${money(cents)}`;

function decisions(rec, onDone) {
  const status = h("span", { role: "status" });
  const decide = async (action) => {
    try {
      const decided = await post("admin-marketing", { action, id: rec.id });
      onDone(`${rec.title}: ${decided.status}${decided.error ? ` (${decided.error})` : ""}.`);
    } catch (err) {
      status.textContent = problemText(err);
    }
  };
  const named = (verb) => `${verb}: ${rec.title}`;
  return h(
    "div",
    { class: "actions" },
    h("button", { type: "button", "aria-label": named("Approve"), onclick: () => decide("approve") }, "Approve"),
    h("button", { type: "button", class: "secondary", "aria-label": named("Reject"), onclick: () => decide("reject") }, "Reject"),
    status,
  );
}

export async function render(body, route, { announce }) {
  let report;
  try {
    report = await get("admin-marketing");
  } catch (err) {
    if (err.status !== 404) throw err;
    body.replaceChildren(h("p", {}, "No marketing sync yet: run the job marketing-sync (it runs nightly)."));
    return;
  }
  const reload = async (message) => {
    await render(body, route, { announce });
    announce(message);
  };
  const { account } = report;
  body.replaceChildren(
    facts([
      ["Period", `${report.first_day} to ${report.last_day}`],
      ["Ad spend", money(account.cost_cents)],
      ["Bookings from ads", bookings(account.conversions)],
      ["CPA", cpa(account.cpa_cents)],
      ["ROAS", roas(account.roas)],
      ["Sessions → chats → bookings", `${count(report.funnel.sessions)} → ${count(report.funnel.chats)} → ${count(report.funnel.bookings)}`],
    ]),
    table({
      caption: `Recommendations waiting for a decision (${report.recommendations.length})`,
      empty: "Nothing to decide.",
      columns: [
        { key: "title", label: "Recommendation" },
        { key: "reason", label: "Why" },
        { key: "impact", label: "Cost a month", numeric: true, format: (i) => signed(i.cost_cents) },
        { key: "impact", label: "Revenue a month", numeric: true, format: (i) => signed(i.revenue_cents) },
        { key: "source", label: "From" },
        { key: "id", label: "Decision", format: (_, rec) => decisions(rec, reload) },
      ],
      rows: report.recommendations,
    }),
    table({
      caption: "Markets: ad spend beside every booking",
      columns: [
        { key: "market", label: "Market" },
        { key: "ads", label: "Ad spend", numeric: true, format: (a) => money(a.cost_cents) },
        { key: "ads", label: "Bookings from ads", numeric: true, format: (a) => bookings(a.conversions) },
        { key: "ads", label: "CPA", numeric: true, format: (a) => cpa(a.cpa_cents) },
        { key: "ads", label: "ROAS", numeric: true, format: (a) => roas(a.roas) },
        { key: "bookings", label: "All bookings", numeric: true, format: count },
        { key: "revenue_cents", label: "Revenue", numeric: true, format: money },
        { key: "blended_roas", label: "Blended ROAS", numeric: true, format: roas },
      ],
      rows: report.markets,
    }),
    table({
      caption: "Keywords by spend",
      columns: [
        { key: "text", label: "Keyword" },
        { key: "match_type", label: "Match" },
        { key: "status", label: "Status" },
        { key: "cost_cents", label: "Spend", numeric: true, format: money },
        { key: "conversions", label: "Bookings", numeric: true, format: bookings },
        { key: "cpa_cents", label: "CPA", numeric: true, format: cpa },
      ],
      rows: report.keywords,
    }),
    table({
      caption: `Top search queries (${report.search_site})`,
      columns: [
        { key: "query", label: "Query" },
        { key: "clicks", label: "Clicks", numeric: true, format: count },
        { key: "impressions", label: "Impressions", numeric: true, format: count },
        { key: "position", label: "Position", numeric: true, format: (p) => p.toFixed(1) },
      ],
      rows: report.search_queries,
    }),
  );
}
