// Every element of the page that shows text whose colour stands out from its background by less
// than WCAG AA asks (4.5:1; 3:1 for large text), as "tag.class 'text' ratio". The background is
// the nearest opaque one among the element and its ancestors (the pages use no translucent ones).
var rgb = function (css) {
  var parts = css.match(/[\d.]+/g).map(Number);
  return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
};
var luminance = function (c) {
  var channel = function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
};
var background = function (element) {
  for (var e = element; e; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c.a > 0) { return c; }
  }
  return rgb(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)');
};
var failures = [];
document.querySelectorAll('body *').forEach(function (element) {
  var text = Array.prototype.filter.call(element.childNodes, function (n) { return n.nodeType === 3; })
    .map(function (n) { return n.textContent.trim(); }).join(' ').trim();
  if (!text || element.getClientRects().length === 0) { return; }
  var style = getComputedStyle(element);
  var fg = luminance(rgb(style.color));
  var bg = luminance(background(element));
  var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  var size = parseFloat(style.fontSize);
  var large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) {
    failures.push(element.tagName.toLowerCase() + '.' + element.className + " '" + text.substring(0, 30) + "' "
      + ratio.toFixed(2) + ' (' + style.color + ' on ' + getComputedStyle(element).backgroundColor + ')');
  }
});
return failures;
