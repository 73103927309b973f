// The shape explorer: n, k, padding, stride, dilation along one dimension -> the window
// positions drawn over the padded input, and the output size with its formula
// (convlib.shapes.output_size's rule, in outputSize from common.js).

const SETTINGS = [
  ["n", "input size n"], ["k", "kernel size k"], ["padding", "padding p"],
  ["stride", "stride s"], ["dilation", "dilation d"],
];

function drawWindows(n, k, p, st, d, count) {
  const cell = 26, row = 20, left = 4, top = 4, cells = n + 2 * p;
  const width = left * 2 + cells * cell, height = top * 2 + (count + 1) * row + 6;
  const svg = s_svg(width, height, `${count} window positions over a padded input of ` +
                    `${cells} cells (${n} input cells and ${p} padding cells on each side)`);
  for (let i = 0; i < cells; i++) {
    const pad = i < p || i >= n + p;
    svg.append(s("rect", {x: left + i * cell, y: top, width: cell - 2, height: row - 3,
                          class: pad ? "convlib-pad" : "convlib-cell"}));
  }
  for (let w = 0; w < count; w++) {
    const taps = [];
    for (let t = 0; t < k; t++) taps.push(w * st + t * d);
    const g = s("g", {class: "convlib-window", "data-taps": taps.join(",")});
    const y = top + (w + 1) * row + 6;
    g.append(s("line", {x1: left + taps[0] * cell + 2, x2: left + taps[k - 1] * cell + cell - 4,
                        y1: y + (row - 3) / 2, y2: y + (row - 3) / 2, class: "convlib-span"}));
    for (const t of taps) {
      g.append(s("rect", {x: left + t * cell + 2, y: y + 1, width: cell - 6, height: row - 5,
                          class: "convlib-tap", "data-index": t}));
    }
    svg.append(g);
  }
  return svg;
}

function s_svg(width, height, label) {
  return s("svg", {viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
                   "aria-label": label, class: "convlib-live-drawing"});
}

function render({model, el}) {
  const parts = widgetRoot("convlib-shape-explorer", "Shape explorer");
  const controls = {};
  for (const [name, label] of SETTINGS) {
    controls[name] = slider(label, model.get("limits")[name][0], model.get("limits")[name][1],
                            model.get(name), (value) => { save(model, {[name]: value}); });
    parts.controls.append(controls[name].node);
  }
  const update = () => {
    const v = Object.fromEntries(SETTINGS.map(([name]) => [name, model.get(name)]));
    for (const [name] of SETTINGS) controls[name].set(v[name]);
    const {n, k, padding: p, stride: st, dilation: d} = v;
    parts.view.replaceChildren();
    let out;
    try {
      out = outputSize(n, k, p, st, d);
    } catch (error) {
      parts.readout.textContent = "";
      parts.showError(`Impossible setting: ${error.message}.`);
      return;
    }
    parts.showError("");
    parts.view.append(drawWindows(n, k, p, st, d, out));
    parts.readout.replaceChildren(
      h("span", {class: "convlib-live-result"}, `input ${n} → output ${out}`), h("br"),
      `output = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 = ` +
      `⌊(${n} + 2·${p} − ${d}·(${k} − 1) − 1) / ${st}⌋ + 1 = ${out}`);
  };
  for (const [name] of SETTINGS) model.on(`change:${name}`, update);
  followMessage(model, parts);
  update();
  el.append(parts.root);
}

export default { render };
