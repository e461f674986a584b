// The local model's readiness per channel group and intent (admin-learning): how often
// it agrees with the teacher in shadow, against what its gate needs.
import { get } from "../api.js";
import { barChart } from "../charts.js";
import { h, table } from "../dom.js";
import { count, label, percent, when } from "../format.js";

export const title = "Learning readiness";

const rowName = (r) => `${r.group} · ${r.intent}`;

export async function render(body) {
  const { rows, notices } = await get("admin-learning");
  const caption = "Readiness per channel group and intent";
  const nodes = [];
  if (rows.length) {
    nodes.push(
      barChart({
        title: "Agreement lower bound against the gate's threshold",
        labels: rows.map(rowName),
        datasets: [
          { label: "Lower bound (95%)", data: rows.map((r) => r.bound * 100) },
          { label: "Needed", data: rows.map((r) => r.threshold.accuracy * 100) },
        ],
      }).node,
    );
  }
  nodes.push(
    table({
      caption,
      empty: "No shadow pairs yet: the local model has not been compared with the teacher.",
      columns: [
        { key: "name", label: "Channel · intent", format: (_, r) => rowName(r) },
        { key: "samples", label: "Samples", numeric: true, format: count },
        { key: "needed", label: "Samples needed", numeric: true, format: (_, r) => count(r.threshold.samples) },
        { key: "agreement", label: "Agreement", numeric: true, format: percent },
        { key: "bound", label: "Lower bound", numeric: true, format: percent },
        { key: "accuracy", label: "Needed", numeric: true, format: (_, r) => percent(r.threshold.accuracy) },
        { key: "ready", label: "Ready", format: (ready, r) => (ready ? "yes" : `no: ${r.missing || "not yet"}`) },
        { key: "gate", label: "Gate", format: (gate) => h("span", { class: `badge ${gate.status === "open" ? "ok" : ""}` }, gate.status) },
        { key: "projected_monthly_saving_usd", label: "Saving a month", numeric: true, format: (usd) => `$${usd.toFixed(2)}` },
      ],
      rows,
    }),
  );
  nodes.push(h("h2", {}, "Recent notices"));
  nodes.push(
    notices.length
      ? h("ul", {}, notices.map((n) => h("li", {}, h("time", { datetime: n.at }, when(n.at)), ` ${label(n.group)} · ${n.intent}: ${n.text}`)))
      : h("p", {}, "No notices."),
  );
  body.replaceChildren(...nodes);
}
