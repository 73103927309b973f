// The sliding window you can point at: a small correlation (zero padding, stride); point at
// an output cell and its window lights up on the input, with the sum of products that makes it.

const SETTINGS = [["padding", "padding"], ["stride", "stride"]];

// A factor in a product: negative numbers in parentheses, as in 3·(−1).
const signed = (x) => (x < 0 ? `(${fmt(x)})` : fmt(x));

function render({model, el}) {
  const parts = widgetRoot("convlib-sliding-window", "Sliding window");
  const controls = {};
  for (const [name, label] of SETTINGS) {
    const [lo, hi] = model.get("limits")[name];
    controls[name] = slider(label, lo, hi, model.get(name), (value) => save(model, {[name]: value}));
    parts.controls.append(controls[name].node);
  }
  let picked = [0, 0];
  const update = () => {
    const X = model.get("X"), K = model.get("K");
    const p = model.get("padding"), st = model.get("stride");
    for (const [name] of SETTINGS) controls[name].set(model.get(name));
    parts.view.replaceChildren();
    let Y;
    try {
      Y = corr2d(X, K, p, st);
    } catch (error) {
      parts.readout.textContent = "";
      parts.showError(`Impossible setting: ${error.message}.`);
      return;
    }
    parts.showError("");
    const kh = K.length, kw = K[0].length;
    const input = paddedTable(X, p, `input ${X.length} × ${X[0].length}` +
                              (p ? `, padded with zeros` : ""), 0);
    const equation = h("p", {class: "convlib-live-equation", "aria-live": "polite"});
    const pick = (i, j) => {
      picked = [i, j];
      output.pick(i, j);
      const cells = [], terms = [];
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) {
        const r = i * st + a, c = j * st + b;
        cells.push([r, c]);
        const inside = r >= p && r < X.length + p && c >= p && c < X[0].length + p;
        terms.push(`${signed(inside ? X[r - p][c - p] : 0)}·${signed(K[a][b])}`);
      }
      input.mark(cells);
      equation.replaceChildren(h("span", {class: "convlib-live-result"}, `Y[${i}, ${j}]`),
                               ` = ${terms.join(" + ")} = `,
                               h("span", {class: "convlib-live-sum"}, fmt(Y[i][j])));
    };
    const output = pointableTable(Y, `output ${Y.length} × ${Y[0].length}: point at a cell`, pick);
    parts.view.append(input.table, numberTable(K, `kernel ${kh} × ${kw}`), output.table);
    parts.readout.replaceChildren(equation,
      `input ${X.length} × ${X[0].length} → output ${Y.length} × ${Y[0].length}`);
    const [i, j] = picked;
    pick(Math.min(i, Y.length - 1), Math.min(j, Y[0].length - 1));
  };
  for (const name of ["padding", "stride", "X", "K"]) model.on(`change:${name}`, update);
  followMessage(model, parts);
  update();
  el.append(parts.root);
}

export default { render };
