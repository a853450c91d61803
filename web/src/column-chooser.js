// <column-chooser>: a dialog of checkboxes, one per column; applying it navigates to the page with
// _col for each chosen column (or none when all are chosen). Data: window._columnChooserData.
import { chooseColumnsUrl } from "./url.js";

export const canChooseColumns = () => !!(window._columnChooserData && document.querySelector("column-chooser"));

export function openColumnChooser() {
  document.querySelector("column-chooser")?.open();
}

class ColumnChooser extends HTMLElement {
  open() {
    const data = window._columnChooserData;
    if (!data) return;
    const all = data.allColumns || [];
    const pks = data.primaryKeys || [];
    const selected = new Set(data.selectedColumns || all);
    const dialog = document.createElement("dialog");
    dialog.className = "column-chooser-dialog";
    dialog.setAttribute("aria-labelledby", "column-chooser-title");
    const form = document.createElement("form");
    form.method = "dialog";
    const title = document.createElement("h2");
    title.id = "column-chooser-title";
    title.textContent = "Choose columns";
    const apply = document.createElement("button");
    apply.type = "submit";
    apply.value = "apply";
    apply.textContent = "Apply";
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.className = "visually-hidden";
    legend.textContent = "Visible columns";
    fieldset.append(legend);
    const boxes = [];
    for (const column of all) {
      if (pks.includes(column)) continue;
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = column;
      box.checked = selected.has(column);
      boxes.push(box);
      label.append(box, " ", column);
      fieldset.append(label);
    }
    const toggles = document.createElement("p");
    const setAll = (checked) => {
      for (const b of boxes) b.checked = checked;
      apply.disabled = !checked;
    };
    const selectAll = button("Select all", () => setAll(true));
    const selectNone = button("Select none", () => setAll(false));
    toggles.append(selectAll, " ", selectNone);
    const actions = document.createElement("p");
    const cancel = button("Cancel", () => dialog.close());
    actions.append(apply, " ", cancel);
    // At least one column must stay visible.
    fieldset.addEventListener("change", () => { apply.disabled = !boxes.some((b) => b.checked); });
    form.append(title, toggles, fieldset, actions);
    dialog.append(form);
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "apply") {
        const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
        location.href = chooseColumnsUrl(chosen, all, pks);
      }
      dialog.remove();
    });
    this.append(dialog);
    dialog.showModal();
  }
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

export function initColumnChooser() {
  if (!customElements.get("column-chooser")) customElements.define("column-chooser", ColumnChooser);
  // Pages that give the chooser's data but no element of their own get one, with its button
  // above the rows table.
  const wrapper = document.querySelector(".table-wrapper");
  if (window._columnChooserData && wrapper && !document.querySelector("column-chooser")) {
    const chooser = document.createElement("column-chooser");
    const p = document.createElement("p");
    p.className = "column-chooser-open";
    p.append(button("Choose columns", () => openColumnChooser()));
    wrapper.before(p, chooser);
  }
  for (const opener of document.querySelectorAll("[data-column-chooser-open]")) {
    opener.addEventListener("click", (ev) => { ev.preventDefault(); openColumnChooser(); });
  }
}
