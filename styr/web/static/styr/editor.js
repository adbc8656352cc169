// A small toolbar for chapter texts: it writes the stored format (### headings, - and 1. lists,
// | tables |) into the text, so what an official types and what a plan file holds stay one
// format. Progressive: without scripts the text is edited as it is. The words it shows come
// from the textarea, in the user's language: data-toolbar (the toolbar's name) and
// data-toolbar-heading, -bullets, -numbers, -table and -cell (the table's placeholder text).
(function () {
  "use strict";

  function lines(area) {
    // The whole lines the selection touches.
    const text = area.value;
    const start = text.lastIndexOf("\n", area.selectionStart - 1) + 1;
    let end = text.indexOf("\n", area.selectionEnd);
    if (end === -1 || area.selectionEnd === area.selectionStart && end < area.selectionStart) {
      end = end === -1 ? text.length : end;
    }
    return { start: start, end: end, text: text.slice(start, end) };
  }

  function replaceLines(area, change) {
    const span = lines(area);
    const changed = change(span.text.split("\n")).join("\n");
    area.setRangeText(changed, span.start, span.end, "select");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  const plain = (line) => line.replace(/^\s*(#{1,6}\s+|[-•*]\s+|\d{1,3}[.)]\s+)/, "");

  const actions = {
    heading: (area) => replaceLines(area, (ls) => ls.map((l) => "### " + plain(l))),
    bullets: (area) => replaceLines(area, (ls) => ls.map((l) => "- " + plain(l))),
    numbers: (area) => replaceLines(area, (ls) => ls.map((l, i) => (i + 1) + ". " + plain(l))),
    table: (area) => {
      const head = area.dataset.toolbarHeading;
      const cell = area.dataset.toolbarCell;
      const table = `\n| ${head} | ${head} |\n| --- | --- |\n| ${cell} | ${cell} |\n`;
      area.setRangeText(table, area.selectionEnd, area.selectionEnd, "select");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      area.focus();
    },
  };
  // Each button's action, and the data attribute of the textarea that holds its label.
  const buttons = [
    ["heading", "toolbarHeading"], ["bullets", "toolbarBullets"], ["numbers", "toolbarNumbers"],
    ["table", "toolbarTable"],
  ];

  function attach(area) {
    if (area.dataset.toolbarReady) return;
    area.dataset.toolbarReady = "1";
    const bar = document.createElement("div");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", area.dataset.toolbar);
    bar.setAttribute("aria-controls", area.id);
    bar.className = "toolbar";
    for (const [name, key] of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = area.dataset[key];
      button.addEventListener("click", () => actions[name](area));
      bar.appendChild(button);
    }
    area.parentNode.insertBefore(bar, area);
  }

  function scan(root) {
    root.querySelectorAll("textarea[data-toolbar]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => scan(document));
  document.addEventListener("htmx:afterSwap", (event) => scan(event.target));
})();
