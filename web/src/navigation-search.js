// <navigation-search url="/-/jump">: the jump menu. A modal dialog with a search box; typing asks
// url?q=… for matches, shown grouped by type; arrow keys choose, Enter goes. Opened by any
// [data-jump-open] button and by the "/" key outside form fields.

const TYPE_LABELS = { database: "Databases", table: "Tables", view: "Views", query: "Queries", debug: "Debug" };
const TYPE_ORDER = ["database", "table", "view", "query", "debug"];

class NavigationSearch extends HTMLElement {
  connectedCallback() {
    if (this.dialog) return;
    const dialog = document.createElement("dialog");
    dialog.className = "navigation-search-dialog";
    dialog.setAttribute("aria-label", "Jump to");
    dialog.innerHTML =
      '<label class="visually-hidden" for="navigation-search-input">Jump to a database, table or query</label>' +
      '<input id="navigation-search-input" type="search" autocomplete="off" placeholder="Jump to…" role="combobox" aria-expanded="false" aria-controls="navigation-search-results" aria-autocomplete="list">' +
      '<div id="navigation-search-results" role="listbox" aria-label="Matches"></div>' +
      '<p class="navigation-search-status" role="status"></p>';
    this.append(dialog);
    this.dialog = dialog;
    this.input = dialog.querySelector("input");
    this.results = dialog.querySelector("[role=listbox]");
    this.status = dialog.querySelector("[role=status]");
    this.matches = [];
    this.selected = -1;
    this.request = 0;
    let timer = 0;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(this.input.value), 120);
    });
    this.input.addEventListener("keydown", (ev) => this.onKey(ev));
    dialog.addEventListener("click", (ev) => { if (ev.target === dialog) dialog.close(); });
    this.results.addEventListener("click", (ev) => {
      const option = ev.target.closest("[role=option]");
      if (option) this.go(Number(option.dataset.index));
    });
  }

  open() {
    if (!this.dialog.open) this.dialog.showModal();
    this.input.select();
    this.search(this.input.value);
  }

  async search(q) {
    const url = this.getAttribute("url") || "/-/jump";
    const request = ++this.request;
    let data;
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(q.trim())}`, { headers: { Accept: "application/json" } });
      data = await response.json();
    } catch (error) {
      if (request === this.request) this.show([], "Search failed");
      return;
    }
    // Answers may arrive out of order; only the newest query's answer is shown.
    if (request !== this.request) return;
    const matches = data.matches || [];
    this.show(matches, matches.length ? `${matches.length}${data.truncated ? "+" : ""} matches` : "No matches");
  }

  show(matches, status) {
    const groups = new Map();
    for (const m of matches) {
      if (!groups.has(m.type)) groups.set(m.type, []);
      groups.get(m.type).push(m);
    }
    const types = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
    this.matches = types.flatMap((t) => groups.get(t));
    this.results.replaceChildren();
    let index = 0;
    for (const type of types) {
      const group = document.createElement("div");
      group.setAttribute("role", "group");
      // Inside a listbox a group may hold only options, so its heading is presentational text.
      const heading = document.createElement("div");
      heading.className = "navigation-search-heading";
      heading.setAttribute("role", "presentation");
      heading.id = `navigation-search-group-${type}`;
      heading.textContent = TYPE_LABELS[type] || type;
      group.setAttribute("aria-labelledby", heading.id);
      group.append(heading);
      for (const match of groups.get(type)) {
        const option = document.createElement("a");
        option.href = match.url;
        option.tabIndex = -1;
        option.id = `navigation-search-option-${index}`;
        option.dataset.index = String(index++);
        option.setAttribute("role", "option");
        option.textContent = match.name;
        if (match.description) {
          const d = document.createElement("small");
          d.textContent = " " + match.description;
          option.append(d);
        }
        group.append(option);
      }
      this.results.append(group);
    }
    this.status.textContent = status;
    this.input.setAttribute("aria-expanded", String(this.matches.length > 0));
    this.select(this.matches.length ? 0 : -1);
  }

  select(index) {
    this.selected = index;
    for (const option of this.results.querySelectorAll("[role=option]")) {
      const on = Number(option.dataset.index) === index;
      option.setAttribute("aria-selected", String(on));
      if (on) option.scrollIntoView({ block: "nearest" });
    }
    if (index >= 0) this.input.setAttribute("aria-activedescendant", `navigation-search-option-${index}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  onKey(ev) {
    const count = this.matches.length;
    if (ev.key === "ArrowDown" && count) {
      ev.preventDefault();
      this.select((this.selected + 1) % count);
    } else if (ev.key === "ArrowUp" && count) {
      ev.preventDefault();
      this.select(this.selected <= 0 ? count - 1 : this.selected - 1);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (this.selected >= 0) this.go(this.selected);
    }
  }

  go(index) {
    const match = this.matches[index];
    if (match) location.href = match.url;
  }
}

const rank = (type) => {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
};

const isTyping = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function initNavigationSearch() {
  if (!customElements.get("navigation-search")) customElements.define("navigation-search", NavigationSearch);
  const search = document.querySelector("navigation-search");
  if (!search) return;
  const open = () => {
    search.closest("details")?.removeAttribute("open");
    for (const details of document.querySelectorAll("details.details-menu[open]")) details.open = false;
    search.open();
  };
  for (const opener of document.querySelectorAll("[data-jump-open]")) {
    opener.addEventListener("click", (ev) => { ev.preventDefault(); open(); });
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isTyping(ev.target)) {
      ev.preventDefault();
      open();
    }
  });
}
