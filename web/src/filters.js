// The table page's filter form: "+"/"−" buttons add and remove filter rows, operators that take no
// value (valued "op__1", e.g. isnull__1) hide the value box, and __in/__notin explain their format.
// Value suggestions come from the facet values shown on the page.

const isNoValueOp = (op) => /__\d+$/.test(op);
const isListOp = (op) => op === "in" || op === "notin";

function field(row, prefix) {
  return Array.from(row.querySelectorAll("select, input")).find((el) => el.name && el.name.startsWith(prefix));
}

function facetValues(column) {
  const box = document.querySelector(`.facet-info[data-column="${CSS.escape(column)}"]`);
  if (!box) return [];
  return Array.from(box.querySelectorAll("[data-facet-value]"), (el) => el.dataset.facetValue);
}

function syncRow(row, datalistFor) {
  const op = field(row, "_filter_op");
  const value = field(row, "_filter_value");
  const column = field(row, "_filter_column");
  if (!op || !value) return;
  const noValue = isNoValueOp(op.value);
  value.hidden = noValue;
  value.disabled = noValue;
  value.placeholder = isListOp(op.value) ? "a, b, c or a JSON array" : "";
  const list = column && column.value ? datalistFor(column.value) : null;
  if (list) value.setAttribute("list", list);
  else value.removeAttribute("list");
}

export function initFilters() {
  const form = document.querySelector("form.filters");
  if (!form) return;
  // Filter rows are the ones with a column select: the form's other rows (search, sort) share the class.
  const rows = () => Array.from(form.querySelectorAll(".filter-row")).filter((row) => field(row, "_filter_column"));
  if (!rows().length) return;

  const lists = new Map();
  const datalistFor = (column) => {
    if (lists.has(column)) return lists.get(column);
    const values = facetValues(column);
    let id = null;
    if (values.length) {
      id = `filter-suggestions-${lists.size}`;
      const datalist = document.createElement("datalist");
      datalist.id = id;
      for (const v of values) datalist.append(new Option(v));
      form.append(datalist);
    }
    lists.set(column, id);
    return id;
  };

  const nextSuffix = () => {
    let max = 0;
    for (const el of form.querySelectorAll("[name^='_filter_column_']")) {
      max = Math.max(max, Number(el.name.slice("_filter_column_".length)) || 0);
    }
    return "_" + (max + 1);
  };

  const addRemoveButton = (row) => {
    if (row.querySelector(".filter-remove")) return;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "filter-remove";
    remove.textContent = "−";
    remove.setAttribute("aria-label", "Remove this filter");
    remove.addEventListener("click", () => {
      if (rows().length > 1) {
        row.remove();
      } else {
        for (const el of row.querySelectorAll("select, input")) el.value = el.tagName === "SELECT" ? el.options[0]?.value ?? "" : "";
        syncRow(row, datalistFor);
      }
    });
    row.append(remove);
  };

  for (const row of rows()) {
    addRemoveButton(row);
    syncRow(row, datalistFor);
  }
  form.addEventListener("change", (ev) => {
    const row = ev.target.closest(".filter-row");
    if (row) syncRow(row, datalistFor);
  });

  const add = document.createElement("button");
  add.type = "button";
  add.className = "filter-add";
  add.textContent = "+";
  add.setAttribute("aria-label", "Add a filter");
  add.addEventListener("click", () => {
    const all = rows();
    const template = all[all.length - 1];
    const row = template.cloneNode(true);
    row.querySelector(".filter-remove")?.remove();
    const suffix = nextSuffix();
    for (const el of row.querySelectorAll("select, input")) {
      const base = el.name.replace(/_\d+$/, "");
      if (base.startsWith("_filter_")) el.name = base + suffix;
      if (el.id) el.id = el.id.replace(/(_\d+)?$/, suffix);
      if (el.tagName === "SELECT") el.selectedIndex = 0;
      else el.value = "";
    }
    for (const label of row.querySelectorAll("label[for]")) label.htmlFor = label.htmlFor.replace(/(_\d+)?$/, suffix);
    template.after(row);
    addRemoveButton(row);
    syncRow(row, datalistFor);
    field(row, "_filter_column")?.focus();
  });
  rows()[rows().length - 1].after(add);
}
