import { publicUrl } from "../urls/public-url.ts";

// `/embed.js`: customers add `<script src="https://status.example.com/embed.js" async></script>`
// to their own site. It reads our summary (CORS is open) and, while an incident or a maintenance
// is open, shows a small dismissible notice linking to it; otherwise it adds nothing to the page.
// The URLs it uses are fixed here, from the public URL, never guessed from the script's own src.

export function buildEmbedScript(options: { publicBase: string }): string {
  const summaryUrl = publicUrl({ pagePublicUrl: options.publicBase, path: "/api/v2/summary.json" });
  const pageUrl = publicUrl({ pagePublicUrl: options.publicBase, path: "/" });
  // JSON.stringify gives a safe JS string literal; U+2028/2029 are escaped for older engines.
  const literal = (value: string) =>
    JSON.stringify(value)
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029");
  return `(function () {
  "use strict";
  var SUMMARY_URL = ${literal(summaryUrl)};
  var PAGE_URL = ${literal(pageUrl)};
  var ID = "upstate-status-notice";
  var OPEN_MAINTENANCE = { in_progress: true, verifying: true };
  var COLORS = { none: "#1f6feb", minor: "#9a6700", major: "#bc4c00", critical: "#cf222e", maintenance: "#1f6feb" };
  var dismissed = null;

  function pick(summary) {
    var incidents = summary.incidents || [];
    if (incidents.length) return { item: incidents[0], color: COLORS[incidents[0].impact] || COLORS.major };
    var maintenances = (summary.scheduled_maintenances || []).filter(function (m) { return OPEN_MAINTENANCE[m.status]; });
    if (maintenances.length) return { item: maintenances[0], color: COLORS.maintenance };
    return null;
  }

  function render(summary) {
    var existing = document.getElementById(ID);
    var open = pick(summary);
    if (!open || (dismissed && dismissed === open.item.id + open.item.updated_at)) {
      if (existing) existing.remove();
      return;
    }
    var box = existing || document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "status");
    box.style.cssText = "position:fixed;bottom:16px;right:16px;z-index:2147483647;max-width:320px;padding:12px 36px 12px 14px;" +
      "border-radius:8px;background:#fff;color:#1f2328;border-left:4px solid " + open.color + ";" +
      "box-shadow:0 4px 16px rgba(0,0,0,.18);font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif";
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = open.item.name;
    var line = document.createElement("div");
    line.textContent = (summary.page && summary.page.name ? summary.page.name + " status: " : "Status: ") +
      String(open.item.status).replace(/_/g, " ");
    var link = document.createElement("a");
    link.href = open.item.shortlink || PAGE_URL;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "View status";
    link.style.color = open.color;
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss status notice");
    close.textContent = "\\u00d7";
    close.style.cssText = "position:absolute;top:6px;right:8px;border:0;background:none;font-size:18px;cursor:pointer;color:inherit";
    close.onclick = function () { dismissed = open.item.id + open.item.updated_at; box.remove(); };
    box.appendChild(title);
    box.appendChild(line);
    box.appendChild(link);
    box.appendChild(close);
    if (!existing) document.body.appendChild(box);
  }

  function refresh() {
    fetch(SUMMARY_URL, { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (summary) { if (summary) render(summary); })
      .catch(function () {});
  }

  function start() { refresh(); setInterval(refresh, 60000); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
`;
}
