// Insert, edit and delete rows from the table page through the JSON write API, then re-render only
// the rows concerned from /-/fragment (the server's own cell rendering): no page reload.
import { el, openDialog, showDialog, uniqueId } from "./dialog.js";
import { postJson, getJson, rowPath, fetchFragment } from "./write-api.js";
import { columnField, typedValue } from "./row-fields.js";
import { parseDelimited } from "./csv.js";

const PREVIEW_ROWS = 20;

export function createRowEditor(data, announce) {
  const tableUrl = data.tableUrl;
  const insert = data.insertRow;
  const keys = () => (data.primaryKeys && data.primaryKeys.length ? data.primaryKeys : ["rowid"]);
  const foreignKeys = data.foreignKeys || {};

  // The page's own table, never a dialog's preview (a closing dialog is still in the document).
  const tbody = () => document.querySelector("main table.rows-and-columns tbody");
  const rowElement = (path) => Array.from(document.querySelectorAll("main table.rows-and-columns tbody tr[data-row]")).find((tr) => tr.dataset.row === path);
  const insertButton = () => document.querySelector("[data-edit-action=insert]");
  const fallbackFocus = () => insertButton() || document.querySelector("main");

  // The new rows (in order) at the top of the table, or the whole table when the page had none.
  async function showInserted(rows) {
    const paths = rows.map((row) => rowPath(row, keys()));
    if (!tbody()) {
      const fragment = await fetchFragment(tableUrl);
      const wrapper = fragment.querySelector(".table-wrapper");
      const empty = document.querySelector("main p.zero-results");
      if (wrapper && empty) empty.replaceWith(wrapper);
      return;
    }
    const fragments = await Promise.all(paths.map((path) => fetchFragment(tableUrl, path)));
    for (const fragment of fragments.reverse()) {
      const tr = fragment.querySelector("tbody tr");
      if (tr) {
        tr.classList.add("row-changed");
        tbody().prepend(tr);
      }
    }
  }

  async function refreshRow(path) {
    const fragment = await fetchFragment(tableUrl, path);
    const fresh = fragment.querySelector("tbody tr");
    const old = rowElement(path);
    if (!old) return null;
    if (fresh) {
      fresh.classList.add("row-changed");
      old.replaceWith(fresh);
    } else {
      // The edit took the row out of the page's filters.
      old.remove();
    }
    return fresh;
  }

  function openInsert() {
    const columns = insert.columns;
    let mode = "single";
    let fields = [];
    const dialog = openDialog({
      title: `Insert row into ${insert.tableName}`,
      submitLabel: "Insert row",
      className: "insert-row-dialog",
      fallbackFocus,
      async onSubmit(api) {
        if (mode === "single" && upsert?.checked) {
          // Upsert: the key picks the row; a row with that key is updated, else one is inserted.
          const row = {};
          for (const field of [...keyFields, ...fields]) {
            const { include, value } = field.read();
            // An empty field keeps the stored value (null is asked for with its checkbox).
            if (include && (value === null || field.input.value !== "")) row[field.column.name] = value;
          }
          const body = await postJson(insert.upsertPath, { rows: [row], return: true }).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
          if (!body) return;
          api.close();
          const rows = body.rows || [];
          const updated = rows.filter((r) => rowElement(rowPath(r, keys())));
          for (const r of updated) await refreshRow(rowPath(r, keys()));
          const fresh = rows.filter((r) => !updated.includes(r));
          if (fresh.length) await showInserted(fresh);
          announce(updated.length ? `Updated row ${decodeURIComponentSafe(rowPath(updated[0], keys()))}` : `Inserted 1 row into ${insert.tableName}`);
        } else if (mode === "single") {
          const row = {};
          for (const field of fields) {
            const { include, value } = field.read();
            if (include) row[field.column.name] = value;
          }
          const body = await postJson(insert.path, { row }).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
          if (!body) return;
          api.close();
          await showInserted(body.rows || []);
          announce(`Inserted 1 row into ${insert.tableName}`);
        } else {
          const parsed = parseBulk();
          if (parsed.errors.length) { api.showErrors(parsed.errors); return; }
          const body = await postJson(insert.path, { rows: parsed.rows, return: true }).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
          if (!body) return;
          api.close();
          await showInserted(body.rows || []);
          announce(`Inserted ${parsed.rows.length} rows into ${insert.tableName}`);
        }
      },
    });

    const modeName = uniqueId("insert-mode");
    const single = el("input", { type: "radio", name: modeName, value: "single", checked: true });
    const bulk = el("input", { type: "radio", name: modeName, value: "bulk" });
    const modes = el("fieldset", { class: "insert-mode" }, el("legend", { text: "Enter" }),
      el("label", {}, single, " one row"), " ", el("label", {}, bulk, " rows pasted as CSV or TSV"));

    const singlePanel = el("div", { class: "insert-single" });
    // With update-row too, the row may be upserted: the automatically numbered key (not among the
    // insert's fields) is then asked for, since it names the row to update.
    let upsert = null;
    const keyFields = [];
    if (insert.upsertPath) {
      upsert = el("input", { type: "checkbox", class: "insert-upsert" });
      const hintId = uniqueId("upsert-hint");
      upsert.setAttribute("aria-describedby", hintId);
      const keyPanel = el("div", { class: "insert-upsert-keys", hidden: true });
      for (const column of insert.bulkColumns.filter((c) => c.is_auto_pk)) {
        const field = columnField({ ...column, is_auto_pk: false }, { mode: "insert" });
        keyFields.push(field);
        keyPanel.append(field.node);
      }
      upsert.addEventListener("change", () => {
        keyPanel.hidden = !upsert.checked;
        dialog.submit.textContent = upsert.checked ? "Upsert row" : "Insert row";
        if (upsert.checked) keyFields[0]?.input.focus();
      });
      singlePanel.append(
        el("p", { class: "insert-upsert-option" }, el("label", {}, upsert, " Update the row if its primary key exists (upsert)"),
          el("span", { class: "edit-field-hint", id: hintId, text: ` Columns left empty keep their values.` })),
        keyPanel);
    }
    fields = columns.map((column) => columnField(column, { mode: "insert", foreignKeyUrl: foreignKeys[column.name] }));
    for (const field of fields) singlePanel.append(field.node);

    const pasteId = uniqueId("paste");
    const textarea = el("textarea", { id: pasteId, rows: "8", class: "bulk-paste", spellcheck: "false", "aria-describedby": pasteId + "-hint" });
    const preview = el("div", { class: "bulk-preview", "aria-live": "polite" });
    const previewButton = el("button", { type: "button", class: "bulk-preview-button", text: "Preview" });
    const bulkPanel = el("div", { class: "insert-bulk", hidden: true },
      el("label", { for: pasteId, text: "Rows as CSV or TSV" }),
      el("p", { class: "edit-field-hint", id: pasteId + "-hint", text: `Header row of column names first; at most ${insert.maxInsertRows} rows. Columns: ${insert.bulkColumns.map((c) => c.name).join(", ")}.` }),
      textarea, el("p", {}, previewButton), preview);

    function parseBulk() {
      const { columns: header, rows } = parseDelimited(textarea.value);
      const errors = [];
      if (!header.length || !rows.length) errors.push("Paste a header row and at least one row.");
      if (rows.length > insert.maxInsertRows) errors.push(`Too many rows, maximum allowed is ${insert.maxInsertRows}`);
      const byName = new Map(insert.bulkColumns.map((c) => [c.name, c]));
      // Empty cells are left to SQLite (default or null); numbers are sent as numbers.
      const typed = rows.map((row) => {
        const out = {};
        for (const [name, raw] of Object.entries(row)) {
          if (raw === "") continue;
          const column = byName.get(name);
          out[name] = column ? typedValue(column, raw) : raw;
        }
        return out;
      });
      return { header, rows: typed, errors };
    }

    function showPreview() {
      const { header, rows, errors } = parseBulk();
      preview.replaceChildren();
      if (errors.length) {
        preview.append(el("p", { text: errors.join(" ") }));
        return;
      }
      const table = el("table", { class: "rows-and-columns bulk-preview-table" });
      const caption = el("caption", { text: `${rows.length} row${rows.length === 1 ? "" : "s"} to insert${rows.length > PREVIEW_ROWS ? `, the first ${PREVIEW_ROWS} shown` : ""}` });
      const headRow = el("tr");
      for (const name of header) headRow.append(el("th", { scope: "col", text: name }));
      const body = el("tbody");
      for (const row of rows.slice(0, PREVIEW_ROWS)) {
        const tr = el("tr");
        for (const name of header) tr.append(el("td", { text: row[name] === undefined ? "" : String(row[name]) }));
        body.append(tr);
      }
      table.append(caption, el("thead", {}, headRow), body);
      preview.append(el("div", { class: "table-wrapper" }, table));
      dialog.submit.textContent = `Insert ${rows.length} row${rows.length === 1 ? "" : "s"}`;
    }

    previewButton.addEventListener("click", showPreview);
    for (const radio of [single, bulk]) {
      radio.addEventListener("change", () => {
        mode = bulk.checked ? "bulk" : "single";
        singlePanel.hidden = mode !== "single";
        bulkPanel.hidden = mode !== "bulk";
        dialog.submit.textContent = mode === "single" ? (upsert?.checked ? "Upsert row" : "Insert row") : "Insert rows";
        dialog.clearErrors();
      });
    }
    dialog.body.append(modes, singlePanel, bulkPanel);
    showDialog(dialog);
  }

  async function openEdit(path, opener) {
    let stored;
    try {
      const body = await getJson(`${tableUrl}/${path}.json`);
      stored = body.rows && body.rows[0];
    } catch (error) {
      announce(`Could not load row ${path}: ${error.message}`);
      return;
    }
    if (!stored) return;
    const columns = data.editColumns || [];
    let fields = [];
    const dialog = openDialog({
      title: `Edit row ${decodeURIComponentSafe(path)}`,
      submitLabel: "Save changes",
      className: "edit-row-dialog",
      fallbackFocus,
      async onSubmit(api) {
        const update = {};
        for (const field of fields) {
          const { include, value } = field.read();
          if (include) update[field.column.name] = value;
        }
        if (!Object.keys(update).length) { api.close(); return; }
        const body = await postJson(`${tableUrl}/${path}/-/update`, { update, return: true }).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
        if (!body) return;
        const fresh = await refreshRow(path);
        api.returnFocusTo(fresh?.querySelector("[data-row-action=edit]") || null);
        api.close();
        announce(`Saved row ${decodeURIComponentSafe(path)}`);
      },
    });
    fields = columns.map((column) => columnField(column, { mode: "edit", initial: stored[column.name], foreignKeyUrl: foreignKeys[column.name] }));
    for (const field of fields) dialog.body.append(field.node);
    // The async fetch above lost the click's focus context: return to the button that asked.
    dialog.returnFocusTo(opener);
    showDialog(dialog);
  }

  function openDelete(path, opener) {
    const label = decodeURIComponentSafe(path);
    const dialog = openDialog({
      title: `Delete row ${label}?`,
      submitLabel: "Delete row",
      className: "delete-row-dialog",
      fallbackFocus,
      async onSubmit(api) {
        const body = await postJson(`${tableUrl}/${path}/-/delete`).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
        if (!body) return;
        const tr = rowElement(path);
        const neighbour = tr?.nextElementSibling || tr?.previousElementSibling;
        tr?.remove();
        api.returnFocusTo(neighbour?.querySelector("[data-row-action=delete], [data-row-action=edit], a") || null);
        api.close();
        announce(`Deleted row ${label}`);
      },
    });
    dialog.body.append(el("p", { text: `Row ${label} of ${data.table} will be deleted. This cannot be undone.` }));
    dialog.returnFocusTo(opener);
    showDialog(dialog);
  }

  return { openInsert, openEdit, openDelete };
}

// The row's key path as a person reads it: tilde-decoded, "+" as a space.
function decodeURIComponentSafe(path) {
  try {
    return decodeURIComponent(path.replace(/\+/g, " ").replace(/~([0-9A-Fa-f]{2})/g, "%$1"));
  } catch {
    return path;
  }
}
