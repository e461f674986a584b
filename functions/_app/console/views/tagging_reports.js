// Lost bookings, objections and conversation tags: each a chart of its main numbers and
// tables with the same numbers, then the latest examples in the customer's own words.
import { barChart } from "../charts.js";
import { facts, h, table } from "../dom.js";
import { count, label, money, percent } from "../format.js";

const seconds = (s) => (s === null || s === undefined ? "" : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
const yesNo = (b) => (b ? "yes" : "no");
const thread = (id) => h("a", { href: `#/conversation/${encodeURIComponent(id)}` }, id);
const signed = (x) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

export function lost(report) {
  const caption = `Lost bookings by reason, ${report.from} to ${report.to}`;
  const chart = barChart({
    title: caption,
    labels: report.reasons.map((r) => label(r.reason)),
    datasets: [
      { label: "Lost", data: report.reasons.map((r) => r.conversations) },
      { label: "Recovered", data: report.reasons.map((r) => r.recovered) },
    ],
  }).node;
  return [
    facts([
      ["Lost", count(report.lost)],
      ["Quoted", money(report.quoted_cents)],
      ["Recovery attempts", count(report.recovery_attempts)],
      ["Recovered", count(report.recovered)],
    ]),
    chart,
    table({
      caption,
      columns: [
        { key: "reason", label: "Reason", format: label },
        { key: "conversations", label: "Lost", numeric: true, format: count },
        { key: "share", label: "Share", numeric: true, format: percent },
        { key: "quoted_cents", label: "Quoted", numeric: true, format: money },
        { key: "sentiment", label: "Sentiment", numeric: true, format: signed },
        { key: "recovery_attempts", label: "Recovery attempts", numeric: true, format: count },
        { key: "recovered", label: "Recovered", numeric: true, format: count },
      ],
      rows: report.reasons,
      empty: "No lost bookings in this period.",
    }),
    table({
      caption: "Latest lost conversations",
      columns: [
        { key: "thread_id", label: "Conversation", format: thread },
        { key: "reason", label: "Reason", format: label },
        { key: "evidence", label: "What the customer said" },
        { key: "sentiment", label: "Sentiment", numeric: true, format: signed },
        { key: "recovery_attempts", label: "Follow-ups", numeric: true, format: count },
        { key: "recovered", label: "Recovered", format: yesNo },
      ],
      rows: report.conversations,
      empty: "No lost bookings in this period.",
    }),
  ];
}

export function objections(report) {
  const caption = `Objections by type, ${report.from} to ${report.to}`;
  const chart = barChart({
    title: caption,
    labels: report.types.map((r) => label(r.objection)),
    datasets: [
      { label: "Raised", data: report.types.map((r) => r.raised) },
      { label: "Booked after", data: report.types.map((r) => r.booked) },
    ],
  }).node;
  return [
    facts([
      ["Raised", count(report.raised)],
      ["Booked after", count(report.booked)],
    ]),
    chart,
    table({
      caption,
      columns: [
        { key: "objection", label: "Objection", format: label },
        { key: "raised", label: "Raised", numeric: true, format: count },
        { key: "conversations", label: "Conversations", numeric: true, format: count },
        { key: "booked", label: "Booked after", numeric: true, format: count },
        { key: "booked_share", label: "Booked share", numeric: true, format: percent },
        { key: "resolution_seconds", label: "Time to booking", numeric: true, format: seconds },
      ],
      rows: report.types,
      empty: "No objections in this period.",
    }),
    table({
      caption: "Latest objections",
      columns: [
        { key: "thread_id", label: "Conversation", format: thread },
        { key: "objection", label: "Objection", format: label },
        { key: "evidence", label: "What the customer said" },
        { key: "answer", label: "Our reply" },
        { key: "booked", label: "Booked", format: yesNo },
        { key: "resolution_seconds", label: "Time to booking", numeric: true, format: seconds },
      ],
      rows: report.recent,
      empty: "No objections in this period.",
    }),
  ];
}

export function tags(report) {
  const caption = `Conversation tags, ${report.from} to ${report.to}`;
  const outcomes = report.tags.filter((r) => r.family === "outcome");
  const chart = outcomes.length
    ? barChart({
        title: `Outcomes, ${report.from} to ${report.to}`,
        labels: outcomes.map((r) => label(r.tag)),
        datasets: [{ label: "Conversations", data: outcomes.map((r) => r.conversations) }],
      }).node
    : null;
  return [
    facts([["Conversations tagged", count(report.conversations)]]),
    chart,
    table({
      caption,
      columns: [
        { key: "family", label: "Family", format: label },
        { key: "tag", label: "Tag", format: label },
        { key: "conversations", label: "Conversations", numeric: true, format: count },
        { key: "share", label: "Share", numeric: true, format: percent },
        { key: "confidence", label: "Mean confidence", numeric: true, format: (c) => c.toFixed(2) },
      ],
      rows: report.tags,
      empty: "No conversations tagged in this period.",
    }),
  ].filter(Boolean);
}
