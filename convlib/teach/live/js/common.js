// Shared by every live widget. The Python side puts this file in front of the widget's own
// file to make the widget's ES module (its `_esm`), which must import nothing: it runs from
// a Blob URL in a static page. This file defines helpers only; it exports nothing.

// An element: h("div", {class: "x", "aria-label": "y"}, child, "text", ...).
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

let uniqueCounter = 0;
function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

// A labelled slider for an int setting, with its value shown beside it.
// Returns {node, input, set(value)}; onInput(value) is called on every move.
function slider(label, min, max, value, onInput, hint) {
  const id = uniqueId("convlib-slider");
  const input = h("input", {type: "range", id, min, max, step: 1, value,
                            "data-setting": label, "aria-describedby": hint ? id + "-hint" : null});
  const shown = h("output", {for: id, class: "convlib-live-value"}, value);
  input.addEventListener("input", () => {
    shown.textContent = input.value;
    onInput(Number(input.value));
  });
  const node = h("div", {class: "convlib-live-control"},
                 h("label", {for: id}, label), input, shown,
                 hint ? h("span", {id: id + "-hint", class: "convlib-live-hint"}, hint) : null);
  return {node, input, set(v) { input.value = v; shown.textContent = v; }};
}

// A labelled checkbox. Returns {node, input, set(value)}.
function checkbox(label, checked, onInput) {
  const id = uniqueId("convlib-check");
  const input = h("input", {type: "checkbox", id, "data-setting": label, checked});
  input.addEventListener("change", () => onInput(input.checked));
  const node = h("div", {class: "convlib-live-control"}, input, h("label", {for: id}, label));
  return {node, input, set(v) { input.checked = Boolean(v); }};
}

// A labelled drop-down menu of `options` (strings). Returns {node, input, set(value)}.
function menu(label, options, value, onInput) {
  const id = uniqueId("convlib-menu");
  const input = h("select", {id, "data-setting": label},
                  options.map((o) => h("option", {value: o, selected: o === value}, o)));
  input.addEventListener("change", () => onInput(input.value));
  const node = h("div", {class: "convlib-live-control"}, h("label", {for: id}, label), input);
  return {node, input, set(v) { input.value = v; }};
}

// A number as the widgets print it: integers whole, others with at most 2 decimals.
function fmt(x) {
  if (Object.is(x, -0)) x = 0;
  if (Number.isInteger(x)) return String(x);
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

// A table of numbers (a list of rows); cellAttrs(i, j) gives extra attributes per cell.
function numberTable(rows, caption, cellAttrs) {
  return h("table", {class: "convlib-live-grid"},
           h("caption", {}, caption),
           h("tbody", {}, rows.map((row, i) => h("tr", {}, row.map((value, j) =>
             h("td", {"data-row": i, "data-col": j, ...(cellAttrs ? cellAttrs(i, j) : {})},
               typeof value === "number" ? fmt(value) : value))))));
}

// The correlation's output length along one dimension, convlib.shapes.output_size's rule;
// throws an Error with convlib's message for a setting with no output.
function outputSize(n, k, p, s, d) {
  const span = d * (k - 1) + 1;
  if (span > n + 2 * p) {
    const dilated = d > 1 ? ` (dilated to span ${span})` : "";
    throw new Error(`kernel size ${k}${dilated} is larger than the padded input: ` +
                    `n + 2p = ${n} + 2·${p} = ${n + 2 * p}`);
  }
  return Math.floor((n + 2 * p - span) / s) + 1;
}

// Cross-correlation of the matrix X (list of rows) with K, zero padding p, stride s.
function corr2d(X, K, p, s) {
  const nh = X.length, nw = X[0].length, kh = K.length, kw = K[0].length;
  const oh = outputSize(nh, kh, p, s, 1), ow = outputSize(nw, kw, p, s, 1);
  const at = (i, j) => (i < 0 || j < 0 || i >= nh || j >= nw ? 0 : X[i][j]);
  const Y = [];
  for (let i = 0; i < oh; i++) {
    Y.push([]);
    for (let j = 0; j < ow; j++) {
      let sum = 0;
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) {
        sum += at(i * s + a - p, j * s + b - p) * K[a][b];
      }
      Y[i].push(sum);
    }
  }
  return Y;
}

// What every widget's root holds: its class, a readout, an error line, the Python message.
function widgetRoot(name, label) {
  const root = h("div", {class: `convlib-live ${name}`, role: "group", "aria-label": label});
  const controls = h("div", {class: "convlib-live-controls"});
  const view = h("div", {class: "convlib-live-view"});
  const readout = h("p", {class: "convlib-live-readout", "aria-live": "polite"});
  const error = h("p", {class: "convlib-live-error", role: "alert", hidden: true});
  const notice = h("p", {class: "convlib-live-notice", hidden: true});
  root.append(controls, view, readout, error, notice);
  return {root, controls, view, readout, error, notice,
          showError(text) { error.hidden = !text; error.textContent = text || ""; },
          showNotice(text) { notice.hidden = !text; notice.textContent = text || ""; }};
}

// Keep the root's notice line in step with the model's `message` (a setting Python refused).
function followMessage(model, parts) {
  const show = () => parts.showNotice(model.get("message"));
  model.on("change:message", show);
  show();
}

// Write a setting back to the model (so Python sees it, live), clearing any old notice.
function save(model, values) {
  for (const [key, value] of Object.entries(values)) model.set(key, value);
  if (model.get("message")) model.set("message", "");
  model.save_changes();
}

// The input with p cells of padding on each side (shown as `padValue`, dashed), each cell
// marked with its padded coordinates; returns {table, mark(cells)} where `cells` is a list
// of [row, col] in padded coordinates to highlight.
function paddedTable(X, p, caption, padValue) {
  const nh = X.length, nw = X[0].length, rows = [];
  for (let i = 0; i < nh + 2 * p; i++) {
    rows.push([]);
    for (let j = 0; j < nw + 2 * p; j++) {
      const inside = i >= p && i < nh + p && j >= p && j < nw + p;
      rows[i].push(inside ? X[i - p][j - p] : padValue);
    }
  }
  const table = numberTable(rows, caption, (i, j) => {
    const inside = i >= p && i < nh + p && j >= p && j < nw + p;
    return inside ? {} : {class: "convlib-pad"};
  });
  const cells = [...table.querySelectorAll("td")];
  return {table, mark(marked) {
    const keys = new Set(marked.map(([i, j]) => `${i},${j}`));
    for (const td of cells) {
      td.classList.toggle("convlib-in-window", keys.has(`${td.dataset.row},${td.dataset.col}`));
    }
  }};
}

// An output table whose cells are buttons: pointing at one (hover, focus, click; arrow keys
// move) calls onPick(i, j). Returns {table, pick(i, j)}.
function pointableTable(Y, caption, onPick, name = "output") {
  const oh = Y.length, ow = Y[0].length;
  const table = numberTable(Y.map((row) => row.map(() => "")), caption);
  const buttons = [];
  for (const td of table.querySelectorAll("td")) {
    const i = Number(td.dataset.row), j = Number(td.dataset.col);
    const button = h("button", {type: "button", "data-row": i, "data-col": j,
                                "aria-label": `${name} row ${i + 1}, column ${j + 1}: ${fmt(Y[i][j])}`},
                     fmt(Y[i][j]));
    const pick = () => onPick(i, j);
    button.addEventListener("mouseenter", pick);
    button.addEventListener("focus", pick);
    button.addEventListener("click", pick);
    button.addEventListener("keydown", (event) => {
      const step = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]}[event.key];
      if (!step) return;
      event.preventDefault();
      const r = Math.min(oh - 1, Math.max(0, i + step[0])), c = Math.min(ow - 1, Math.max(0, j + step[1]));
      buttons[r * ow + c].focus();
    });
    td.append(button);
    buttons.push(button);
  }
  return {table, pick(i, j) {
    for (const b of buttons) {
      const on = Number(b.dataset.row) === i && Number(b.dataset.col) === j;
      b.parentElement.classList.toggle("convlib-selected", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }};
}
