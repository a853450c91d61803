// One labelled form field per column for the insert and edit dialogs, typed by the column: text,
// number (converted before sending), a "null" toggle for nullable columns, and a foreign-key
// autocomplete. read() says whether the field takes part in the request and with what value.
import { el, uniqueId } from "./dialog.js";
import { attachAutocomplete } from "./autocomplete.js";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// A number column's text as a JSON number when it reads as one; otherwise the text, for the API to judge.
export function typedValue(column, raw) {
  if (column.value_kind === "number" && NUMBER.test(raw.trim())) return Number(raw.trim());
  return raw;
}

function displayValue(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// mode: "insert" or "edit"; initial: the row's stored value (edit).
export function columnField(column, { mode, initial, foreignKeyUrl }) {
  const id = uniqueId("field");
  const hintId = id + "-hint";
  const isBinary = initial !== null && typeof initial === "object" && initial.$base64;
  const readOnly = mode === "edit" && (column.is_pk || isBinary);
  const hints = [];
  if (column.is_pk) hints.push(column.is_auto_pk && mode === "insert" ? "primary key, leave empty to number it automatically" : "primary key");
  if (column.sqlite_type) hints.push(column.sqlite_type);
  if (column.notnull) hints.push("required");
  if (column.has_default && mode === "insert") hints.push(`default ${column.default}`);
  if (isBinary) hints.push("binary, not editable here");
  const input = el("input", {
    id, type: "text", name: column.name, class: "edit-field-input",
    inputmode: column.value_kind === "number" ? "decimal" : undefined,
    readonly: readOnly, "aria-describedby": hintId,
  });
  const start = mode === "edit" ? (isBinary ? "<binary>" : displayValue(initial)) : "";
  input.value = start;
  const row = el("div", { class: "edit-field" },
    el("label", { for: id, class: "edit-field-label", text: column.name }),
    el("span", { class: "edit-field-hint", id: hintId, text: hints.join(", ") }));
  const control = el("span", { class: "edit-field-control" }, input);
  row.append(control);
  if (foreignKeyUrl && !readOnly) attachAutocomplete(input, foreignKeyUrl);

  let nullBox = null;
  const startsNull = mode === "edit" && initial === null;
  if (!column.notnull && !column.is_pk && !readOnly) {
    nullBox = el("input", { type: "checkbox", class: "edit-field-null" });
    nullBox.checked = startsNull;
    input.disabled = startsNull;
    nullBox.addEventListener("change", () => {
      input.disabled = nullBox.checked;
      if (!nullBox.checked) input.focus();
    });
    row.append(el("label", { class: "edit-field-null-label" }, nullBox, " null", el("span", { class: "visually-hidden", text: ` (${column.name})` })));
  }

  return {
    column,
    node: row,
    input,
    read() {
      if (readOnly) return { include: false };
      const isNull = nullBox?.checked ?? false;
      if (mode === "edit") {
        if (isNull) return { include: !startsNull, value: null };
        if (!startsNull && input.value === start) return { include: false };
        return { include: true, value: typedValue(column, input.value) };
      }
      if (isNull) return { include: true, value: null };
      // Empty: leave it to SQLite (its default, the next rowid, or null) unless it is text with no default.
      if (input.value === "" && (column.has_default || column.value_kind === "number" || column.is_pk || column.sqlite_type === "blob")) {
        return { include: false };
      }
      return { include: true, value: typedValue(column, input.value) };
    },
  };
}
