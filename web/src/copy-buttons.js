// Copy buttons: <button data-copy-from="field-id"> copies that field's value to the clipboard.
// Each button gets a polite status region beside it up front (a region added at the moment of
// the change is often not announced), which then says "Copied" or how to copy by hand.

export function initCopyButtons() {
  for (const button of document.querySelectorAll("button[data-copy-from]")) {
    const status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.after(status);
    button.addEventListener("click", () => copyFrom(button, status));
  }
}

async function copyFrom(button, status) {
  const field = document.getElementById(button.dataset.copyFrom);
  if (!field) return;
  // Emptied first, so a second copy is announced again.
  status.textContent = "";
  try {
    await writeText(field);
    status.textContent = "Copied";
  } catch {
    field.select?.();
    status.textContent = "Could not copy: the text is selected, copy it with the keyboard";
  }
}

async function writeText(field) {
  const text = "value" in field ? field.value : field.textContent;
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Without the Clipboard API (plain http on another host): the older selection-based copy.
  field.select?.();
  if (!document.execCommand("copy")) throw new Error("copy refused");
}
