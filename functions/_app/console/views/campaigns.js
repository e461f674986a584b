// Campaigns and newsletters (admin-campaigns): each campaign's state and final counts,
// and the holiday templates, soonest first. Drafting, approving and sending stay in the
// admin API, where an approver's role is checked.
import { get } from "../api.js";
import { h, table } from "../dom.js";
import { count, label, when } from "../format.js";

export const title = "Campaigns";

const segmentText = (s) => [label(s.kind), s.market, s.occasion, s.kind === "win_back" ? `${s.months} months` : null].filter(Boolean).join(" · ");
const total = (key) => (_, c) => (c.totals ? count(c.totals[key]) : "");

export async function render(body, route, { announce }) {
  const { campaigns, holidays } = await get("admin-campaigns");
  body.replaceChildren(
    table({
      caption: `Campaigns, newest first: ${campaigns.length} shown`,
      empty: "No campaigns yet.",
      columns: [
        { key: "name", label: "Campaign" },
        { key: "channel", label: "Channel", format: (c) => (c === "sms" ? "SMS" : "Email") },
        { key: "segment", label: "Segment", format: segmentText },
        { key: "state", label: "State", format: (s) => h("span", { class: `badge ${s}` }, s) },
        { key: "created_at", label: "Created", format: (t) => when(t) },
        { key: "approved_by", label: "Approved by", format: (a) => a || "" },
        { key: "sent", label: "Sent", numeric: true, format: total("sent") },
        { key: "suppressed", label: "Suppressed", numeric: true, format: total("suppressed") },
        { key: "failed", label: "Failed", numeric: true, format: total("failed") },
      ],
      rows: campaigns,
    }),
    table({
      caption: "Holiday templates, soonest first",
      columns: [
        { key: "name", label: "Holiday" },
        { key: "next_date", label: "Next date" },
        { key: "text", label: "Text" },
      ],
      rows: holidays,
    }),
  );
  announce(`${campaigns.length} campaigns shown.`);
}
