// The SPARQL form answers on the page: a table for SELECT/ASK, the text for CONSTRUCT/DESCRIBE.
(function () {
  const form = document.getElementById("sparql-form");
  const out = document.getElementById("sparql-result");
  if (!form || !out) return;
  function cell(text, tag) { const el = document.createElement(tag || "td"); el.textContent = text; return el; }
  form.addEventListener("submit", async function (event) {
    const format = form.elements["format"].value;
    if (format !== "table") return;  // CSV, TSV, XML and JSON open as files, as before
    event.preventDefault();
    out.textContent = "查询中…";
    const url = "/sparql?query=" + encodeURIComponent(form.elements["query"].value);
    let answer;
    try {
      answer = await fetch(url, { headers: { Accept: "application/sparql-results+json, text/turtle;q=0.5" } });
    } catch (err) { out.textContent = "无法连接服务器：" + err; return; }
    const type = answer.headers.get("content-type") || "";
    out.textContent = "";
    if (!answer.ok) {
      let detail = answer.statusText;
      try { const body = await answer.json(); detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail); } catch (e) { /* not JSON */ }
      const p = cell("查询出错（" + answer.status + "）：" + detail, "p"); p.className = "error"; out.appendChild(p); return;
    }
    if (!type.includes("json")) { const pre = cell(await answer.text(), "pre"); out.appendChild(pre); return; }
    const body = await answer.json();
    if (typeof body.boolean === "boolean") { out.appendChild(cell("结果：" + (body.boolean ? "是（true）" : "否（false）"), "p")); return; }
    const vars = body.head.vars, rows = body.results.bindings;
    out.appendChild(cell(rows.length + " 行", "p"));
    const table = document.createElement("table"); table.id = "sparql-table";
    const head = document.createElement("tr"); vars.forEach(v => head.appendChild(cell(v, "th")));
    const thead = document.createElement("thead"); thead.appendChild(head); table.appendChild(thead);
    const tbody = document.createElement("tbody");
    rows.forEach(row => { const tr = document.createElement("tr"); vars.forEach(v => tr.appendChild(cell(row[v] ? row[v].value : ""))); tbody.appendChild(tr); });
    table.appendChild(tbody); out.appendChild(table);
  });
})();
