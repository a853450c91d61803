// Keyboard-operable menus with ARIA roles (Datasette #1964): <details class="details-menu"> drop-downs
// and the column action pop-up share the arrow-key and Escape handling below.

const itemSelector = "a[href], button:not([disabled])";

// role=menu on the list, menuitem on each link/button, none on the <li> between them.
export function markMenu(list, label) {
  list.setAttribute("role", "menu");
  if (label) list.setAttribute("aria-label", label);
  for (const li of list.querySelectorAll(":scope > li")) li.setAttribute("role", "none");
  for (const item of menuItems(list)) item.setAttribute("role", "menuitem");
}

export function menuItems(container) {
  return Array.from(container.querySelectorAll(itemSelector)).filter((el) => !el.closest("[hidden]"));
}

// Up/Down/Home/End move focus among the items; returns true when the key was handled.
export function moveFocus(container, key) {
  const items = menuItems(container);
  if (!items.length) return false;
  const index = items.indexOf(document.activeElement);
  let next;
  if (key === "ArrowDown") next = index < 0 ? 0 : (index + 1) % items.length;
  else if (key === "ArrowUp") next = index <= 0 ? items.length - 1 : index - 1;
  else if (key === "Home") next = 0;
  else if (key === "End") next = items.length - 1;
  else return false;
  items[next].focus();
  return true;
}

function menuBody(details) {
  return details.querySelector(":scope > :not(summary)");
}

function closeDetails(details, returnFocus) {
  if (!details.open) return;
  details.open = false;
  if (returnFocus) details.querySelector(":scope > summary")?.focus();
}

export function initDetailsMenus(root = document) {
  const menus = Array.from(root.querySelectorAll("details.details-menu"));
  for (const details of menus) {
    const summary = details.querySelector(":scope > summary");
    if (!summary) continue;
    summary.setAttribute("aria-haspopup", "menu");
    summary.setAttribute("aria-expanded", String(details.open));
    // Markup that already declares its menu keeps it; otherwise the lists of links become menus.
    const declared = details.querySelector("[role=menu]");
    if (declared) {
      // A list between the menu and its items would own them instead: make it presentational.
      for (const list of declared.querySelectorAll("ul, ol")) if (!list.getAttribute("role")) list.setAttribute("role", "none");
      for (const li of declared.querySelectorAll("li")) if (!li.getAttribute("role")) li.setAttribute("role", "none");
      for (const item of menuItems(declared)) if (!item.getAttribute("role")) item.setAttribute("role", "menuitem");
    } else {
      for (const list of details.querySelectorAll("ul")) {
        if (menuItems(list).length) markMenu(list, summary.textContent.trim() || null);
      }
    }
    details.addEventListener("toggle", () => {
      summary.setAttribute("aria-expanded", String(details.open));
      if (details.open) {
        // Opening one menu closes the others; focus goes to its first item for keyboard users.
        for (const other of menus) if (other !== details) closeDetails(other, false);
        const body = menuBody(details);
        if (body && details.matches(":focus-within")) menuItems(body)[0]?.focus();
      }
    });
    summary.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && !details.open) {
        ev.preventDefault();
        details.open = true;
        // toggle fires asynchronously; focus the first item now
        const body = menuBody(details);
        if (body) menuItems(body)[0]?.focus();
      }
    });
    details.addEventListener("keydown", (ev) => {
      if (!details.open) return;
      if (ev.key === "Escape") {
        ev.preventDefault();
        closeDetails(details, true);
        return;
      }
      const body = menuBody(details);
      if (body && body.contains(ev.target) && moveFocus(body, ev.key)) ev.preventDefault();
    });
  }
  document.addEventListener("click", (ev) => {
    for (const details of menus) if (details.open && !details.contains(ev.target)) closeDetails(details, false);
  });
  // Tabbing out of a menu closes it too.
  document.addEventListener("focusin", (ev) => {
    for (const details of menus) if (details.open && !details.contains(ev.target)) closeDetails(details, false);
  });
}
