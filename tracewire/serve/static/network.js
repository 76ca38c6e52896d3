// The network page: draws /api/graph with cytoscape.js; a click on an edge lists its evidence.
// Everything from articles is put into the page as text (textContent), never as HTML.
"use strict";

(function () {
  const box = document.getElementById("cy");
  const panel = document.getElementById("evidence");
  if (!box || !panel) return;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function link(href, text) {
    const a = el("a", text);
    a.href = href;
    return a;
  }

  function showEvidence(edge, names) {
    panel.replaceChildren(el("p", "Loading…", "muted"));
    const url = "/api/graph/evidence?a=" + encodeURIComponent(edge.source) + "&b=" + encodeURIComponent(edge.target);
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      const head = el("h2");
      head.append(link("/entities/" + edge.source, names[edge.source]), " — ", link("/entities/" + edge.target, names[edge.target]));
      const list = el("ul", null, "facts");
      list.id = "edge-statements";
      data.statements.forEach(function (s) {
        const item = el("li");
        item.append(el("b", s.type), " ");
        if (s.label) item.append(el("span", s.label, "hedge"), " ");
        item.append(el("span", s.date || "undated", "muted"));
        item.append(el("blockquote", s.evidence, "evidence"));
        const doc = el("span", "— ", "muted");
        doc.append(link("/documents/" + encodeURIComponent(s.doc_id), s.doc_title || s.doc_id.slice(0, 19)));
        item.append(doc);
        list.append(item);
      });
      panel.replaceChildren(head, list);
    }).catch(function () {
      panel.replaceChildren(el("p", "The evidence could not be loaded.", "muted"));
    });
  }

  const colours = { PERSON: "#e9a23b", ORG: "#3d7cc9" };
  fetch(box.dataset.graph).then(function (r) { return r.json(); }).then(function (graph) {
    const names = {};
    const elements = [];
    graph.nodes.forEach(function (n) {
      names[n.id] = n.name;
      elements.push({ data: { id: String(n.id), label: n.name, type: n.type, degree: n.degree } });
    });
    graph.edges.forEach(function (e) {
      elements.push({ data: { id: e.id, source: String(e.source), target: String(e.target), label: e.type,
        kind: e.kind, weight: e.weight, hedged: e.hedged } });
    });
    const cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 9, "text-valign": "bottom",
          "background-color": function (n) { return colours[n.data("type")] || "#888"; },
          width: function (n) { return 10 + 3 * Math.min(n.data("degree"), 12); },
          height: function (n) { return 10 + 3 * Math.min(n.data("degree"), 12); } } },
        { selector: "edge", style: { width: function (e) { return 1 + Math.min(e.data("weight"), 6); },
          "line-color": "#9aa7b5", "curve-style": "bezier", "target-arrow-shape": "triangle",
          "target-arrow-color": "#9aa7b5" } },
        { selector: "edge[kind = 'event']", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
        { selector: "edge[hedged > 0]", style: { "line-color": "#c49a00" } },
        { selector: ":selected", style: { "line-color": "#d62828", "background-color": "#d62828" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 80 },
    });
    cy.on("tap", "edge", function (evt) {
      showEvidence({ source: evt.target.data("source"), target: evt.target.data("target") }, names);
    });
    cy.on("tap", "node", function (evt) {
      panel.replaceChildren(link("/entities/" + evt.target.id(), names[evt.target.id()]));
    });
    window.tracewireGraph = cy;  // for the browser tests and for users' own scripting in the console
    box.dataset.ready = "true";
  });
})();
