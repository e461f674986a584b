// Any report of unknown shape: its plain fields as facts, each list of objects (and each
// object of numbers) as a table, charted when it has a label column and number columns.
import { barChart } from "../charts.js";
import { facts, h, table } from "../dom.js";
import { any, label } from "../format.js";

const MAX_SERIES = 4;

const isRecord = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function columnsOf(rows) {
  const keys = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

function rowsTable(name, rows) {
  const keys = columnsOf(rows);
  const numeric = keys.filter((k) => rows.every((r) => r[k] === undefined || r[k] === null || typeof r[k] === "number"));
  const labelKey = keys.find((k) => rows.every((r) => typeof r[k] === "string"));
  const ordered = labelKey ? [labelKey, ...keys.filter((k) => k !== labelKey)] : keys;
  const columns = ordered.map((key) => ({
    key,
    label: label(key),
    numeric: numeric.includes(key),
    format: (value) => any(key, value),
  }));
  const caption = label(name);
  const nodes = [];
  const series = numeric.filter((k) => k !== labelKey).slice(0, MAX_SERIES);
  if (labelKey && series.length && rows.length) {
    nodes.push(
      barChart({
        title: caption,
        labels: rows.map((r) => r[labelKey]),
        datasets: series.map((k) => ({
          label: label(k),
          data: rows.map((r) => (k.endsWith("_cents") ? (r[k] ?? 0) / 100 : r[k] ?? 0)),
        })),
      }).node,
    );
  }
  nodes.push(table({ caption, columns, rows }));
  return nodes;
}

export function generic(report) {
  const plain = [];
  const nodes = [];
  for (const [key, value] of Object.entries(report)) {
    if (Array.isArray(value) && value.every(isRecord)) {
      nodes.push(h("h2", {}, label(key)), ...rowsTable(key, value));
    } else if (isRecord(value) && Object.values(value).every((v) => !isRecord(v) && !Array.isArray(v))) {
      nodes.push(
        h("h2", {}, label(key)),
        table({
          caption: label(key),
          columns: [
            { key: "name", label: "Name" },
            { key: "value", label: "Value", numeric: Object.values(value).every((v) => typeof v === "number") },
          ],
          rows: Object.entries(value).map(([name, v]) => ({ name: label(name), value: any(name, v) })),
        }),
      );
    } else {
      plain.push([label(key), any(key, value)]);
    }
  }
  return [plain.length ? facts(plain) : null, ...nodes].filter(Boolean);
}
