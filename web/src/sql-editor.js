// datasette-gen-sql.js: CodeMirror 6 over <textarea id="sql-editor">, loaded only by pages that have
// one. The textarea stays in the form (hidden) and is kept in step with the editor, so the form
// submits exactly as without JavaScript.
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { minimalSetup } from "codemirror";
import { sql, SQLite } from "@codemirror/lang-sql";
import { autocompletion } from "@codemirror/autocomplete";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

// Colours that read in light and dark (the editor declares color-scheme: light dark).
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "light-dark(#7a1fa2, #d7a6f5)" },
  { tag: [tags.string, tags.special(tags.string)], color: "light-dark(#0b6b3a, #8fd9a8)" },
  { tag: [tags.number, tags.bool, tags.null], color: "light-dark(#9a4a00, #f2b880)" },
  { tag: tags.comment, color: "light-dark(#5c6370, #a0a8b7)", fontStyle: "italic" },
  { tag: [tags.typeName, tags.standard(tags.name)], color: "light-dark(#0b5394, #8ec5ff)" },
  { tag: [tags.operator, tags.punctuation], color: "inherit" },
  { tag: tags.special(tags.name), color: "light-dark(#a0005a, #ff9ccd)" },
]);

const theme = EditorView.theme({
  "&": { colorScheme: "light dark", border: "1px solid var(--border-color, #999)", borderRadius: "3px", backgroundColor: "Canvas", color: "CanvasText", fontSize: "0.9rem" },
  "&.cm-focused": { outline: "2px solid var(--focus-color, #2563eb)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", minHeight: "4.5em", caretColor: "CanvasText" },
  ".cm-scroller": { overflow: "auto", maxHeight: "60vh" },
  ".cm-tooltip": { backgroundColor: "Canvas", color: "CanvasText" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "Highlight", color: "HighlightText" },
});

// Table → columns for completion: "tableColumns" of #datasette-page-data, else #sql-editor-schema.
function readSchema() {
  for (const id of ["datasette-page-data", "sql-editor-schema"]) {
    const el = document.getElementById(id);
    if (!el) continue;
    try {
      const parsed = JSON.parse(el.textContent);
      const schema = id === "datasette-page-data" ? parsed?.tableColumns : parsed;
      if (schema && typeof schema === "object") return schema;
    } catch {
      // a malformed block only costs completion
    }
  }
  return {};
}

function submit(form) {
  return () => {
    if (!form) return false;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
    return true;
  };
}

export function enhance(textarea) {
  if (textarea.dataset.enhanced) return;
  textarea.dataset.enhanced = "1";
  const form = textarea.form;
  const run = submit(form);
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        keymap.of([
          { key: "Shift-Enter", run },
          { key: "Mod-Enter", run },
        ]),
        minimalSetup,
        sql({ dialect: SQLite, schema: readSchema(), upperCaseKeywords: false }),
        autocompletion(),
        syntaxHighlighting(highlight),
        theme,
        EditorView.lineWrapping,
        placeholder("select …"),
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "SQL query", "aria-multiline": "true" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
        }),
      ],
    }),
  });
  textarea.after(view.dom);
  textarea.hidden = true;
  // A <label for="sql-editor"> should focus the editor that replaced the textarea.
  for (const label of document.querySelectorAll('label[for="sql-editor"]')) {
    label.addEventListener("click", (ev) => { ev.preventDefault(); view.focus(); });
  }
  textarea.editorView = view;
  return view;
}

const textarea = document.getElementById("sql-editor");
if (textarea && textarea.tagName === "TEXTAREA" && !textarea.readOnly) enhance(textarea);
