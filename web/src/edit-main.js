// datasette-gen-edit.js: the editing dialogs and the autocomplete widget, fetched by datasette-gen.js
// only on pages that offer editing (their page data says so) or host the autocomplete tester.
import { initEditTools } from "./edit-tools.js";
import { initAutocompleteTester } from "./autocomplete.js";

for (const step of [initEditTools, initAutocompleteTester]) {
  try {
    step();
  } catch (error) {
    console.error("datasette-gen:", error);
  }
}
