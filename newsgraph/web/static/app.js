// newsgraph web UI: the quotation popup of the article page. Plain JavaScript, no build step.
// Every piece of article text is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const dataNode = document.getElementById("quote-data");
  const popup = document.getElementById("quote-popup");
  if (!dataNode || !popup) return;
  const quotes = JSON.parse(dataNode.textContent);
  let pinned = null;

  function add(parent, tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function fill(mark) {
    popup.replaceChildren();
    const ids = (mark.dataset.quotes || "").split(" ").filter(Boolean);
    ids.forEach(function (id, i) {
      const q = quotes[id];
      if (!q) return;
      if (i > 0) add(popup, "hr");
      const who = add(popup, "span", null, "speaker");
      add(who, "span", null, "swatch spk-" + q.colour);
      if (q.url) {
        const link = add(who, "a", q.speaker);
        link.href = q.url;
      } else {
        add(who, "span", q.speaker);
      }
      const facts = add(popup, "dl");
      const sure = q.speaker_confidence === null || q.speaker_confidence === undefined
        ? "not given" : Number(q.speaker_confidence).toFixed(2);
      [["how", q.how], ["speaker confidence", sure], ["reports", q.mode],
       ["cue", q.cue || "none"], ["kind", q.kind],
       ["confidence", Math.round((q.confidence || 0) * 100) + "%"]].forEach(function (pair) {
        add(facts, "dt", pair[0]);
        add(facts, "dd", pair[1], "fact-" + pair[0].replace(/ /g, "-"));
      });
      const row = add(popup, "a", "details below");
      row.href = "#q-" + encodeURIComponent(id);
    });
    const box = mark.getBoundingClientRect();
    popup.style.left = Math.max(8, window.scrollX + box.left) + "px";
    popup.style.top = (window.scrollY + box.bottom + 6) + "px";
    popup.hidden = false;
  }

  function hide() {
    if (pinned) pinned.classList.remove("active");
    pinned = null;
    popup.hidden = true;
  }

  document.querySelectorAll("mark.quote").forEach(function (mark) {
    mark.addEventListener("mouseenter", function () { if (!pinned) fill(mark); });
    mark.addEventListener("mouseleave", function () { if (!pinned) popup.hidden = true; });
    mark.addEventListener("click", function (event) {
      event.stopPropagation();
      if (pinned) pinned.classList.remove("active");
      pinned = mark;
      mark.classList.add("active");
      fill(mark);
    });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); mark.click(); }
      if (event.key === "Escape") hide();
    });
  });
  popup.addEventListener("click", function (event) { event.stopPropagation(); });
  document.addEventListener("click", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
