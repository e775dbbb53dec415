// Keeps every chart whole when the page is printed. ECharts draws each chart as an SVG of
// the screen's size, and the printed page is narrower: a view box equal to the drawn size
// lets the print style scale the SVG into the printed column (no resize on "beforeprint",
// which runs while the page still has the screen's layout). ECharts drops attributes it did
// not set whenever it draws again (a resize), so the view box is set anew after each change.
(function () {
  'use strict';
  if (typeof MutationObserver === 'undefined') {
    return;
  }
  function fit(el) {
    var svg = el.querySelector('svg');
    if (!svg) {
      return;
    }
    var box = '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height');
    if (svg.getAttribute('viewBox') !== box) {
      svg.setAttribute('viewBox', box);
      svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    }
  }
  var els = document.querySelectorAll('.chart');
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    fit(el);
    new MutationObserver(fit.bind(null, el)).observe(el, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['width', 'height', 'viewBox']
    });
  }
})();
