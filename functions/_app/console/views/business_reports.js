// The owners' reports: profit per event under the cost model, channel performance and
// the decision dashboard. Each chart pictures a table next to it with the same numbers.
import { barChart } from "../charts.js";
import { facts, h, table } from "../dom.js";
import { count, microdollars, money, orNone, percent, seconds } from "../format.js";

const cents = (key, label) => ({ key, label, numeric: true, format: money });
const share = (key, label) => ({ key, label, numeric: true, format: orNone(percent) });
const number = (key, label) => ({ key, label, numeric: true, format: count });
const period = (report) => `${report.from} to ${report.to}`;

const MARGINS = [
  cents("revenue_cents", "Revenue"),
  cents("direct_cost_cents", "Direct costs"),
  cents("gross_profit_cents", "Gross profit"),
  share("gross_margin", "Gross margin"),
  cents("overhead_cents", "Overhead"),
  cents("net_profit_cents", "Net profit"),
  share("net_margin", "Net margin"),
];

export function profitability(report) {
  const threshold = percent(report.low_margin_below);
  const months = report.months;
  const nodes = [
    facts([
      ["Period", period(report)],
      ["Cost model", report.cost_model_version],
      ["Events", count(report.total.events)],
      ["Net profit", money(report.total.net_profit_cents)],
      ["Net margin", orNone(percent)(report.total.net_margin)],
      ["Low-margin alert", `net margin below ${threshold}`],
    ]),
  ];
  if (months.length) {
    nodes.push(
      barChart({
        title: "Monthly revenue and profit (dollars)",
        labels: months.map((m) => m.month),
        datasets: [
          { label: "Revenue", data: months.map((m) => m.revenue_cents / 100) },
          { label: "Gross profit", data: months.map((m) => m.gross_profit_cents / 100) },
          { label: "Net profit", data: months.map((m) => m.net_profit_cents / 100) },
        ],
      }).node,
    );
  }
  nodes.push(
    table({
      caption: `Monthly trend, ${period(report)}`,
      columns: [
        { key: "month", label: "Month" },
        number("events", "Events"),
        ...MARGINS,
        number("low_margin_events", "Low margin"),
      ],
      rows: months,
      footer: { ...report.total, month: "All" },
      empty: "No events were completed in this period.",
    }),
    h("h2", {}, `Low-margin events (net margin below ${threshold})`),
    table({
      caption: `Low-margin events, ${period(report)}`,
      columns: [
        { key: "booking_id", label: "Booking" },
        { key: "completed_on", label: "Completed" },
        { key: "market", label: "Market" },
        cents("revenue_cents", "Revenue"),
        cents("net_profit_cents", "Net profit"),
        share("net_margin", "Net margin"),
      ],
      rows: report.low_margin,
      empty: "No event fell below the threshold.",
    }),
    h("h2", {}, "Profit per event"),
    table({
      caption: `Profit per event, ${period(report)}`,
      columns: [
        { key: "booking_id", label: "Booking" },
        { key: "completed_on", label: "Completed" },
        { key: "market", label: "Market" },
        { key: "channel", label: "Channel" },
        number("guests", "Guests"),
        cents("base_cents", "Base"),
        cents("upgrades_cents", "Upgrades"),
        cents("travel_fee_cents", "Travel fee"),
        cents("addons_cents", "Add-ons"),
        cents("chef_cents", "Chef"),
        cents("equipment_cents", "Equipment"),
        cents("upgrade_cost_cents", "Protein cost"),
        cents("travel_cost_cents", "Travel cost"),
        cents("addon_cost_cents", "Add-on cost"),
        ...MARGINS,
      ],
      rows: report.bookings,
      empty: "No events were completed in this period.",
    }),
  );
  return nodes;
}

export function channels(report) {
  const rows = report.channels;
  const nodes = [facts([["Period", period(report)], ["Conversations", count(report.total.conversations)]])];
  if (rows.length) {
    nodes.push(
      barChart({
        title: "Conversion, escalation and LLM-free share by channel (%)",
        labels: rows.map((r) => r.channel),
        datasets: [
          { label: "Conversion", data: rows.map((r) => (r.conversion ?? 0) * 100) },
          { label: "Escalation rate", data: rows.map((r) => (r.escalation_rate ?? 0) * 100) },
          { label: "LLM-free share", data: rows.map((r) => (r.llm_free_share ?? 0) * 100) },
        ],
      }).node,
    );
  }
  nodes.push(
    table({
      caption: `Channel performance, ${period(report)}`,
      columns: [
        { key: "channel", label: "Channel" },
        number("conversations", "Conversations"),
        { key: "first_response_seconds", label: "First response", numeric: true, format: orNone(seconds) },
        { key: "messages_per_conversation", label: "Messages each", numeric: true, format: orNone((n) => n.toFixed(2)) },
        share("conversion", "Conversion"),
        cents("revenue_cents", "Revenue"),
        share("escalation_rate", "Escalation rate"),
        share("rating", "Rated helpful"),
        number("ratings", "Ratings"),
        { key: "ai_cost_microusd", label: "AI cost", numeric: true, format: microdollars },
        share("llm_free_share", "LLM-free share"),
      ],
      rows,
      footer: { ...report.total, channel: "All" },
      empty: "No conversations started in this period.",
    }),
  );
  return nodes;
}

export function decisions(report) {
  const nodes = [
    h("p", { class: "summary" }, report.summary),
    facts([
      ["Period", period(report)],
      ["Inquiries", count(report.inquiries)],
      ["Needed to decide", count(report.min_inquiries)],
      ["Still needed", count(report.inquiries_needed)],
    ]),
  ];
  if (!report.decisions.length) return nodes;
  const rows = report.decisions;
  nodes.push(
    barChart({
      title: "Each share against the threshold that justifies building (%)",
      horizontal: true,
      labels: rows.map((d) => d.build),
      datasets: [
        { label: "Share", data: rows.map((d) => (d.share ?? 0) * 100) },
        { label: "Threshold", data: rows.map((d) => d.threshold * 100) },
      ],
    }).node,
    table({
      caption: `What the data justifies building, ${period(report)}`,
      columns: [
        { key: "build", label: "Feature" },
        number("count", "Count"),
        number("out_of", "Out of"),
        share("share", "Share"),
        share("threshold", "Threshold"),
        {
          key: "recommended",
          label: "Verdict",
          format: (yes) => h("span", { class: `badge ${yes ? "yes" : "no"}` }, yes ? "Build" : "Not yet"),
        },
      ],
      rows,
    }),
    h("h2", {}, "Recommendations"),
    h("ul", { class: "recommendations" }, rows.map((d) => h("li", {}, d.recommendation))),
  );
  return nodes;
}
