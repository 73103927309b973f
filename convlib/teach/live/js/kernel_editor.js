// The kernel editor: a 3 × 3 kernel (typed, or a preset) correlated with the photograph in
// the browser, zero padding 1 so the size is kept, and drawn as convlib.teach.display.png_bytes
// draws it: a kernel whose weights sum to more than 0 gives a picture (clipped to [0, 1]);
// otherwise an edge map, 0 at mid-gray and the 99th percentile of |output| at black or white.

function decodePhoto(base64, size) {
  const text = atob(base64);
  const X = new Float32Array(size * size);
  for (let i = 0; i < X.length; i++) X[i] = text.charCodeAt(i) / 255;
  return X;
}

// Correlate the size × size image X with the 3 × 3 kernel K (9 numbers), zero padding 1.
function filter3x3(X, size, K) {
  const Y = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let a = -1; a <= 1; a++) {
        const r = i + a;
        if (r < 0 || r >= size) continue;
        for (let b = -1; b <= 1; b++) {
          const c = j + b;
          if (c < 0 || c >= size) continue;
          sum += X[r * size + c] * K[(a + 1) * 3 + b + 1];
        }
      }
      Y[i * size + j] = sum;
    }
  }
  return Y;
}

// The k-th smallest of the values (from 0), by quickselect: the array is reordered.
function select(a, k) {
  let lo = 0, hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else return a[k];
  }
  return a[k];
}

// The q-quantile of the values, interpolated linearly between order statistics
// (torch.quantile's rule), in linear time.
function quantile(values, q) {
  const a = Float32Array.from(values);
  const pos = q * (a.length - 1), lo = Math.floor(pos);
  const low = select(a, lo);
  let high = low;
  if (lo + 1 < a.length) {   // the next order statistic: the smallest value above position lo
    high = Infinity;
    for (let i = lo + 1; i < a.length; i++) if (a[i] < high) high = a[i];
  }
  return low + (high - low) * (pos - lo);
}

// Gray levels 0..255 of the output, mapped as convlib.teach.display.to_unit_range does.
function grayLevels(Y, signed) {
  const gray = new Uint8ClampedArray(Y.length);
  if (signed) {
    const magnitudes = new Float32Array(Y.length);
    for (let i = 0; i < Y.length; i++) magnitudes[i] = Math.abs(Y[i]);
    const scale = Math.max(quantile(magnitudes, 0.99), 1e-12);
    for (let i = 0; i < Y.length; i++) {
      gray[i] = Math.round(Math.min(1, Math.max(0, 0.5 + 0.5 * Y[i] / scale)) * 255);
    }
  } else {
    for (let i = 0; i < Y.length; i++) gray[i] = Math.round(Math.min(1, Math.max(0, Y[i])) * 255);
  }
  return gray;
}

function paint(canvas, gray, size) {
  const image = new ImageData(size, size);
  for (let i = 0; i < gray.length; i++) {
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = gray[i];
    image.data[4 * i + 3] = 255;
  }
  canvas.getContext("2d").putImageData(image, 0, 0);
}

function sameKernel(a, b) {
  return a.every((x, i) => Math.abs(x - b[i]) < 1e-9);
}

function render({model, el}) {
  const parts = widgetRoot("convlib-kernel-editor", "Kernel editor");
  const size = model.get("size");
  const X = decodePhoto(model.get("photo"), size);
  const presets = model.get("presets");
  const names = Object.keys(presets);
  const flatPreset = (name) => presets[name].flat();

  const menuControl = menu("preset", [...names, "custom"], model.get("preset"), (name) => {
    if (name === "custom") return;
    const K = flatPreset(name);
    fields.forEach((field, t) => { field.value = fmt4(K[t]); });
    apply(K, name);
  });
  const fields = [];
  for (let t = 0; t < 9; t++) {
    const field = h("input", {type: "text", inputmode: "decimal", autocomplete: "off",
                              spellcheck: "false", "data-setting": `kernel ${t}`,
                              "aria-label": `kernel row ${Math.floor(t / 3) + 1}, ` +
                                            `column ${t % 3 + 1}`});
    field.addEventListener("input", onEdit);
    fields.push(field);
  }
  const fieldGrid = h("div", {class: "convlib-kernel-fields", role: "group",
                              "aria-label": "the kernel, 3 rows of 3 numbers"}, fields);
  parts.controls.append(menuControl.node,
                        h("div", {class: "convlib-live-control"}, h("span", {}, "kernel"), fieldGrid));

  const original = h("canvas", {width: size, height: size, role: "img",
                                "aria-label": `the photograph, ${size} × ${size} pixels, gray`});
  const filtered = h("canvas", {width: size, height: size, role: "img",
                                class: "convlib-filtered"});
  parts.view.append(
    h("figure", {class: "convlib-live-figure"}, original, h("figcaption", {}, "input")),
    h("figure", {class: "convlib-live-figure"}, filtered,
      h("figcaption", {}, "output: the input correlated with the kernel")));
  paint(original, Uint8ClampedArray.from(X, (x) => Math.round(x * 255)), size);

  function fmt4(x) { return String(Number(x.toPrecision(4))); }

  function redraw(K) {
    const total = K.reduce((a, b) => a + b, 0);
    const signed = !(total > 1e-6);
    paint(filtered, grayLevels(filter3x3(X, size, K), signed), size);
    const effect = Math.abs(total - 1) < 1e-6 ? "brightness kept" :
      Math.abs(total) < 1e-6 ? "flat regions go to 0, shown mid-gray" : "brightness scaled";
    const rows = [0, 1, 2].map((r) => K.slice(3 * r, 3 * r + 3).map(fmt).join(", "));
    parts.readout.replaceChildren(h("span", {class: "convlib-live-result"},
      `Kernel sum ${fmt4(total)}: ${effect}.`), " ",
      signed ? "Shown as an edge map: 0 is mid-gray, the strongest 1% of responses saturate."
             : "Shown as a picture: values below 0 are black, above 1 white.");
    filtered.setAttribute("aria-label", `the photograph correlated with the kernel ` +
                          `[${rows.join("; ")}], kernel sum ${fmt4(total)}: ${effect}`);
  }

  function apply(K, name) {
    redraw(K);
    parts.showError("");
    fields.forEach((field) => field.removeAttribute("aria-invalid"));
    menuControl.set(name);
    save(model, {kernel: [K.slice(0, 3), K.slice(3, 6), K.slice(6, 9)], preset: name});
  }

  function onEdit() {
    const bad = [], K = [];
    fields.forEach((field, t) => {
      const text = field.value.trim();
      const value = text === "" ? NaN : Number(text);
      field.toggleAttribute("aria-invalid", !Number.isFinite(value));
      if (!Number.isFinite(value)) {
        field.setAttribute("aria-invalid", "true");
        bad.push(`row ${Math.floor(t / 3) + 1}, column ${t % 3 + 1} ('${field.value}')`);
      }
      K.push(value);
    });
    if (bad.length) {
      parts.showError(`Not a number: ${bad.join("; ")}. Type a number such as -1 or 0.25. ` +
                      "The image still shows the last valid kernel.");
      return;
    }
    const name = names.find((n) => sameKernel(flatPreset(n), K)) || "custom";
    apply(K, name);
  }

  function fromModel() {
    const K = model.get("kernel").flat();
    fields.forEach((field, t) => {
      field.value = fmt4(K[t]);
      field.removeAttribute("aria-invalid");
    });
    menuControl.set(model.get("preset"));
    parts.showError("");
    redraw(K);
  }
  model.on("change:kernel", fromModel);
  model.on("change:preset", () => menuControl.set(model.get("preset")));
  followMessage(model, parts);
  fromModel();
  el.append(parts.root);
}

export default { render };
