// The editing interface (html-ui.md §4): "Insert row" and "Alter table" on the table page, the row
// edit/delete buttons the server renders, and "Create table" on the database page. Each appears
// only when the page data says the actor may do it (the server writes nothing otherwise).
import { el } from "./dialog.js";
import { createRowEditor } from "./row-editor.js";
import { openAlterTable, openCreateTable } from "./table-schema-editors.js";
import { pageData } from "./page-data.js";

function statusRegion() {
  let region = document.querySelector(".edit-tools-status");
  if (!region) {
    region = el("p", { class: "edit-tools-status visually-hidden", role: "status" });
    document.querySelector("main")?.append(region);
  }
  return (message) => { region.textContent = message; };
}

function toolbar(before) {
  const bar = el("div", { class: "edit-tools", role: "group", "aria-label": "Edit this table" });
  before.before(bar);
  return bar;
}

export function initEditTools() {
  const data = pageData();
  if (data.page === "table") initTableEditing(data);
  else if (data.page === "database") initDatabaseEditing();
}

function initTableEditing(pageInfo) {
  const tableData = window._datasetteTableData || {};
  const data = { ...pageInfo, ...tableData, editColumns: pageInfo.editColumns, primaryKeys: pageInfo.primaryKeys };
  const canEditRows = !!document.querySelector("[data-row-action]");
  if (!data.insertRow && !data.alterTable && !canEditRows) return;
  const announce = statusRegion();
  const editor = createRowEditor(data, announce);
  const anchor = document.querySelector(".table-wrapper, p.zero-results");
  if (anchor && (data.insertRow || data.alterTable)) {
    const bar = toolbar(anchor);
    if (data.insertRow) bar.append(el("button", { type: "button", class: "edit-tools-button", "data-edit-action": "insert", text: "Insert row", onclick: () => editor.openInsert() }));
    if (data.alterTable) bar.append(el("button", { type: "button", class: "edit-tools-button", "data-edit-action": "alter", text: "Alter table", onclick: () => openAlterTable(data.alterTable) }));
  }
  // Delegated: rows re-rendered from /-/fragment bring their own buttons.
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("button[data-row-action]");
    const tr = button?.closest("tr[data-row]");
    if (!tr) return;
    if (button.dataset.rowAction === "edit") editor.openEdit(tr.dataset.row, button);
    else if (button.dataset.rowAction === "delete") editor.openDelete(tr.dataset.row, button);
  });
}

function initDatabaseEditing() {
  const create = window._datasetteDatabaseData?.createTable;
  const header = document.querySelector(".page-header");
  if (!create || !header) return;
  const bar = el("div", { class: "edit-tools", role: "group", "aria-label": "Edit this database" });
  bar.append(el("button", { type: "button", class: "edit-tools-button", "data-edit-action": "create-table", text: "Create table", onclick: () => openCreateTable(create) }));
  header.after(bar);
}
