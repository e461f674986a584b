// The console shell: sign-in, the navigation, and hash routes (#/<view>/<id>?<params>).
import { get, session, whenSignedOut } from "./api.js";
import { h, field, problemText } from "./dom.js";
import * as analytics from "./views/analytics.js";
import * as bookings from "./views/bookings.js";
import * as campaigns from "./views/campaigns.js";
import * as conversation from "./views/conversation.js";
import * as escalations from "./views/escalations.js";
import * as learning from "./views/learning.js";
import * as marketing from "./views/marketing.js";

const VIEWS = { analytics, escalations, conversation, bookings, learning, marketing, campaigns };
const HOME = "analytics";
const WHO_KEY = "myhibachi.staff.who";

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const who = document.getElementById("who");

export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  region.textContent = text;
}

function parseRoute() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, ...rest] = path.split("/");
  return { name: name || HOME, id: rest.map(decodeURIComponent).join("/"), params: new URLSearchParams(query) };
}

// Writes a view's state into the address without a new render (filters keep focus).
export function remember(params) {
  const { name, id } = parseRoute();
  const query = new URLSearchParams(params).toString();
  history.replaceState(null, "", `#/${name}${id ? `/${encodeURIComponent(id)}` : ""}${query ? `?${query}` : ""}`);
}

function showSignedIn(principal) {
  nav.hidden = false;
  who.hidden = false;
  document.getElementById("who-name").textContent = `${principal.name || principal.subject} (${principal.roles.join(", ")})`;
}

function signIn(message) {
  nav.hidden = true;
  who.hidden = true;
  document.title = "Sign in · MyHibachi staff console";
  const [tokenField, input] = field(
    "Admin token",
    h("textarea", { name: "token", required: true, autocomplete: "off", spellcheck: "false", rows: "4" }),
    "Paste a bearer token (make token). It is kept in this tab only and forgotten on sign out.",
  );
  const error = h("p", { class: "error", role: "alert", hidden: !message }, message || "");
  const form = h(
    "form",
    { class: "panel signin", "aria-labelledby": "signin-title" },
    tokenField,
    error,
    h("button", { type: "submit" }, "Sign in"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      const principal = await get("whoami", {}, token);
      session.start(token);
      sessionStorage.setItem(WHO_KEY, JSON.stringify(principal));
      showSignedIn(principal);
      if (!location.hash) location.hash = `#/${HOME}`;
      else render();
    } catch (err) {
      error.hidden = false;
      error.textContent = err.status === 401 ? "That token is not valid or has expired." : problemText(err);
      input.focus();
    }
  });
  main.replaceChildren(h("h1", { id: "signin-title", tabindex: "-1" }, "Sign in"), form);
  input.focus();
}

async function render() {
  if (!session.token()) return signIn();
  const route = parseRoute();
  const view = VIEWS[route.name];
  if (!view) {
    location.hash = `#/${HOME}`;
    return undefined;
  }
  showSignedIn(JSON.parse(sessionStorage.getItem(WHO_KEY) || '{"subject":"signed in","roles":[]}'));
  const section = view.nav || route.name;
  for (const link of nav.querySelectorAll("a")) {
    if (link.getAttribute("href") === `#/${section}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const heading = h("h1", { tabindex: "-1" }, view.title);
  const body = h("div", { "aria-busy": "true" });
  main.replaceChildren(heading, body);
  document.title = `${view.title} · MyHibachi staff console`;
  heading.focus();
  try {
    await view.render(body, route, { announce, remember });
  } catch (err) {
    if (err.status === 401) return undefined; // whenSignedOut has shown the sign-in form
    body.replaceChildren(h("p", { class: "error", role: "alert" }, problemText(err)));
  } finally {
    body.removeAttribute("aria-busy");
  }
  return undefined;
}

document.getElementById("sign-out").addEventListener("click", () => {
  session.end();
  sessionStorage.removeItem(WHO_KEY);
  history.replaceState(null, "", location.pathname);
  signIn();
  announce("Signed out.");
});

// The skip link moves focus without touching the route.
document.querySelector("[data-skip]").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

whenSignedOut((message) => signIn(message));
window.addEventListener("hashchange", render);
render();
