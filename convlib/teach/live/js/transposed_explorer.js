// The transposed-convolution explorer: stride, padding, output_padding -> the output of
// convlib.conv_transpose2d(X, K, ...) and its shape. Point at an input cell to see the stamp
// it adds into the output (X[i, j] times the kernel, at rows i·s − p ...).

const SETTINGS = [["stride", "stride"], ["padding", "padding"], ["output_padding", "output_padding"]];

// convlib.shapes.transposed_output_size's rule (dilation 1); throws with its message.
function transposedSize(n, k, p, st, a) {
  if (a >= st && a >= 1) {
    throw new Error(`output_padding must be smaller than max(stride, dilation) = ` +
                    `${Math.max(st, 1)}, got output_padding ${a} with stride ${st} and dilation 1`);
  }
  const out = (n - 1) * st - 2 * p + (k - 1) + a + 1;
  if (out < 1) {
    throw new Error(`padding ${p} leaves no output: (n - 1)s - 2p + d(k - 1) + a + 1 = ` +
                    `(${n} - 1)·${st} - 2·${p} + 1·(${k} - 1) + ${a} + 1 = ${out}`);
  }
  return out;
}

function convTranspose(X, K, st, p, a) {
  const nh = X.length, nw = X[0].length, kh = K.length, kw = K[0].length;
  const oh = transposedSize(nh, kh, p, st, a), ow = transposedSize(nw, kw, p, st, a);
  const Y = Array.from({length: oh}, () => new Array(ow).fill(0));
  for (let i = 0; i < nh; i++) for (let j = 0; j < nw; j++) {
    for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) {
      const r = i * st + u - p, c = j * st + v - p;
      if (r >= 0 && r < oh && c >= 0 && c < ow) Y[r][c] += X[i][j] * K[u][v];
    }
  }
  return Y;
}

function render({model, el}) {
  const parts = widgetRoot("convlib-transposed-explorer", "Transposed-convolution explorer");
  const controls = {};
  for (const [name, label] of SETTINGS) {
    const [lo, hi] = model.get("limits")[name];
    controls[name] = slider(label, lo, hi, model.get(name), (v) => save(model, {[name]: v}));
    parts.controls.append(controls[name].node);
  }
  let picked = [0, 0];
  const update = () => {
    const X = model.get("X"), K = model.get("K");
    const st = model.get("stride"), p = model.get("padding"), a = model.get("output_padding");
    for (const [name] of SETTINGS) controls[name].set(model.get(name));
    parts.view.replaceChildren();
    let Y;
    try {
      Y = convTranspose(X, K, st, p, a);
    } catch (error) {
      parts.readout.textContent = "";
      parts.showError(`Impossible setting: ${error.message}.`);
      return;
    }
    parts.showError("");
    const output = paddedTable(Y, 0, `output ${Y.length} × ${Y[0].length}`, 0);
    const what = h("p", {class: "convlib-live-equation", "aria-live": "polite"});
    const pick = (i, j) => {
      picked = [i, j];
      input.pick(i, j);
      const cells = [];
      for (let u = 0; u < K.length; u++) for (let v = 0; v < K[0].length; v++) {
        const r = i * st + u - p, c = j * st + v - p;
        if (r >= 0 && r < Y.length && c >= 0 && c < Y[0].length) cells.push([r, c]);
      }
      output.mark(cells);
      what.textContent = `X[${i}, ${j}] = ${fmt(X[i][j])} adds ${fmt(X[i][j])} × the kernel at ` +
                         `row ${i * st - p}, column ${j * st - p} of the output` +
                         (cells.length < K.length * K[0].length ? " (partly cropped away)" : "");
    };
    const input = pointableTable(X, `input ${X.length} × ${X[0].length}: point at a cell`, pick, "input");
    parts.view.append(input.table, numberTable(K, `kernel ${K.length} × ${K[0].length}`),
                      output.table);
    const n = X.length, k = K.length;
    parts.readout.replaceChildren(what, h("span", {class: "convlib-live-result"},
      `input ${n} × ${X[0].length} → output ${Y.length} × ${Y[0].length}`), h("br"),
      `output = (n − 1)·s − 2p + (k − 1) + a + 1 = (${n} − 1)·${st} − 2·${p} + (${k} − 1) + ` +
      `${a} + 1 = ${Y.length}`);
    const [i, j] = picked;
    pick(Math.min(i, n - 1), Math.min(j, X[0].length - 1));
  };
  for (const name of ["stride", "padding", "output_padding", "X", "K"]) model.on(`change:${name}`, update);
  followMessage(model, parts);
  update();
  el.append(parts.root);
}

export default { render };
