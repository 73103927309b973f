// The Jupyter widget manager was written for MathJax 2: it typesets widget labels with
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]). MathJax 3 has no MathJax.Hub, so
// that call would throw. This maps it onto MathJax 3's typesetPromise, once MathJax exists.
(function () {
  function typeset(job) {
    var element = job && job[2];
    if (window.MathJax && window.MathJax.typesetPromise) {
      window.MathJax.typesetPromise(element ? [element] : undefined).catch(function () {});
    }
  }
  function install() {
    if (window.MathJax && !window.MathJax.Hub) {
      window.MathJax.Hub = { Queue: typeset };
    }
  }
  install();
  document.addEventListener("DOMContentLoaded", install);
  window.addEventListener("load", install);
})();
