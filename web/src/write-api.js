// Calls to the JSON write API from the page. The browser sends the ds_actor cookie and marks the
// request Sec-Fetch-Site: same-origin, which is what the server's CSRF check accepts (no token).

export class WriteError extends Error {
  constructor(errors, status) {
    super(errors.join("; "));
    this.errors = errors;
    this.status = status;
  }
}

// The messages of a refusal: the envelope's "errors" list, else its "error", else the status.
export function errorsOf(body, status) {
  if (body && Array.isArray(body.errors) && body.errors.length) return body.errors.map(String);
  if (body && typeof body.error === "string" && body.error) return [body.error];
  return [`The server answered ${status}`];
}

export async function postJson(url, payload) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch (error) {
    throw new WriteError([`Could not reach the server: ${error.message}`], 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok || !body || body.ok === false) throw new WriteError(errorsOf(body, response.status), response.status);
  return body;
}

export async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body || body.ok === false) throw new WriteError(errorsOf(body, response.status), response.status);
  return body;
}

// The key path of a row as the server writes it into data-row: each key value tilde-encoded, joined by ",".
export function rowPath(row, keys) {
  return keys.map((key) => tildeEncode(row[key] === null || row[key] === undefined ? "" : String(row[key]))).join(",");
}

// Datasette's tilde encoding: every byte outside A-Z a-z 0-9 _ - as ~XX; a space as "+".
export function tildeEncode(value) {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_-]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += "~" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

// The rows table of the current page's arguments, from /-/fragment, optionally narrowed to one row.
export async function fetchFragment(tableUrl, path) {
  const params = new URLSearchParams(location.search);
  if (path !== undefined) params.set("_row", path);
  const query = params.toString();
  const response = await fetch(`${tableUrl}/-/fragment${query ? "?" + query : ""}`, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`Could not refresh the table (${response.status})`);
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  return template.content;
}
