// Analytics: any admin-analytics report over a period, as a chart and a table with the
// same numbers. Each report has a renderer; one that has none gets `generic`.
import { get } from "../api.js";
import { barChart } from "../charts.js";
import { field, h, select, table } from "../dom.js";
import { count } from "../format.js";
import { channels, decisions, profitability } from "./business_reports.js";
import { generic } from "./report_table.js";
import { lost, objections, tags } from "./tagging_reports.js";

export const title = "Analytics";

const PERIODS = [["7d", "Last 7 days"], ["30d", "Last 30 days"], ["90d", "Last 90 days"], ["365d", "Last 365 days"]];
const SEGMENTS = [["channel", "Channel"], ["market", "Market"], ["occasion", "Occasion"]];

function funnel(report) {
  const stages = Object.keys(report.total).filter((k) => k !== "segment");
  const names = { deposit_paid: "Deposit paid", event_completed: "Event completed" };
  const stageLabel = (s) => names[s] || s.charAt(0).toUpperCase() + s.slice(1);
  const by = SEGMENTS.find(([value]) => value === report.by)?.[1] || report.by;
  const caption = `Funnel by ${by.toLowerCase()}, ${report.from} to ${report.to}`;
  const { node } = barChart({
    title: caption,
    labels: stages.map(stageLabel),
    datasets: report.segments.map((row) => ({ label: row.segment, data: stages.map((s) => row[s]) })),
  });
  const columns = [
    { key: "segment", label: by },
    ...stages.map((s) => ({ key: s, label: stageLabel(s), numeric: true, format: count })),
  ];
  return [
    node,
    table({ caption, columns, rows: report.segments, footer: { ...report.total, segment: "All" } }),
  ];
}

export const RENDERERS = {
  funnel,
  lost,
  objections,
  tags,
  profitability,
  channels,
  decisions,
};

export async function render(body, route, { announce, remember }) {
  const params = route.params;
  const current = {
    report: params.get("report") || "funnel",
    period: params.get("period") || "30d",
    by: params.get("by") || "channel",
  };
  const reports = Object.keys(RENDERERS).map((name) => [name, name.charAt(0).toUpperCase() + name.slice(1)]);
  const [reportField, reportSelect] = field("Report", select("report", reports, current.report));
  const [periodField, periodSelect] = field("Period", select("period", PERIODS, current.period));
  const [byField, bySelect] = field("Group by", select("by", SEGMENTS, current.by));
  const results = h("section", { class: "panel", "aria-live": "polite", "aria-label": "Results" });
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose a report" },
    reportField,
    periodField,
    byField,
    h("button", { type: "submit" }, "Show"),
  );
  // Only the latest request may render: an earlier one answering late (the first load
  // while staff already asked for another report) would otherwise replace its answer.
  let latest = 0;
  const load = async () => {
    const query = { report: reportSelect.value, period: periodSelect.value, by: bySelect.value };
    const asked = ++latest;
    remember(query);
    results.setAttribute("aria-busy", "true");
    try {
      const report = await get("admin-analytics", query);
      if (asked !== latest) return;
      const renderer = RENDERERS[query.report] || generic;
      results.replaceChildren(...[renderer(report)].flat());
      announce(`${query.report} report loaded.`);
    } catch (err) {
      if (err.status === 401) throw err;
      if (asked !== latest) return;
      const missing = err.status === 422 ? " This server may not offer this report yet." : "";
      results.replaceChildren(h("p", { class: "error", role: "alert" }, `${err.message}.${missing}`));
    } finally {
      if (asked === latest) results.removeAttribute("aria-busy");
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  body.replaceChildren(form, results);
  await load();
}
