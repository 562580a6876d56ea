(function () {
  'use strict';
  var tracker = window.SessionTracker;
  var $ = function (id) { return document.getElementById(id); };

  function log(text) {
    $('log').textContent = new Date().toISOString().slice(11, 19) + '  ' + text + '\n' + $('log').textContent;
    $('session').textContent = tracker.getSessionId() || 'none';
  }

  $('start').addEventListener('submit', function (event) {
    event.preventDefault();
    tracker.init({ userId: $('user').value, trackPageViews: $('pageviews').checked, captureErrors: $('errors').checked })
      .then(function (id) { log('session ' + id); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-track]'), function (button) {
    button.addEventListener('click', function () {
      tracker.track(button.dataset.track, { button: button.dataset.track });
      log('track ' + button.dataset.track + ' (queued: ' + tracker._state().queued + ')');
    });
  });
  $('page').addEventListener('click', function () { history.pushState({}, '', '/sdk/v1/demo.html?next'); log('pushState'); });
  $('error').addEventListener('click', function () { tracker.error('Something failed', { where: 'demo' }); log('error'); });
  $('throw').addEventListener('click', function () { throw new Error('Demo failure'); });
  $('wf-start').addEventListener('click', function () { tracker.workflowStart('checkout'); log('workflowStart'); });
  $('wf-done').addEventListener('click', function () { tracker.workflowComplete('checkout'); log('workflowComplete'); });
  $('flush').addEventListener('click', function () { tracker.flush().then(function () { log('flushed'); }); });
  $('end').addEventListener('click', function () { tracker.end('logout').then(function () { log('ended'); }); });
})();
