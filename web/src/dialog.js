// Modal dialogs for the editing tools: a native <dialog> (focus kept inside, Escape closes) with a
// heading that labels it, an alert region for the write API's errors, and focus returned to the
// control that opened it (or a fallback when that control is gone, e.g. a deleted row's button).

let counter = 0;

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

// Opens a dialog; `build(dialog)` fills dialog.body and returns nothing. The returned object has
// body, form, showErrors(list), clearErrors(), setBusy(bool), close(), and onClosed(fn) to redirect focus.
export function openDialog({ title, submitLabel, onSubmit, className = "", fallbackFocus }) {
  const opener = document.activeElement;
  const headingId = uniqueId("edit-dialog-title");
  const errors = el("div", { class: "edit-dialog-errors", role: "alert", hidden: true });
  const body = el("div", { class: "edit-dialog-body" });
  const submit = el("button", { type: "submit", class: "edit-dialog-submit", text: submitLabel });
  const cancel = el("button", { type: "button", class: "edit-dialog-cancel", text: "Cancel" });
  const form = el("form", { class: "edit-dialog-form", method: "dialog", novalidate: true },
    el("h2", { id: headingId, text: title }), errors, body, el("p", { class: "edit-dialog-buttons" }, submit, cancel));
  const dialog = el("dialog", { class: ("edit-dialog " + className).trim(), "aria-labelledby": headingId }, form);
  let focusTarget = null;

  const api = {
    dialog, body, form, submit,
    showErrors(list) {
      errors.replaceChildren();
      const items = (list || []).filter((e) => e !== undefined && e !== null);
      if (!items.length) { errors.hidden = true; return; }
      const ul = el("ul");
      for (const message of items) ul.append(el("li", { text: String(message) }));
      errors.append(el("p", { text: items.length === 1 ? "The change was refused:" : `The change was refused (${items.length} errors):` }), ul);
      errors.hidden = false;
    },
    clearErrors() { api.showErrors([]); },
    setBusy(busy) {
      submit.disabled = busy;
      form.setAttribute("aria-busy", String(busy));
    },
    // Where focus goes on close when the opener no longer exists.
    returnFocusTo(node) { focusTarget = node; },
    close() { dialog.close(); },
  };

  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    api.clearErrors();
    api.setBusy(true);
    try {
      await onSubmit(api, event.submitter);
    } catch (error) {
      api.showErrors([error && error.message ? error.message : String(error)]);
    } finally {
      if (dialog.open) api.setBusy(false);
    }
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    const target = focusTarget && focusTarget.isConnected ? focusTarget
      : opener && opener.isConnected && opener !== document.body ? opener
        : typeof fallbackFocus === "function" ? fallbackFocus() : null;
    target?.focus();
  });
  document.body.append(dialog);
  return api;
}

// Shows the dialog once its body is built, focusing the first field.
export function showDialog(api) {
  api.dialog.showModal();
  // The first field to fill, else any control (a mode switch, a button).
  // Fields in a hidden panel (the upsert key until asked for) are passed over.
  const visible = (selector) => Array.from(api.body.querySelectorAll(selector)).find((node) => node.checkVisibility());
  const first = visible("input.edit-field-input:not([readonly]):not([disabled]), input.schema-name:not([disabled])")
    || visible("input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])");
  (first || api.submit).focus();
}
