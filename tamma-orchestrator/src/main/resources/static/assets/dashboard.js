// Live updates for the dashboard. The pages work without it; with it, a page hears from the server
// (server-sent events) when its workflows change and swaps in the fresh page, unless someone is
// filling in one of its forms, in which case it only says that something changed.
(function () {
  'use strict';
  var root = document.querySelector('main[data-live]');
  if (!root || !window.EventSource) {
    return;
  }
  var workflow = root.getAttribute('data-workflow');
  var stream = '/events/stream' + (workflow ? '?workflow=' + encodeURIComponent(workflow) : '');
  var source = null;
  var scheduled = false;

  // Someone is filling in a form: a field differs from what the page came with (a chosen option,
  // a moved slider, a changed filter), or the focus is in a field that takes typing.
  function editing() {
    var fields = root.querySelectorAll('input, textarea, select');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field === document.activeElement && field.tagName !== 'SELECT'
          && !/^(hidden|range|checkbox|radio|submit|button)$/.test(field.type)) {
        return true;
      }
      if (field.tagName === 'SELECT') {
        var chosen = 0;
        for (var o = 0; o < field.options.length; o++) {
          if (field.options[o].defaultSelected) {
            chosen = o;
          }
        }
        if (field.options.length && field.selectedIndex !== chosen) {
          return true;
        }
      } else if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked !== field.defaultChecked) {
          return true;
        }
      } else if (field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  // Someone moving through the page with the keyboard keeps their place when it is swapped: the
  // same control (same kind, name, form and label) gets the focus back in the fresh page.
  function signature(element) {
    return [element.tagName, element.getAttribute('name'), element.getAttribute('href'),
      element.form ? element.form.getAttribute('action') : '', element.textContent.trim()].join('|');
  }

  function refocus(focused) {
    if (!focused) {
      return;
    }
    var controls = root.querySelectorAll('a, button, input, select, textarea, [tabindex]');
    for (var i = 0; i < controls.length; i++) {
      if (signature(controls[i]) === focused) {
        controls[i].focus();
        return;
      }
    }
  }

  // true when the page may be swapped; otherwise it only says that something changed
  function swappable() {
    if (!editing()) {
      return true;
    }
    var notice = root.querySelector('[data-notice]');
    if (notice) {
      notice.textContent = 'This workflow changed. Reload the page to see how.';
    }
    return false;
  }

  function refresh() {
    scheduled = false;
    if (!swappable()) {
      return;
    }
    fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main[data-live]');
        if (fresh && swappable()) { // asked again: the person may have started while the page was fetched
          var focused = root.contains(document.activeElement) ? signature(document.activeElement) : null;
          root.innerHTML = fresh.innerHTML;
          root.setAttribute('data-updated', String(Date.now()));
          refocus(focused);
        }
      });
  }

  function changed() {
    if (!scheduled) {
      scheduled = true;
      window.setTimeout(refresh, 100); // one refresh for a burst of events
    }
  }

  function listen() {
    source = new EventSource(stream);
    source.addEventListener('workflow', changed);
  }

  listen();
  // A page left for another stays in the browser's back-forward cache, and its stream would stay
  // open: over HTTP/1.1 a browser holds six connections to a site, so six pages visited would stall
  // the dashboard. The stream closes when the page is left and opens again when it is shown.
  window.addEventListener('pagehide', function () {
    if (source) {
      source.close();
      source = null;
    }
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && !source) {
      listen();
      changed(); // what happened while the page was away
    }
  });

  // the replay slider shows its position as it moves
  document.addEventListener('input', function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute('data-replay')) {
      var output = event.target.form.querySelector('output');
      if (output) {
        output.textContent = event.target.value + ' of ' + event.target.max;
      }
    }
  });
})();
