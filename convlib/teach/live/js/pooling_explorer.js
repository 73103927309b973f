// The pooling explorer: window, stride, padding, ceil_mode, max or average, and (for the
// average) whether padded zeros count: the output and its shape, by the rules of
// convlib.pool2d and convlib.shapes.pool_output_size (PyTorch's). Point at an output cell
// to see its window.

const INTS = [["kernel_size", "window"], ["stride", "stride"], ["padding", "padding"]];

// convlib.shapes.pool_output_size's rule; throws with its message.
function poolOutputSize(n, k, p, st, ceil) {
  if (2 * p > k) {
    throw new Error(`padding ${p} is more than half the window size ${k} ` +
                    `(PyTorch's pools allow at most k / 2 = ${k / 2})`);
  }
  if (k > n + 2 * p) {
    throw new Error(`window size ${k} is larger than the padded input: ` +
                    `n + 2p = ${n} + 2·${p} = ${n + 2 * p}`);
  }
  const span = n + 2 * p - k;
  let out = (ceil ? Math.ceil(span / st) : Math.floor(span / st)) + 1;
  if (ceil && (out - 1) * st >= n + p) out -= 1;
  return out;
}

function pool(X, k, st, p, ceil, mode, includePad) {
  const nh = X.length, nw = X[0].length;
  const oh = poolOutputSize(nh, k, p, st, ceil), ow = poolOutputSize(nw, k, p, st, ceil);
  const Y = [];
  for (let i = 0; i < oh; i++) {
    Y.push([]);
    for (let j = 0; j < ow; j++) {
      const r0 = i * st - p, c0 = j * st - p;
      let best = -Infinity, sum = 0;
      for (let r = r0; r < r0 + k; r++) for (let c = c0; c < c0 + k; c++) {
        if (r < 0 || c < 0 || r >= nh || c >= nw) continue;
        best = Math.max(best, X[r][c]);
        sum += X[r][c];
      }
      // how many cells the mean divides by (convlib.pooling._window_counts)
      const count = (start, n) => {
        let a = start, b = Math.min(start + k, n + p);
        if (!includePad) { a = Math.max(a, 0); b = Math.min(b, n); }
        return b - a;
      };
      Y[i].push(mode === "max" ? best : sum / (count(r0, nh) * count(c0, nw)));
    }
  }
  return Y;
}

function render({model, el}) {
  const parts = widgetRoot("convlib-pooling-explorer", "Pooling explorer");
  const controls = {};
  controls.mode = menu("mode", ["max", "avg"], model.get("mode"), (v) => save(model, {mode: v}));
  parts.controls.append(controls.mode.node);
  for (const [name, label] of INTS) {
    const [lo, hi] = model.get("limits")[name];
    controls[name] = slider(label, lo, hi, model.get(name), (v) => save(model, {[name]: v}));
    parts.controls.append(controls[name].node);
  }
  controls.ceil_mode = checkbox("ceil_mode", model.get("ceil_mode"),
                                (v) => save(model, {ceil_mode: v}));
  controls.count_include_pad = checkbox("count_include_pad", model.get("count_include_pad"),
                                        (v) => save(model, {count_include_pad: v}));
  parts.controls.append(controls.ceil_mode.node, controls.count_include_pad.node);
  let picked = [0, 0];
  const update = () => {
    const X = model.get("X");
    const v = Object.fromEntries(Object.keys(controls).map((name) => [name, model.get(name)]));
    for (const name of Object.keys(controls)) controls[name].set(v[name]);
    const {kernel_size: k, stride: st, padding: p, ceil_mode: ceil, mode} = v;
    controls.count_include_pad.input.disabled = mode !== "avg";
    parts.view.replaceChildren();
    let Y;
    try {
      Y = pool(X, k, st, p, ceil, mode, v.count_include_pad);
    } catch (error) {
      parts.readout.textContent = "";
      parts.showError(`Impossible setting: ${error.message}.`);
      return;
    }
    parts.showError("");
    const input = paddedTable(X, p, `input ${X.length} × ${X[0].length}` +
                              (p ? (mode === "max" ? ", padding never wins" : ", padded with zeros")
                                 : ""), mode === "max" ? "−∞" : 0);
    const what = h("p", {class: "convlib-live-equation", "aria-live": "polite"});
    const pick = (i, j) => {
      picked = [i, j];
      output.pick(i, j);
      const cells = [];
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cells.push([i * st + a, j * st + b]);
      input.mark(cells);
      what.textContent = `Y[${i}, ${j}] = ${mode} of the ${k} × ${k} window from row ` +
                         `${i * st - p}, column ${j * st - p} = ${fmt(Y[i][j])}`;
    };
    const output = pointableTable(Y, `output ${Y.length} × ${Y[0].length}`, pick);
    parts.view.append(input.table, output.table);
    const [l, r] = ceil ? ["⌈", "⌉"] : ["⌊", "⌋"];
    const n = X.length, raw = (ceil ? Math.ceil : Math.floor)((n + 2 * p - k) / st) + 1;
    parts.readout.replaceChildren(what, h("span", {class: "convlib-live-result"},
      `input ${n} × ${X[0].length} → output ${Y.length} × ${Y[0].length}`), h("br"),
      `output = ${l}(n + 2p − k) / s${r} + 1 = ${l}(${n} + 2·${p} − ${k}) / ${st}${r} + 1` +
      (raw !== Y.length ? ` − 1 (the last window would start in the padding)` : "") +
      ` = ${Y.length}`);
    const [i, j] = picked;
    pick(Math.min(i, Y.length - 1), Math.min(j, Y[0].length - 1));
  };
  for (const name of [...Object.keys(controls), "X"]) model.on(`change:${name}`, update);
  followMessage(model, parts);
  update();
  el.append(parts.root);
}

export default { render };
