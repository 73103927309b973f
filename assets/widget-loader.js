// RequireJS configuration for the widget manager (embed-amd.js), loaded between RequireJS and
// it, only on pages with widgets (_config.yml, nb_ipywidgets_js). Everything resolves from
// this script's own URL, so it works at every page depth, over http and from file://:
// - "anywidget": anywidget's front end (npm anywidget's dist/index.js, the same file as the
//   PyPI wheel's; tests/test_live_widgets.py checks the versions match), copied beside the
//   widget manager as widgets/anywidget.js. It imports each widget's _esm from a Blob URL.
// - "@jupyter-widgets": the widget manager's own folder, so it finds its icon fonts there.
// Without this, embed-amd.js asks <page>/anywidget.js and then a public CDN.
(function () {
  var here = document.currentScript.src;
  var widgets = here.slice(0, here.lastIndexOf("/") + 1) + "widgets";
  window.require.config({
    paths: {
      anywidget: widgets + "/anywidget",
      "@jupyter-widgets": widgets,
    },
  });
})();
