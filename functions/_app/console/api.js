// The admin API as the console calls it: the bearer token from this tab's session, JSON
// in and out, problem documents turned into errors, and a 401 anywhere ending the session.

const TOKEN_KEY = "myhibachi.staff.token";

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// Every function sits beside this one: <base>/staff-console -> <base>/<function>.
export function apiBase() {
  const path = location.pathname.replace(/\/+$/, "");
  return location.origin + path.slice(0, path.lastIndexOf("/"));
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  start: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  end: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onSignedOut = () => {};

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function url(name, params = {}) {
  const target = new URL(`${apiBase()}/${name}`);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") target.searchParams.set(key, value);
  }
  return target;
}

async function call(method, name, { params, body, token } = {}) {
  const bearer = token || session.token();
  const headers = { Accept: "application/json", Authorization: `Bearer ${bearer}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url(name, params), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && !token) {
    session.end();
    onSignedOut("Your session has ended; sign in again.");
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (name, params, token) => call("GET", name, { params, token });
export const post = (name, body) => call("POST", name, { body });
