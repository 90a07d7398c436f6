// Live updates for the dashboard. The pages work without it; with it, a page hears from the server
// (server-sent events) when its workflows change and swaps in the fresh page, unless someone is
// typing into one of its forms, in which case it only says that something changed.
(function () {
  'use strict';
  var root = document.querySelector('main[data-live]');
  if (!root || !window.EventSource) {
    return;
  }
  var workflow = root.getAttribute('data-workflow');
  var source = new EventSource('/events/stream' + (workflow ? '?workflow=' + encodeURIComponent(workflow) : ''));
  var scheduled = false;

  function typing() {
    var fields = root.querySelectorAll('textarea, input[type=text], input:not([type])');
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value || fields[i] === document.activeElement) {
        return true;
      }
    }
    return false;
  }

  function refresh() {
    scheduled = false;
    if (typing()) {
      var notice = root.querySelector('[data-notice]');
      if (notice) {
        notice.textContent = 'This workflow changed. Reload the page to see how.';
      }
      return;
    }
    fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main[data-live]');
        if (fresh) {
          root.innerHTML = fresh.innerHTML;
          root.setAttribute('data-updated', String(Date.now()));
        }
      });
  }

  source.addEventListener('workflow', function () {
    if (!scheduled) {
      scheduled = true;
      window.setTimeout(refresh, 100); // one refresh for a burst of events
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
