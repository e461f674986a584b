// One conversation: who and why, its messages oldest first, and the staff reply.
import { get, post } from "../api.js";
import { facts, field, h, problemText } from "../dom.js";
import { label, when } from "../format.js";

export const title = "Conversation";
export const nav = "escalations";

const AUTHORS = { customer: "Customer", ai: "AI assistant", staff: "Staff", system: "System" };

function message(m) {
  const held = (m.trace?.review?.status || "approved") !== "approved";
  return h(
    "li",
    { class: m.author, "data-seq": m.seq },
    h(
      "p",
      { class: "meta" },
      h("strong", {}, AUTHORS[m.author] || label(m.author)),
      " · ",
      h("time", { datetime: m.at }, when(m.at)),
      held ? ` · held for review (${m.trace.review.status})` : "",
    ),
    h("p", { class: "text" }, m.text),
  );
}

function replyForm(thread, rerender) {
  const [textField, text] = field(
    "Reply to the customer",
    h("textarea", { name: "text", required: true, maxlength: "4000" }),
    "Sent on the conversation's channel; replying takes the conversation over from the AI.",
  );
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "panel", "aria-label": "Reply" }, textField, error, h("button", { type: "submit" }, "Send reply"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await post("admin-conversations", { action: "reply", thread_id: thread.id, text: text.value });
      await rerender("Reply sent.");
    } catch (err) {
      error.hidden = false;
      error.textContent = problemText(err);
    }
  });
  const release = h("button", { type: "button", class: "secondary" }, "Hand back to the AI");
  release.addEventListener("click", async () => {
    await post("admin-conversations", { action: "release", thread_id: thread.id });
    await rerender("Handed back to the AI.");
  });
  return [form, thread.status === "ai" ? null : h("p", {}, release)];
}

export async function render(body, route, { announce }) {
  const show = async (said) => {
    const { thread, messages } = await get("admin-conversations", { thread_id: route.id });
    body.replaceChildren(
      h("p", {}, h("a", { href: "#/escalations" }, "Back to the queue")),
      facts([
        ["Conversation", thread.id],
        ["Channel", label(thread.channel)],
        ["Status", thread.status],
        ["Priority", label(thread.priority)],
        ["Reason", thread.escalation_reason ? label(thread.escalation_reason) : ""],
        ["Customer", thread.customer_id],
        ["Assigned to", thread.assigned_to],
      ]),
      h("h2", { id: "messages-title" }, `Messages (${messages.length})`),
      h("ol", { class: "messages", "aria-labelledby": "messages-title" }, messages.map(message)),
      h("h2", {}, "Reply"),
      ...replyForm(thread, show),
    );
    if (said) announce(said);
  };
  await show();
}
