// How numbers, money and times read on screen; one place, so every view agrees.

const integer = new Intl.NumberFormat("en-US");
const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const count = (n) => integer.format(n);
export const money = (cents) => dollars.format(cents / 100);
export const percent = (x) => `${(x * 100).toFixed(1)}%`;
const fine = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 4 });
export const microdollars = (n) => fine.format(n / 1_000_000);
export const seconds = (s) => `${s.toFixed(1)} s`;
// A formatter that leaves a missing value missing (the table shows "—"), not zero.
export const orNone = (format) => (value) => (value === null || value === undefined ? null : format(value));

// A stored UTC time shown in the market's zone (bookings) or the browser's (messages).
export function when(iso, timeZone) {
  if (!iso) return "";
  const options = { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) };
  return new Intl.DateTimeFormat("en-US", options).format(new Date(iso));
}

// snake_case field names as column headings: "deposit_paid" -> "Deposit paid".
export function label(name) {
  const words = String(name).replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A value of unknown shape as one line of text.
export function any(key, value) {
  if (typeof value === "number") {
    return key.endsWith("_cents") ? money(value) : Number.isInteger(value) ? count(value) : String(value);
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value && typeof value === "object") return JSON.stringify(value);
  return value;
}
