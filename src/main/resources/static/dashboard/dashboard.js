(function () {
  'use strict';
  var KEY = 'tracker-read-key';
  var WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  var COLORS = ['#2563eb', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#64748b', '#ec4899'];
  var charts = {};
  var timer = null;
  var $ = function (id) { return document.getElementById(id); };

  // The header's line holds one message a source (the live count, the user view, a session's events), each cleared
  // by its own source's next success: an answer that went well says nothing about another one that failed.
  var messages = {};

  function status(source, message) {
    if (message) { messages[source] = message; } else { delete messages[source]; }
    $('status').textContent = Object.keys(messages).map(function (k) { return messages[k]; }).join(' · ');
  }

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) } }).then(function (res) {
      if (res.status === 401) {
        askForKey('The read key was refused.');
        throw new Error('unauthorized');
      }
      if (!res.ok) {
        return res.json().then(function (p) { throw new Error(p.detail || 'HTTP ' + res.status); },
          function () { throw new Error('HTTP ' + res.status); });
      }
      return res.json();
    });
  }

  function failed(source) {
    return function (error) { if (error.message !== 'unauthorized') { status(source, error.message); } };
  }

  function askForKey(error) {
    sessionStorage.removeItem(KEY);
    messages = {};
    status('open', '');
    if (timer) { clearInterval(timer); timer = null; }
    $('app').hidden = true;
    $('key-form').hidden = false;
    $('key-error').textContent = error || '';
  }

  function open() {
    api('/api/v1/sessions/active?limit=1').then(function () {
      status('open', '');
      $('key-form').hidden = true;
      $('key-error').textContent = '';
      $('app').hidden = false;
      refreshActive();
      if (!timer) { timer = setInterval(refreshActive, 10000); }
      return reload();
    }).catch(function (error) {
      $('range-status').textContent = '';
      failed('open')(error);
    });
  }

  function text(value) { return value === null || value === undefined ? '–' : String(value); }

  /** 5081425 as 5,081,425 and 115739.5 as 115,739.5: counts read at a glance. */
  function count(value) { return Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 }); }

  function cell(row, value) {
    var td = document.createElement('td');
    td.textContent = text(value);
    td.title = text(value);
    row.appendChild(td);
  }

  function fillTable(id, rows, columns) {
    var body = document.querySelector('#' + id + ' tbody');
    body.textContent = '';
    rows.forEach(function (item) {
      var tr = document.createElement('tr');
      columns(item).forEach(function (value) { cell(tr, value); });
      if (item.id) { tr.dataset.sessionId = item.id; }
      body.appendChild(tr);
    });
  }

  /** An instant in UTC, as the API gives it; the columns and headings that show one say so. */
  function time(instant) { return instant ? new Date(instant).toISOString().replace('T', ' ').slice(0, 19) : null; }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds % 3600 / 60);
    return h ? h + 'h ' + m + 'm' : m ? m + 'm ' + seconds % 60 + 's' : seconds + 's';
  }

  function refreshActive() {
    return api('/api/v1/sessions/active?limit=50').then(function (active) {
      status('active', '');
      $('active-count').textContent = count(active.count);
      fillTable('active-table', active.sessions, function (s) {
        return [s.userId, s.entry && s.entry.page, s.currentPage, time(s.lastSeen), s.actions, s.errors];
      });
    }).catch(failed('active'));
  }

  function chart(id, type, labels, datasets, options) {
    if (charts[id]) { charts[id].destroy(); }
    charts[id] = new window.Chart($(id), {
      type: type,
      data: { labels: labels, datasets: datasets.map(function (d, i) {
        return Object.assign({ backgroundColor: type === 'doughnut' ? COLORS : COLORS[i], borderColor: COLORS[i],
          tension: 0.25 }, d);
      }) },
      options: Object.assign({ animation: false, responsive: true, plugins: { legend: { display: datasets.length > 1
        || type === 'doughnut' } } }, options || {})
    });
  }

  // Each reload supersedes the ones before it: an answer for an older range that arrives late is dropped.
  var generation = 0;

  var DAY_MILLIS = 86400000;

  // The most days a range may count, both ends included (README, "Daily statistics": at most 366 days).
  var MAX_DAYS = 366;

  /** Why the server would refuse the range, said before asking it; null for a range it answers. */
  function rangeProblem(from, to) {
    var first = Date.parse(from);
    var last = Date.parse(to);
    if (isNaN(first) || isNaN(last)) {
      return 'From and To must be days (YYYY-MM-DD).';
    }
    if (first > last) {
      return 'From (' + from + ') is after To (' + to + ').';
    }
    var days = Math.round((last - first) / DAY_MILLIS) + 1;
    if (days > MAX_DAYS) {
      return 'A range may span at most ' + MAX_DAYS + ' days; ' + from + ' to ' + to + ' spans ' + count(days) + '.';
    }
    return null;
  }

  /** The range's error stays until a range is answered: no other answer clears it. */
  function rangeError(message) { $('range-error').textContent = message || ''; }

  function figuresStale(stale) {
    document.querySelectorAll('.figures').forEach(function (section) { section.classList.toggle('stale', stale); });
  }

  /** No figure of an earlier range stays under dates that were refused. */
  function clearFigures() {
    ['kpi-sessions', 'kpi-dau', 'kpi-mau', 'kpi-stickiness'].forEach(function (id) { $(id).textContent = '–'; });
    Object.keys(charts).forEach(function (id) {
      charts[id].destroy();
      delete charts[id];
    });
    ['heatmap', 'stay-summary', 'heatmap-zone', 'range-zone'].forEach(function (id) { $(id).textContent = ''; });
    ['top-entry', 'top-exit', 'together'].forEach(function (id) { fillTable(id, [], null); });
    $('patterns-empty').hidden = true;
    $('together-empty').hidden = true;
  }

  function refuse(message) {
    $('range-status').textContent = '';
    figuresStale(false);
    clearFigures();
    rangeError(message);
  }

  // Without a range chosen, the server's default: the 30 days up to the server's today (its stats zone, not the
  // browser's), which the answers name. Asked for together, the answers share one live count of today's sessions.
  function reload() {
    var from = $('from').value;
    var to = $('to').value;
    var range = from && to ? '?from=' + from + '&to=' + to : '';
    var mine = ++generation;
    var problem = range ? rangeProblem(from, to) : null;
    if (problem) {
      refuse(problem);
      return Promise.resolve();
    }
    // A range's first computation can take seconds on a large database; later ones come from the server's cache.
    $('range-status').textContent = 'Loading…';
    figuresStale(true);
    return Promise.all([api('/api/v1/stats/daily' + range), api('/api/v1/insights/engagement' + range),
      api('/api/v1/insights/activity' + range), api('/api/v1/insights/stay' + range),
      api('/api/v1/insights/leave' + range), api('/api/v1/insights/together' + range)])
      .then(function (r) {
        if (mine !== generation) {
          return;
        }
        $('range-status').textContent = '';
        rangeError('');
        figuresStale(false);
        // The server's default range fills the dates, but not over ones chosen while it loaded (not yet applied).
        if (!range && !$('from').value && !$('to').value) {
          $('from').value = r[1].from;
          $('to').value = r[1].to;
        }
        daily(r[0]);
        engagement(r[1]);
        heatmap(r[2]);
        stay(r[3]);
        leave(r[4]);
        together(r[5]);
      }).catch(function (error) {
        if (mine === generation && error.message !== 'unauthorized') { refuse(error.message); }
      });
  }

  function daily(days) {
    var labels = days.map(function (d) { return d.date.slice(5); });
    $('kpi-sessions').textContent = count(days.reduce(function (sum, d) { return sum + d.totalSessions; }, 0));
    chart('chart-daily-sessions', 'line', labels, [
      { label: 'sessions', data: days.map(function (d) { return d.totalSessions; }) },
      { label: 'unique users', data: days.map(function (d) { return d.uniqueUsers; }) }]);
    chart('chart-daily-duration', 'bar', labels, [
      { label: 'average duration (s)', data: days.map(function (d) { return d.avgDurationSeconds; }) }]);
    chart('chart-daily-rates', 'line', labels, [
      { label: 'bounce rate %', data: days.map(function (d) { return d.bounceRate; }) },
      { label: 'error rate %', data: days.map(function (d) { return d.errorRate; }) }]);
    var newestFirst = days.slice().reverse();
    fillTable('top-entry', newestFirst.filter(function (d) { return d.mostCommonEntry; }),
      function (d) { return [d.date, d.mostCommonEntry]; });
    fillTable('top-exit', newestFirst.filter(function (d) { return d.mostCommonExit; }),
      function (d) { return [d.date, d.mostCommonExit]; });
  }

  function engagement(e) {
    $('kpi-dau').textContent = count(e.dau);
    $('kpi-mau').textContent = count(e.mau);
    $('kpi-stickiness').textContent = (e.stickiness * 100).toFixed(1) + ' %';
    chart('chart-patterns', 'bar', e.patterns.map(function (p) { return p.name; }),
      [{ label: 'users', data: e.patterns.map(function (p) { return p.sessions; }) }]);
    $('patterns-empty').textContent = 'No user classified yet among those whose latest session is in the 30 days up to '
      + e.to + ': the user-patterns job classifies users hourly.';
    $('patterns-empty').hidden = e.patterns.length > 0;
  }

  function together(t) {
    fillTable('together', t.pairs, function (p) {
      return [p.a, p.b, p.sessions, (p.support * 100).toFixed(1) + ' %', p.lift.toFixed(2)];
    });
    $('together-empty').textContent = 'No two actions used together in at least ' + count(t.minSupport * 100)
      + ' % of the range\'s sessions yet: the daily rollup computes them hourly (today as of its last run).';
    $('together-empty').hidden = t.pairs.length > 0;
  }

  function heatmap(activity) {
    $('heatmap-zone').textContent = activity.zone ? ', ' + activity.zone : '';
    $('range-zone').textContent = activity.zone ? 'days in ' + activity.zone : '';
    var grid = $('heatmap');
    var max = 1;
    activity.byWeekdayAndHour.forEach(function (row) { row.forEach(function (n) { max = Math.max(max, n); }); });
    grid.textContent = '';
    grid.appendChild(document.createElement('span'));
    for (var h = 0; h < 24; h++) {
      var hour = document.createElement('span');
      hour.className = 'label';
      hour.textContent = h % 3 === 0 ? h : '';
      grid.appendChild(hour);
    }
    activity.byWeekdayAndHour.forEach(function (row, d) {
      var day = document.createElement('span');
      day.className = 'label';
      day.textContent = WEEKDAYS[d];
      grid.appendChild(day);
      row.forEach(function (n, hourOfDay) {
        var c = document.createElement('span');
        c.className = 'cell';
        c.dataset.weekday = d + 1;
        c.dataset.hour = hourOfDay;
        c.dataset.count = n;
        c.title = WEEKDAYS[d] + ' ' + hourOfDay + 'h: ' + n + ' sessions';
        c.style.backgroundColor = n ? 'rgba(37, 99, 235, ' + (0.15 + 0.85 * n / max).toFixed(2) + ')' : '';
        grid.appendChild(c);
      });
    });
  }

  function stay(s) {
    chart('chart-stay', 'bar', s.buckets.map(function (b) { return b.label; }),
      [{ label: 'ended sessions', data: s.buckets.map(function (b) { return b.sessions; }) }]);
    $('stay-summary').textContent = s.endedSessions + ' ended sessions; median ' + duration(s.medianSeconds)
      + ', 90th percentile ' + duration(s.p90Seconds) + ', mean ' + duration(s.averageSeconds);
  }

  function leave(l) {
    chart('chart-exit-reasons', 'doughnut', l.exitReasons.map(function (c) { return c.name; }),
      [{ label: 'sessions', data: l.exitReasons.map(function (c) { return c.sessions; }) }], { aspectRatio: 2 });
    chart('chart-abandoned', 'bar', l.abandonedWorkflows.map(function (w) { return w.workflowId; }),
      [{ label: 'abandoned', data: l.abandonedWorkflows.map(function (w) { return w.abandoned; }) },
        { label: 'started', data: l.abandonedWorkflows.map(function (w) { return w.started; }) }]);
  }

  // Each lookup supersedes the ones before it, as each reload does.
  var lookups = 0;

  /** Looks the user id up as it is given: any string of 1 to 128 characters, white space included. */
  function lookUp(userId) {
    var mine = ++lookups;
    if (!userId || Array.from(userId).length > 128) {
      $('user-view').hidden = true;
      status('user', 'A user id has 1 to 128 characters.');
      return Promise.resolve();
    }
    var user = encodeURIComponent(userId);
    return Promise.all([api('/api/v1/sessions/patterns/' + user),
      api('/api/v1/sessions/user/' + user + '/history?limit=50')]).then(function (r) {
      if (mine !== lookups) {
        return;
      }
      status('user', '');
      $('user-shown').textContent = userId;
      var pattern = r[0];
      $('user-pattern').textContent = pattern.pattern;
      $('user-confidence').textContent = pattern.confidence;
      var list = $('user-indicators');
      list.textContent = '';
      pattern.indicators.forEach(function (i) {
        var li = document.createElement('li');
        li.textContent = i;
        list.appendChild(li);
      });
      timeline(r[1]);
      $('user-view').hidden = false;
    }).catch(function (error) {
      if (mine === lookups) {
        $('user-view').hidden = true;
        failed('user')(error);
      }
    });
  }

  // The seed's SessionTimeline: one row a session with its duration and its actions as bars.
  function timeline(sessions) {
    var box = $('timeline');
    box.textContent = '';
    var longest = Math.max.apply(null, sessions.map(function (s) { return s.duration; }).concat([1]));
    var busiest = Math.max.apply(null, sessions.map(function (s) { return s.actions; }).concat([1]));
    sessions.forEach(function (s) {
      var row = document.createElement('div');
      row.className = 'session';
      row.dataset.sessionId = s.id;
      var when = document.createElement('span');
      when.textContent = time(s.startTime) + (s.active ? ' (active)' : '');
      var dur = bar(s.duration / longest, duration(s.duration), '');
      var act = bar(s.actions / busiest, s.actions + ' actions', ' actions');
      var label = document.createElement('span');
      label.textContent = duration(s.duration) + ', ' + s.actions + ' actions';
      [when, dur, act, label].forEach(function (e) { row.appendChild(e); });
      row.addEventListener('click', function () { toggleEvents(row, s.id); });
      box.appendChild(row);
    });
  }

  function bar(share, title, kind) {
    var b = document.createElement('div');
    b.className = 'bar' + kind;
    b.style.width = Math.max(1, Math.round(share * 100)) + '%';
    b.title = title;
    return b;
  }

  function toggleEvents(row, id) {
    var shown = row.querySelector('.events');
    if (shown) {
      shown.remove();
      return;
    }
    if (row.dataset.loading) { return; }
    row.dataset.loading = 'true';
    api('/api/v1/sessions/' + id + '/events').then(function (events) {
      delete row.dataset.loading;
      status('events', '');
      var list = document.createElement('ul');
      list.className = 'events';
      events.forEach(function (e) {
        var li = document.createElement('li');
        li.textContent = time(e.timestamp) + '  ' + e.action + (e.data ? '  ' + JSON.stringify(e.data) : '');
        list.appendChild(li);
      });
      row.appendChild(list);
    }).catch(function (error) {
      delete row.dataset.loading;
      failed('events')(error);
    });
  }

  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key-input').value.trim());
    open();
  });
  $('range').addEventListener('submit', function (event) {
    event.preventDefault();
    reload();
  });
  $('user-form').addEventListener('submit', function (event) {
    event.preventDefault();
    lookUp($('user-input').value);
  });

  window.dashboard = { refreshActive: refreshActive, reload: reload, lookUp: lookUp };

  if (sessionStorage.getItem(KEY)) { open(); } else { askForKey(''); }
})();
