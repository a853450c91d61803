// The alter-table dialog (rename, retype and drop columns, add new ones, and each column's not
// null, default, primary key and foreign key; posts /-/alter) and the
// create-table dialog of the database page (posts /{db}/-/create). The schema changes the page
// itself, so both go to the table's page once the server agrees.
import { el, openDialog, showDialog, uniqueId } from "./dialog.js";
import { postJson } from "./write-api.js";

function typeSelect(types, selected, label) {
  const select = el("select", { "aria-label": label, class: "schema-type" });
  for (const type of types) {
    const option = el("option", { value: type, text: type });
    if (type === selected) option.selected = true;
    select.append(option);
  }
  return select;
}

// A row of the "new columns" list: name and type inputs, and a button that removes the row;
// `extra` (the alter dialog's column settings) goes between the type and the button.
function newColumnRow(types, list, index, onRemove, extra = []) {
  const nameId = uniqueId("new-column-name");
  const name = el("input", { id: nameId, type: "text", class: "schema-name", autocomplete: "off" });
  const type = typeSelect(types, "text", `Type of new column ${index}`);
  const li = el("li", { class: "schema-column schema-column-new" });
  const remove = el("button", { type: "button", class: "schema-remove", text: "Remove", "aria-label": `Remove new column ${index}` });
  remove.addEventListener("click", () => {
    li.remove();
    onRemove();
  });
  li.append(el("label", { for: nameId, text: `New column ${index} name` }), name, type, ...extra, remove);
  list.append(li);
  name.focus();
  return { li, name, type };
}

// SQLite's text of a column default as the value the form shows: a quoted string unquoted, a
// number as written, NULL as empty. Anything else is an expression, shown as written.
export function defaultText(sqlText) {
  if (sqlText === null || sqlText === undefined || /^null$/i.test(sqlText)) return "";
  const quoted = /^'((?:[^']|'')*)'$/.exec(sqlText);
  return quoted ? quoted[1].replace(/''/g, "'") : sqlText;
}

// The default to send for a column of the write API's type: a number for number columns when it reads as one.
function defaultValue(type, text) {
  if ((type === "integer" || type === "float") && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return Number(text.trim());
  return text;
}

const fkKey = (fk) => (fk ? `${fk.fk_table}.${fk.fk_column}` : "");

function foreignKeySelect(targets, current, label) {
  const select = el("select", { "aria-label": label, class: "schema-fk" });
  select.append(el("option", { value: "", text: "no foreign key" }));
  const options = targets.slice();
  if (current && !options.some((t) => fkKey(t) === fkKey(current))) options.unshift(current);
  for (const target of options) {
    const option = el("option", { value: fkKey(target), text: `→ ${target.fk_table}.${target.fk_column}` });
    if (fkKey(target) === fkKey(current)) option.selected = true;
    select.append(option);
  }
  return select;
}

// A column's not null, primary key, default and foreign key controls, labelled with `subject`
// (the column's name, or "new column N") for screen readers; `column` gives their starting values.
function columnSettings(targets, column, subject) {
  const notNull = el("input", { type: "checkbox", class: "schema-notnull" });
  notNull.checked = !!column.notnull;
  const pk = el("input", { type: "checkbox", class: "schema-pk-box" });
  pk.checked = !!column.is_pk;
  const defaultId = uniqueId("default");
  const defaultInput = el("input", { id: defaultId, type: "text", class: "schema-default", autocomplete: "off" });
  defaultInput.value = defaultText(column.default);
  const fk = foreignKeySelect(targets, column.fk, `Foreign key of ${subject}`);
  const hidden = (text) => el("span", { class: "visually-hidden", text: ` ${text}` });
  const elements = [
    el("label", { class: "schema-notnull-label" }, notNull, " not null", hidden(subject)),
    el("label", { class: "schema-pk-label" }, pk, " primary key", hidden(subject)),
    el("label", { for: defaultId, class: "schema-default-label", text: "default" }, hidden(`of ${subject}`)), defaultInput,
    fk,
  ];
  return { notNull, pk, defaultInput, fk, elements };
}

// The alter operations for the dialog's state: drops, one alter_column per column whose type, not
// null or default changed, new columns with their settings, then the primary key and foreign keys
// as a whole, then renames. The column operations name a column as it was; the primary key and the
// foreign keys describe the table as it will be (the server's rebuild reads them after the renames),
// so they name each column by its new name.
function alterOperations(existing, added, targets, api) {
  const operations = [];
  const kept = existing.filter((c) => !c.drop.checked);
  for (const column of existing) {
    if (column.drop.checked) { operations.push({ op: "drop_column", args: { name: column.name } }); continue; }
    const args = { name: column.name };
    if (column.type.value !== column.originalType) args.type = column.type.value;
    if (column.notNull.checked !== column.originalNotNull) args.not_null = column.notNull.checked;
    const text = column.defaultInput.value;
    if (text !== column.originalDefault) args.default = text === "" ? null : defaultValue(column.type.value, text);
    if (Object.keys(args).length > 1) operations.push({ op: "alter_column", args });
  }
  const fresh = [];
  for (const column of added) {
    if (!column.li.isConnected) continue;
    const name = column.name.value.trim();
    if (!name) { api.showErrors(["Every new column needs a name."]); column.name.focus(); return null; }
    const args = { name, type: column.type.value };
    const text = column.defaultInput.value;
    if (text !== "") args.default = defaultValue(column.type.value, text);
    if (column.notNull.checked) {
      if (text === "") { api.showErrors([`New column ${name} is not null: give it a default for the rows already there.`]); column.defaultInput.focus(); return null; }
      args.not_null = true;
    }
    operations.push({ op: "add_column", args });
    fresh.push({ ...column, finalName: name });
  }
  const finalName = (c) => c.rename.value.trim() || c.name;
  const columns = [...kept.map((c) => ({ ...c, finalName: finalName(c) })), ...fresh];
  const pkChanged = kept.some((c) => c.pk.checked !== c.originalPk) || fresh.some((c) => c.pk.checked);
  if (pkChanged) {
    const pks = columns.filter((c) => c.pk.checked).map((c) => c.finalName);
    if (!pks.length) { api.showErrors(["A table needs at least one primary key column."]); return null; }
    operations.push({ op: "set_primary_key", args: { columns: pks } });
  }
  if (kept.some((c) => c.fk.value !== c.originalFk) || fresh.some((c) => c.fk.value)) {
    const foreignKeys = columns.filter((c) => c.fk.value).map((c) => {
      const target = targets.find((t) => fkKey(t) === c.fk.value) || c.originalFkTarget;
      return { column: c.finalName, fk_table: target.fk_table, fk_column: target.fk_column };
    });
    operations.push({ op: "set_foreign_keys", args: { foreign_keys: foreignKeys } });
  }
  for (const column of kept) {
    const to = finalName(column);
    if (to !== column.name) operations.push({ op: "rename_column", args: { name: column.name, to } });
  }
  return operations;
}

export function openAlterTable(alter) {
  const existing = [];
  const added = [];
  const targets = alter.foreignKeyTargets || [];
  const dialog = openDialog({
    title: `Alter table ${alter.tableName}`,
    submitLabel: "Apply changes",
    className: "alter-table-dialog",
    async onSubmit(api) {
      const operations = alterOperations(existing, added, targets, api);
      if (!operations) return;
      if (!operations.length) { api.showErrors(["Nothing to change: change, drop or add a column first."]); return; }
      const body = await postJson(alter.path, { operations }).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
      if (!body) return;
      // The columns changed: the page's headers, filters and data follow the new schema. A reload,
      // not a navigation to the same URL, which the page's Cache-Control max-age would answer unchanged.
      const path = body.table_url ? new URL(body.table_url).pathname : location.pathname;
      if (path === location.pathname) location.reload();
      else location.assign(path);
    },
  });

  const list = el("ul", { class: "schema-columns" });
  for (const column of alter.columns) {
    const renameId = uniqueId("rename");
    const rename = el("input", { id: renameId, type: "text", class: "schema-name", autocomplete: "off" });
    rename.value = column.name;
    const type = typeSelect(alter.columnTypes, column.type, `Type of ${column.name}`);
    const drop = el("input", { type: "checkbox", class: "schema-drop" });
    const settings = columnSettings(targets, column, column.name);
    const li = el("li", { class: "schema-column" },
      el("label", { for: renameId, text: `Column ${column.name}${column.is_pk ? " (primary key)" : ""}` }), rename, type,
      el("label", { class: "schema-drop-label" }, drop, " drop", el("span", { class: "visually-hidden", text: ` ${column.name}` })),
      ...settings.elements);
    if (column.is_pk) drop.disabled = true;
    drop.addEventListener("change", () => {
      for (const control of [rename, type, settings.notNull, settings.pk, settings.defaultInput, settings.fk]) control.disabled = drop.checked;
      li.classList.toggle("schema-column-dropped", drop.checked);
    });
    existing.push({
      name: column.name, originalType: column.type, originalNotNull: !!column.notnull, originalPk: !!column.is_pk,
      originalDefault: settings.defaultInput.value, originalFk: fkKey(column.fk), originalFkTarget: column.fk,
      rename, type, drop, ...settings,
    });
    list.append(li);
  }
  const newList = el("ul", { class: "schema-columns schema-new-columns" });
  let count = 0;
  const addButton = el("button", { type: "button", class: "schema-add", text: "Add a column" });
  addButton.addEventListener("click", () => {
    count += 1;
    const settings = columnSettings(targets, {}, `new column ${count}`);
    added.push({ ...newColumnRow(alter.columnTypes, newList, count, () => addButton.focus(), settings.elements), ...settings });
  });
  dialog.body.append(el("h3", { text: "Columns" }), list, el("h3", { text: "New columns" }), newList, el("p", {}, addButton));
  showDialog(dialog);
}

export function openCreateTable(create) {
  const columns = [];
  const dialog = openDialog({
    title: `Create a table in ${create.databaseName}`,
    submitLabel: "Create table",
    className: "create-table-dialog",
    async onSubmit(api) {
      const table = tableName.value.trim();
      const errors = [];
      if (!table) errors.push("Table name is required");
      const defined = columns.filter((c) => c.li.isConnected).map((c) => ({ name: c.name.value.trim(), type: c.type.value }));
      if (defined.some((c) => !c.name)) errors.push("Every column needs a name.");
      if (!defined.length) errors.push("Add at least one column.");
      if (errors.length) { api.showErrors(errors); return; }
      const payload = { table, columns: defined };
      if (pk.value) payload.pk = pk.value;
      const body = await postJson(create.path, payload).catch((error) => { api.showErrors(error.errors || [error.message]); return null; });
      if (!body) return;
      location.assign(body.table_url ? new URL(body.table_url).pathname : location.href);
    },
  });
  const nameId = uniqueId("create-table-name");
  const tableName = el("input", { id: nameId, type: "text", class: "schema-name", autocomplete: "off", required: true });
  const pkId = uniqueId("create-table-pk");
  const pk = el("select", { id: pkId, class: "schema-pk" });
  const list = el("ul", { class: "schema-columns schema-new-columns" });

  function refreshPkOptions() {
    const current = pk.value;
    pk.replaceChildren(el("option", { value: "", text: "none (SQLite's rowid)" }));
    for (const column of columns) {
      const name = column.li.isConnected ? column.name.value.trim() : "";
      if (name) pk.append(el("option", { value: name, text: name }));
    }
    pk.value = Array.from(pk.options).some((o) => o.value === current) ? current : "";
  }

  let count = 0;
  const addButton = el("button", { type: "button", class: "schema-add", text: "Add a column" });
  addButton.addEventListener("click", () => {
    count += 1;
    const column = newColumnRow(create.columnTypes, list, count, () => { refreshPkOptions(); addButton.focus(); });
    column.name.addEventListener("input", refreshPkOptions);
    columns.push(column);
  });
  dialog.body.append(
    el("div", { class: "edit-field" }, el("label", { for: nameId, class: "edit-field-label", text: "Table name" }), tableName),
    el("h3", { text: "Columns" }), list, el("p", {}, addButton),
    el("div", { class: "edit-field" }, el("label", { for: pkId, class: "edit-field-label", text: "Primary key" }), pk));
  refreshPkOptions();
  showDialog(dialog);
}
