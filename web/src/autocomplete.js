// A combobox over a table's /-/autocomplete (the ARIA 1.2 combobox pattern): typing searches keys
// and labels; Down/Up move through the suggestions, Enter picks one, Escape closes the list. Picking
// puts the row's key into the input and dispatches "datasette-autocomplete-select" with the row.
import { el, uniqueId } from "./dialog.js";

const DELAY_MS = 150;

function keyText(row) {
  const values = Object.values(row.pks || {});
  return values.map((v) => (v === null ? "" : String(v))).join(",");
}

export function attachAutocomplete(input, url) {
  const listId = uniqueId("autocomplete-list");
  const list = el("ul", { id: listId, role: "listbox", class: "autocomplete-list", hidden: true, "aria-label": "Suggestions" });
  const status = el("span", { class: "visually-hidden", role: "status" });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");
  const wrapper = el("span", { class: "autocomplete" });
  input.replaceWith(wrapper);
  wrapper.append(input, list, status);

  let rows = [];
  let active = -1;
  let timer = 0;
  let sequence = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    for (const [i, option] of Array.from(list.children).entries()) option.setAttribute("aria-selected", String(i === index));
    if (index >= 0) {
      const option = list.children[index];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    const row = rows[index];
    if (!row) return;
    input.value = keyText(row);
    close();
    input.dispatchEvent(new CustomEvent("datasette-autocomplete-select", { bubbles: true, detail: { row } }));
  }

  function render(found) {
    rows = found;
    list.replaceChildren();
    for (const [i, row] of found.entries()) {
      const key = keyText(row);
      const option = el("li", { id: `${listId}-${i}`, role: "option", "aria-selected": "false", class: "autocomplete-option" });
      if (row.label !== undefined && row.label !== null && String(row.label) !== key) {
        option.append(el("span", { class: "autocomplete-label", text: String(row.label) }), " ", el("span", { class: "autocomplete-key", text: key }));
      } else {
        option.append(el("span", { class: "autocomplete-key", text: key }));
      }
      // mousedown, not click: the input would lose focus (and close the list) first.
      option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
      list.append(option);
    }
    status.textContent = found.length ? `${found.length} suggestion${found.length === 1 ? "" : "s"}` : "No matches";
    if (found.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    } else {
      close();
    }
  }

  async function search() {
    const q = input.value.trim();
    const mine = ++sequence;
    if (!q) { render([]); status.textContent = ""; return; }
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(q)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const body = await response.json();
      // A slower answer to an older query must not replace a newer one.
      if (mine !== sequence) return;
      if (!response.ok || !body.ok) { render([]); status.textContent = body?.error || `Search failed (${response.status})`; return; }
      render(body.rows || []);
    } catch (error) {
      if (mine === sequence) { render([]); status.textContent = "Search failed"; }
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) { search(); return; }
      highlight(rows.length ? (active + 1) % rows.length : -1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (!list.hidden && rows.length) highlight(active <= 0 ? rows.length - 1 : active - 1);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && !list.hidden) {
      // Closing the list must not close the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("blur", () => close());
  return { search, close };
}

// The tester page (/-/debug/autocomplete): an input with data-autocomplete-url shows the picked row.
export function initAutocompleteTester() {
  for (const input of document.querySelectorAll("input[data-autocomplete-url]")) {
    attachAutocomplete(input, input.dataset.autocompleteUrl);
    const output = document.getElementById(input.dataset.autocompleteOutput || "");
    if (output) {
      input.closest(".autocomplete").addEventListener("datasette-autocomplete-select", (event) => {
        output.textContent = JSON.stringify(event.detail.row, null, 2);
      });
    }
  }
}
