// The escalation queue: threads waiting for staff first (admin-conversations), each
// opening its conversation.
import { get } from "../api.js";
import { field, h, select, table } from "../dom.js";
import { label, when } from "../format.js";

export const title = "Escalations";

const STATUSES = [["escalated", "Escalated"], ["staff", "Taken over by staff"], ["ai", "Answered by the AI"], ["", "All"]];

export async function render(body, route, { announce, remember }) {
  const current = route.params.has("status") ? route.params.get("status") : "escalated";
  const [statusField, statusSelect] = field("Status", select("status", STATUSES, current));
  const results = h("div");
  const form = h("form", { class: "filters", "aria-label": "Queue filter" }, statusField, h("button", { type: "submit" }, "Show"));
  const load = async () => {
    const status = statusSelect.value;
    remember({ status });
    const { threads } = await get("admin-conversations", { status, limit: 100 });
    const shown = STATUSES.find(([value]) => value === status)[1].toLowerCase();
    results.replaceChildren(
      table({
        caption: `${threads.length} conversation${threads.length === 1 ? "" : "s"}: ${shown}`,
        empty: "No conversations here.",
        columns: [
          {
            key: "id",
            label: "Conversation",
            format: (id) => h("a", { href: `#/conversation/${encodeURIComponent(id)}` }, id),
          },
          { key: "channel", label: "Channel", format: label },
          { key: "status", label: "Status", format: (s) => h("span", { class: `badge ${s}` }, s) },
          { key: "priority", label: "Priority", format: label },
          { key: "escalation_reason", label: "Reason", format: (r) => (r ? label(r) : "") },
          { key: "assigned_to", label: "Assigned to" },
          { key: "last_message_at", label: "Last message", format: (t) => when(t) },
        ],
        rows: threads,
      }),
    );
    announce(`${threads.length} conversations shown.`);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  body.replaceChildren(form, results);
  await load();
}
