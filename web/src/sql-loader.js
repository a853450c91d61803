// CodeMirror is most of the JavaScript; it is fetched only by pages with an SQL editor. The page
// names its URL (with its content hash) in data-sql-editor-src on our <script>; failing that it
// sits beside this file.
// Only an editable textarea is enhanced: on a stored query's page #sql-editor is a <pre> or a hidden input.
export const editableSqlTextarea = () => {
  const el = document.getElementById("sql-editor");
  return el && el.tagName === "TEXTAREA" && !el.readOnly ? el : null;
};

export function loadSqlEditor(script) {
  if (!editableSqlTextarea()) return;
  let src = script?.dataset.sqlEditorSrc;
  if (!src && script?.src) src = new URL("datasette-gen-sql.js", script.src).href;
  if (!src) return;
  const el = document.createElement("script");
  el.src = src;
  el.async = true;
  document.head.append(el);
}

// The parameter inputs under the editor follow the :names in the SQL, asked of the server.
export function initSqlParameters() {
  const textarea = editableSqlTextarea();
  const box = document.querySelector(".sql-parameters");
  const url = textarea?.dataset.parametersUrl || box?.dataset.parametersUrl;
  if (!textarea || !box || !url) return;
  let timer = 0;
  let request = 0;
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++request;
      let data;
      try {
        const response = await fetch(`${url}?sql=${encodeURIComponent(textarea.value)}`, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        data = await response.json();
      } catch {
        return;
      }
      if (mine !== request || !Array.isArray(data.parameters)) return;
      const old = new Map(Array.from(box.querySelectorAll("input[name]"), (i) => [i.name, i.value]));
      box.replaceChildren();
      data.parameters.forEach((name) => {
        const p = document.createElement("p");
        const label = document.createElement("label");
        label.htmlFor = `qp-${name}`;
        label.textContent = name;
        const input = document.createElement("input");
        input.type = "text";
        input.id = `qp-${name}`;
        input.name = name;
        input.value = old.get(name) ?? "";
        p.append(label, " ", input);
        box.append(p);
      });
    }, 300);
  });
}
