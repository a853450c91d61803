// The column action menu: a cog button in each rows-table header opens a menu of links computed
// from the header's data attributes and the current URL, plus the items plugins contribute.
import { markMenu, moveFocus, menuItems } from "./menus.js";
import * as urls from "./url.js";
import { openColumnChooser, canChooseColumns } from "./column-chooser.js";

const COG = `<svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="8" cy="8" r="2.2"/><path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"/></svg>`;

export function columnMeta(th) {
  return {
    column: th.dataset.column,
    columnName: th.dataset.column,
    columnType: th.dataset.columnType || null,
    columnNotNull: th.dataset.columnNotNull === "1",
    isPk: th.dataset.isPk === "1",
    columnDescription: th.dataset.columnDescription || null,
  };
}

function facetedColumns() {
  const shown = Array.from(document.querySelectorAll(".facet-info[data-column], .facet-results [data-column]"), (el) => el.dataset.column);
  return new Set([...shown, ...urls.currentParams().getAll("_facet")]);
}

function columnHasBlanks(th) {
  const cls = Array.from(th.classList).find((c) => c.startsWith("col-"));
  const table = th.closest("table");
  if (!cls || !table) return false;
  return Array.from(table.querySelectorAll("td." + CSS.escape(cls))).some((td) => td.textContent.trim() === "");
}

function dataColumns(manager) {
  return Array.from(document.querySelectorAll(manager.selectors.tableHeaders)).filter(
    (th) => th.dataset.column && th.dataset.isLinkColumn !== "1",
  );
}

export function columnActionItems(manager, th) {
  const params = urls.currentParams();
  const column = th.dataset.column;
  const items = [];
  // Sortable headers are the ones the server rendered as links.
  const sortable = !!th.querySelector("a");
  if (sortable && params.get("_sort") !== column) items.push({ label: "Sort ascending", href: urls.sortAscUrl(column) });
  if (sortable && params.get("_sort_desc") !== column) items.push({ label: "Sort descending", href: urls.sortDescUrl(column) });
  const firstColumn = th.parentElement.querySelector("th") === th;
  const singlePk = th.dataset.isPk === "1" && document.querySelectorAll(manager.selectors.tableHeaders + '[data-is-pk="1"]').length === 1;
  if (window.DATASETTE_ALLOW_FACET && !firstColumn && !singlePk && !facetedColumns().has(column)) {
    items.push({ label: "Facet by this", href: urls.facetUrl(column) });
  }
  if (canChooseColumns()) items.push({ label: "Choose columns", onClick: () => openColumnChooser() });
  if (th.dataset.isPk !== "1" && dataColumns(manager).length > 1) {
    items.push({ label: "Hide this column", href: urls.hideColumnUrl(column) });
  }
  if (params.getAll("_col").length || params.getAll("_nocol").length) {
    items.push({ label: "Show all columns", href: urls.showAllColumnsUrl() });
  }
  if (params.get(`${column}__notblank`) !== "1" && columnHasBlanks(th)) {
    items.push({ label: "Show not-blank rows", href: urls.notBlankUrl(column) });
  }
  return items.concat(manager.makeColumnActions(columnMeta(th)));
}

function renderItem(item, close) {
  const li = document.createElement("li");
  let el;
  if (item.href) {
    el = document.createElement("a");
    el.href = item.href;
  } else {
    el = document.createElement("button");
    el.type = "button";
  }
  el.textContent = item.label;
  if (item.onClick) {
    el.addEventListener("click", (ev) => {
      if (!item.href) ev.preventDefault();
      close(false);
      item.onClick(ev);
    });
  }
  li.append(el);
  if (item.description) {
    const p = document.createElement("p");
    p.className = "dropdown-description";
    p.textContent = item.description;
    li.append(p);
  }
  return li;
}

export function initColumnActions(manager) {
  const headers = Array.from(document.querySelectorAll(manager.selectors.tableHeaders)).filter(
    (th) => th.dataset.column && th.dataset.isLinkColumn !== "1",
  );
  if (!headers.length) return;

  const menu = document.createElement("div");
  menu.className = "dropdown-menu column-actions-menu";
  menu.hidden = true;
  document.body.append(menu);
  let opener = null;

  function close(returnFocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    opener?.setAttribute("aria-expanded", "false");
    if (returnFocus) opener?.focus();
    opener = null;
  }

  function open(th, button) {
    close(false);
    opener = button;
    const meta = columnMeta(th);
    const list = document.createElement("ul");
    list.className = "dropdown-actions";
    list.id = "column-actions-menu";
    for (const item of columnActionItems(manager, th)) list.append(renderItem(item, close));
    markMenu(list, `Column ${meta.column}`);
    menu.replaceChildren(list);
    if (meta.columnType) {
      const type = document.createElement("p");
      type.className = "dropdown-column-type";
      type.textContent = `Type: ${meta.columnType.toUpperCase()}${meta.columnNotNull ? " NOT NULL" : ""}`;
      menu.append(type);
    }
    if (meta.columnDescription) {
      const description = document.createElement("p");
      description.className = "dropdown-column-description";
      description.textContent = meta.columnDescription;
      menu.append(description);
    }
    menu.hidden = false;
    const rect = button.getBoundingClientRect();
    // Keep the menu inside the viewport on narrow screens.
    const left = Math.max(4, Math.min(rect.left, document.documentElement.clientWidth - menu.offsetWidth - 4));
    menu.style.top = `${rect.bottom + window.scrollY + 2}px`;
    menu.style.left = `${left + window.scrollX}px`;
    button.setAttribute("aria-expanded", "true");
    menuItems(list)[0]?.focus();
  }

  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "column-actions-button";
    button.setAttribute("aria-haspopup", "menu");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "column-actions-menu");
    button.setAttribute("aria-label", `Column actions for ${th.dataset.column}`);
    button.innerHTML = COG;
    button.addEventListener("click", (ev) => {
      ev.stopPropagation();
      if (opener === button) close(true);
      else open(th, button);
    });
    th.append(button);
  }

  menu.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      close(true);
    } else if (ev.key === "Tab") {
      close(false);
    } else if (moveFocus(menu, ev.key)) {
      ev.preventDefault();
    }
  });
  document.addEventListener("click", (ev) => {
    if (!menu.contains(ev.target)) close(false);
  });
  document.querySelector(manager.selectors.tableWrapper)?.addEventListener("scroll", () => close(false));
}
