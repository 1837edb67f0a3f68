// genelint HTML report: filters, sorts and folds the findings the page already holds.
// It reads only data-* attributes and copies nodes; it never turns text into markup.
"use strict";
(function () {
  const table = document.getElementById("findings");
  if (!table) {
    return;
  }
  const groups = Array.from(table.tBodies);
  const filters = {
    severity: document.getElementById("filter-severity"),
    rule: document.getElementById("filter-rule"),
    file: document.getElementById("filter-file"),
  };
  const text = document.getElementById("filter-text");
  const shown = document.getElementById("shown");

  function applyFilters() {
    const wanted = text.value.trim().toLowerCase();
    let count = 0;
    for (const group of groups) {
      const visible = Object.entries(filters).every(([key, select]) => !select.value || group.dataset[key] === select.value)
        && (!wanted || group.dataset.message.toLowerCase().includes(wanted));
      group.hidden = !visible;
      count += visible ? 1 : 0;
    }
    shown.textContent = count + " of " + groups.length + " shown";
  }
  for (const select of Object.values(filters)) {
    select.addEventListener("change", applyFilters);
  }
  text.addEventListener("input", applyFilters);
  document.getElementById("filters").addEventListener("reset", (event) => {
    event.preventDefault();
    for (const select of Object.values(filters)) {
      select.value = "";
    }
    text.value = "";
    applyFilters();
  });
  document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());

  // The summary's rule codes and file names filter the table to them.
  for (const button of document.querySelectorAll("button[data-filter]")) {
    button.addEventListener("click", () => {
      for (const select of Object.values(filters)) {
        select.value = "";
      }
      filters[button.dataset.filter].value = button.dataset.value;
      applyFilters();
      table.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }

  const numeric = new Set(["rank", "line", "index"]);
  function compare(key, a, b) {
    if (numeric.has(key)) {
      return Number(a.dataset[key]) - Number(b.dataset[key]);
    }
    return a.dataset[key].localeCompare(b.dataset[key]);
  }
  function sortBy(key, header) {
    const descending = header.getAttribute("aria-sort") === "ascending";
    for (const other of table.tHead.rows[0].cells) {
      other.removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    const primary = key === "severity" ? "rank" : key;
    // Severity reads worst first; ties keep the report's order (file, line, column).
    const sign = (descending ? -1 : 1) * (key === "severity" ? -1 : 1);
    const rest = key === "line" ? ["file", "line", "column", "index"] : ["index"];
    groups.sort((a, b) => sign * compare(primary, a, b) || rest.reduce((found, k) => found || compare(k, a, b), 0));
    for (const group of groups) {
      table.appendChild(group);
    }
  }
  for (const button of table.querySelectorAll("button.sort")) {
    button.addEventListener("click", () => sortBy(button.dataset.sort, button.closest("th")));
  }

  // A finding's panels that show shared content copy it from its one place in the page.
  function fill(detail) {
    for (const slot of detail.querySelectorAll("[data-template]")) {
      const source = document.getElementById(slot.dataset.template);
      if (!source || slot.dataset.filled) {
        continue;
      }
      const nodes = source.content ? source.content : source;
      slot.replaceChildren(...Array.from(nodes.childNodes, (node) => node.cloneNode(true)));
      slot.dataset.filled = "yes";
    }
  }
  function setOpen(group, open) {
    const toggle = group.querySelector("button.toggle");
    const detail = group.querySelector("tr.detail");
    if (open) {
      fill(detail);
    }
    detail.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "▾" : "▸";
  }
  for (const group of groups) {
    const toggle = group.querySelector("button.toggle");
    toggle.addEventListener("click", () => setOpen(group, toggle.getAttribute("aria-expanded") !== "true"));
  }
  // Opening thousands of panels at once makes the browser crawl and helps nobody: "Open
  // shown" opens the first MAX_OPEN of the rows the filters show; filter further for the rest.
  const MAX_OPEN = 200;
  const expandAll = document.getElementById("expand-all");
  expandAll.addEventListener("click", () => {
    const open = expandAll.textContent === "Open shown";
    let opened = 0;
    for (const group of groups) {
      if (!open || (!group.hidden && opened < MAX_OPEN)) {
        setOpen(group, open);
        opened += 1;
      }
    }
    expandAll.textContent = open ? "Close all" : "Open shown";
    expandAll.title = open && opened === MAX_OPEN ? "the first " + MAX_OPEN + " shown are open; filter to open others" : "";
  });
  applyFilters();
})();
