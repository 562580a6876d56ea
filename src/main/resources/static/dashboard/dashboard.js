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

  // How long a request may take before it is aborted and its figures count as stale. A range's first computation
  // takes seconds on a large database (7.7 s on the benchmark's data, docs/benchmarks.md), so ranges get longer.
  // Tests shorten them through window.dashboard.timeouts.
  var timeouts = { request: 20000, range: 60000 };

  // Waiting for the service to come back: the first retry after a second, each next one twice as late, at most 30 s.
  var RETRY_FIRST = 1000;
  var RETRY_MAX = 30000;

  /** An error whose message the page shows as it is; retryable when the same request may succeed later. */
  function problem(message, retryable) {
    var error = new Error(message);
    error.known = true;
    error.retryable = retryable;
    return error;
  }

  /**
   * A GET of the API with the read key, aborted after the timeout or when options.signal aborts. Its errors read as
   * the page shows them: the browser's own "Failed to fetch" and bare status codes say nothing to a reader.
   */
  function api(path, options) {
    var limit = options && options.timeout || timeouts.request;
    var controller = new AbortController();
    var outer = options && options.signal;
    var timedOut = false;
    var clock = setTimeout(function () { timedOut = true; controller.abort(); }, limit);
    if (outer) {
      if (outer.aborted) { controller.abort(); }
      outer.addEventListener('abort', function () { controller.abort(); });
    }
    // max-stale: a polling dashboard takes the service's cached figures (tracker.read-cache.ttl); other clients of
    // the API get figures computed on the request
    return fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY),
      'Cache-Control': 'max-stale' }, signal: controller.signal }).then(function (res) {
      if (res.status === 401) {
        askForKey('The read key was refused.');
        throw problem('unauthorized', false);
      }
      if (!res.ok) {
        var retryable = res.status >= 500 || res.status === 429;
        return res.json().then(function (p) { throw problem(p.detail || answered(res.status), retryable); },
          function () { throw problem(answered(res.status), retryable); });
      }
      return res.json();
    }).catch(function (error) {
      if (error.known) { throw error; }
      if (timedOut) { throw problem('The service did not answer within ' + limit / 1000 + ' s', true); }
      if (outer && outer.aborted) {
        var superseded = problem('superseded', false);
        superseded.superseded = true;
        throw superseded;
      }
      if (error.name === 'SyntaxError') { throw problem('The service sent an answer the page cannot read', true); }
      throw problem('The service cannot be reached', true);
    }).finally(function () { clearTimeout(clock); });
  }

  function answered(code) { return 'The service answered ' + code; }

  /** Whether the page has nothing to say of an error: the key form took over, or a newer request replaced it. */
  function silent(error) { return error.message === 'unauthorized' || error.superseded; }

  function failed(source) {
    return function (error) {
      if (!silent(error)) { status(source, error.message); }
    };
  }

  /** Runs again what waits on the service, with back-off; a success resets the delay. */
  function retrier(run) {
    var pending = null;
    var delay = 0;
    var self = {
      schedule: function () {
        self.cancel();
        delay = Math.min(delay ? delay * 2 : RETRY_FIRST, RETRY_MAX);
        pending = setTimeout(function () { pending = null; run(); }, delay);
      },
      pending: function () { return pending !== null; },
      now: function () { self.cancel(); run(); },
      cancel: function () {
        if (pending) { clearTimeout(pending); }
        pending = null;
      },
      reset: function () {
        self.cancel();
        delay = 0;
      }
    };
    return self;
  }

  function askForKey(error) {
    sessionStorage.removeItem(KEY);
    messages = {};
    status('open', '');
    if (timer) { clearInterval(timer); timer = null; }
    openRetry.reset();
    rangeRetry.reset();
    $('app').hidden = true;
    $('key-form').hidden = false;
    $('key-error').textContent = error || '';
  }

  // One check of the key at a time: the Open button stays disabled while it is in flight.
  var opening = false;

  function checking(on) {
    opening = on;
    $('key-submit').disabled = on;
    $('key-status').textContent = on ? 'Checking the key…' : '';
  }

  function open() {
    if (opening) { return; }
    openRetry.cancel();
    checking(true);
    $('key-error').textContent = '';
    api('/api/v1/sessions/active?limit=1').then(function () {
      checking(false);
      openRetry.reset();
      status('open', '');
      $('key-form').hidden = true;
      $('app').hidden = false;
      refreshActive();
      if (!timer) { timer = setInterval(refreshActive, 10000); }
      return reload();
    }, function (error) {
      checking(false);
      $('range-status').textContent = '';
      if (error.retryable) {
        // The key is kept: the page opens by itself once the service answers.
        status('open', error.message + '; retrying…');
        openRetry.schedule();
        return;
      }
      failed('open')(error);
    });
  }

  var openRetry = retrier(open);

  function text(value) { return value === null || value === undefined ? '–' : String(value); }

  /** 5081425 as 5,081,425 and 115739.5 as 115,739.5: counts read at a glance. */
  function count(value) { return Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 }); }

  /** A cell's value, or {text, title} for one shown shorter than it is. */
  function cell(row, value) {
    var td = document.createElement('td');
    var shown = value !== null && typeof value === 'object' ? value : { text: value, title: value };
    td.textContent = text(shown.text);
    td.title = text(shown.title);
    row.appendChild(td);
  }

  /** A page as sent, an absolute URL shown as its path and query (the part that tells pages apart). */
  function page(value) {
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) { return value; }
    try {
      var url = new URL(value);
      return { text: url.pathname + url.search + url.hash, title: value };
    } catch (e) {
      return value;
    }
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

  // At most one refresh of the active sessions in flight: a slow service is not asked again every 10 s meanwhile.
  var activeInFlight = null;

  // When the active sessions shown were read (the browser's clock), for a message that they are stale.
  var activeAsOf = null;

  function refreshActive() {
    if (activeInFlight) { return activeInFlight; }
    activeInFlight = api('/api/v1/sessions/active?limit=50').then(function (active) {
      status('active', '');
      activeAsOf = new Date();
      $('live').classList.remove('stale');
      $('active-count').textContent = count(active.count);
      fillTable('active-table', active.sessions, function (s) {
        return [s.userId, page(s.entry && s.entry.page), page(s.currentPage), time(s.lastSeen), s.actions, s.errors];
      });
      $('active-note').textContent = !active.sessions.length ? 'No active sessions.'
        : active.count > active.sessions.length ? 'The newest ' + active.sessions.length + ' of ' + count(active.count)
          + ', by start.' : '';
      // The service answers again: a range that failed meanwhile is asked for now.
      if (rangeRetry.pending()) { rangeRetry.now(); }
    }).catch(function (error) {
      if (silent(error)) { return; }
      $('live').classList.add('stale');
      status('active', error.message + (activeAsOf ? '; the active sessions are stale (as of '
        + time(activeAsOf.toISOString()).slice(11) + ' UTC)' : ''));
    }).finally(function () { activeInFlight = null; });
    return activeInFlight;
  }

  function chart(id, type, labels, datasets, options) {
    if (charts[id]) { charts[id].destroy(); }
    charts[id] = new window.Chart($(id), {
      type: type,
      data: { labels: labels, datasets: datasets.map(function (d, i) {
        return Object.assign({ backgroundColor: type === 'doughnut' ? COLORS : COLORS[i], borderColor: COLORS[i],
          tension: 0.25 }, d);
      }) },
      // Counts, durations and rates are never negative: an all-zero chart keeps its axis at 0, not -1 to 1.
      options: Object.assign({ animation: false, responsive: true, plugins: { legend: { display: datasets.length > 1
        || type === 'doughnut' } }, scales: type === 'doughnut' ? {} : { y: { min: 0 } } }, options || {})
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
    document.querySelectorAll('.figures .empty').forEach(function (p) { p.hidden = true; });
  }

  /** The card's "No data in this range" (or its own empty text), shown while it has nothing to show. */
  function empty(id, isEmpty) { $(id + '-empty').hidden = !isEmpty; }

  function refuse(message) {
    $('range-status').textContent = '';
    figuresStale(false);
    clearFigures();
    rangeError(message);
  }

  // The server's today (its stats zone), known from the range answers (see learnToday); the browser's until then.
  var today = new Date().toISOString().slice(0, 10);

  /**
   * What a range's answers tell of the server's today, which moves on at its midnight under a dashboard left open:
   * the default range ends on it; another's daily rows, one a day and none after today, end on it when the range
   * goes past it, and on its To when today is that day or later.
   */
  function learnToday(to, days, defaultTo) {
    if (!to) { return defaultTo; }
    var last = days.length ? days[days.length - 1].date : null;
    if (last && (last < to || last > today)) { return last; }
    return today;
  }

  // A range that failed because the service could not answer is asked for again, with back-off, until it is answered
  // or another range is applied; a successful refresh of the active sessions asks at once.
  var failedRange = null;
  var rangeRetry = retrier(function () { loadRange(failedRange.from, failedRange.to); });

  // The requests of the range in flight, aborted when another range supersedes it.
  var rangeRequests = null;

  function reload() { return loadRange($('from').value, $('to').value); }

  // Without a range chosen, the server's default: the 30 days up to the server's today (its stats zone, not the
  // browser's), which the answers name. Asked for together, the answers share one live count of today's sessions.
  function loadRange(from, to) {
    var range = from && to ? '?from=' + from + '&to=' + to : '';
    var mine = ++generation;
    rangeRetry.cancel();
    if (rangeRequests) { rangeRequests.abort(); }
    var refusal = range ? rangeProblem(from, to) : null;
    if (refusal) {
      rangeRetry.reset();
      refuse(refusal);
      return Promise.resolve();
    }
    // A range's first computation can take seconds on a large database; later ones come from the server's cache.
    $('range-status').textContent = 'Loading…';
    figuresStale(true);
    var requests = rangeRequests = new AbortController();
    var ask = function (path) { return api(path + range, { timeout: timeouts.range, signal: requests.signal }); };
    return Promise.all([ask('/api/v1/stats/daily'), ask('/api/v1/insights/engagement'),
      ask('/api/v1/insights/activity'), ask('/api/v1/insights/stay'), ask('/api/v1/insights/leave'),
      ask('/api/v1/insights/together')])
      .then(function (r) {
        if (mine !== generation) {
          return;
        }
        rangeRequests = null;
        rangeRetry.reset();
        today = learnToday(range ? to : null, r[0], r[1].to);
        $('range-status').textContent = future(r[1].from, r[1].to);
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
        if (mine !== generation || silent(error)) { return; }
        rangeRequests = null;
        if (error.retryable) {
          refuse(error.message + '; the range loads by itself once the service answers.');
          failedRange = { from: from, to: to };
          rangeRetry.schedule();
          return;
        }
        refuse(error.message);
      });
  }

  /** What the range's days after the server's today mean: no data yet. */
  function future(from, to) {
    if (from > today) { return 'This range lies after today (' + today + '): it has no data yet.'; }
    if (to > today) { return 'The days after today (' + today + ') have no data yet.'; }
    return '';
  }

  /** A range as messages name it: "from 2026-10-26 to 2026-11-24". */
  function between(from, to) { return 'from ' + from + ' to ' + to; }

  function daily(days) {
    // MM-DD, but for a range across the turn of a year, where only the year tells two Decembers apart.
    var years = days.length && days[0].date.slice(0, 4) !== days[days.length - 1].date.slice(0, 4);
    var labels = days.map(function (d) { return years ? d.date : d.date.slice(5); });
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
    var entries = newestFirst.filter(function (d) { return d.mostCommonEntry; });
    var exits = newestFirst.filter(function (d) { return d.mostCommonExit; });
    fillTable('top-entry', entries, function (d) { return [d.date, page(d.mostCommonEntry)]; });
    fillTable('top-exit', exits, function (d) { return [d.date, page(d.mostCommonExit)]; });
    empty('top-entry', !entries.length);
    empty('top-exit', !exits.length);
  }

  function engagement(e) {
    $('kpi-dau').textContent = count(e.dau);
    $('kpi-mau').textContent = count(e.mau);
    $('kpi-stickiness').textContent = (e.stickiness * 100).toFixed(1) + ' %';
    chart('chart-patterns', 'bar', e.patterns.map(function (p) { return p.name; }),
      [{ label: 'users', data: e.patterns.map(function (p) { return p.sessions; }) }]);
    // Users by pattern always count the users of the 30 days ending on To, whatever the range (as MAU does).
    var first = new Date(Date.parse(e.to) - 29 * DAY_MILLIS).toISOString().slice(0, 10);
    $('patterns-empty').textContent = 'No user classified yet among those active ' + between(first, e.to)
      + ' (the 30 days ending on To)' + (first > today ? ', which lie after today (' + today + ').'
        : ': the user-patterns job classifies users hourly.');
    empty('patterns', !e.patterns.length);
  }

  function together(t) {
    fillTable('together', t.pairs, function (p) {
      return [p.a, p.b, p.sessions, (p.support * 100).toFixed(1) + ' %', p.lift.toFixed(2)];
    });
    $('together-empty').textContent = t.from > today ? 'No actions: the range lies after today (' + today + ').'
      : 'No two actions used together in at least ' + count(t.minSupport * 100) + ' % of the sessions '
      + between(t.from, t.to) + ' yet: the daily rollup computes them hourly (today as of its last run).';
    empty('together', !t.pairs.length);
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
    empty('chart-exit-reasons', !l.exitReasons.length);
    empty('chart-abandoned', !l.abandonedWorkflows.length);
  }

  // The history the user view asks for: the user's newest sessions, at most this many.
  var HISTORY = 50;

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
      api('/api/v1/sessions/user/' + user + '/history?limit=' + HISTORY)]).then(function (r) {
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

  // The seed's SessionTimeline: one row a session with its duration and its actions as bars. A row's header is a
  // button (Tab reaches it, Enter or Space opens it); its events open below the header, where clicks do not close them.
  function timeline(sessions) {
    var box = $('timeline');
    box.textContent = '';
    $('timeline-note').textContent = sessions.length >= HISTORY
      ? 'The ' + HISTORY + ' most recent sessions; older ones are not listed.' : '';
    var longest = Math.max.apply(null, sessions.map(function (s) { return s.duration; }).concat([1]));
    var busiest = Math.max.apply(null, sessions.map(function (s) { return s.actions; }).concat([1]));
    sessions.forEach(function (s) {
      var row = document.createElement('div');
      row.className = 'session';
      row.dataset.sessionId = s.id;
      var head = document.createElement('button');
      head.type = 'button';
      head.className = 'head';
      head.setAttribute('aria-expanded', 'false');
      var when = document.createElement('span');
      when.className = 'when';
      when.textContent = time(s.startTime) + (s.active ? ' (active)' : '');
      var dur = bar(s.duration / longest, duration(s.duration), ' duration');
      var act = bar(s.actions / busiest, s.actions + ' actions', ' actions');
      var label = document.createElement('span');
      label.className = 'label';
      label.textContent = duration(s.duration) + ', ' + s.actions + ' actions';
      [when, dur, act, label].forEach(function (e) { head.appendChild(e); });
      head.addEventListener('click', function () { toggleEvents(row, head, s.id); });
      row.appendChild(head);
      box.appendChild(row);
    });
  }

  function bar(share, title, kind) {
    var cellOf = document.createElement('span');
    cellOf.className = 'track' + kind;
    var b = document.createElement('span');
    b.className = 'bar' + kind;
    b.style.width = Math.max(1, Math.round(share * 100)) + '%';
    b.title = title;
    cellOf.appendChild(b);
    return cellOf;
  }

  function toggleEvents(row, head, id) {
    var shown = row.querySelector('.events');
    if (shown) {
      shown.remove();
      head.setAttribute('aria-expanded', 'false');
      head.removeAttribute('aria-controls');
      return;
    }
    if (row.dataset.loading) { return; }
    row.dataset.loading = 'true';
    head.setAttribute('aria-busy', 'true');
    api('/api/v1/sessions/' + id + '/events').then(function (events) {
      status('events', '');
      var list = document.createElement('ul');
      list.className = 'events';
      list.id = 'events-' + id;
      events.forEach(function (e) {
        var li = document.createElement('li');
        li.textContent = time(e.timestamp) + '  ' + e.action + (e.data ? '  ' + JSON.stringify(e.data) : '');
        list.appendChild(li);
      });
      row.appendChild(list);
      head.setAttribute('aria-controls', list.id);
      head.setAttribute('aria-expanded', 'true');
    }).catch(failed('events')).finally(function () {
      delete row.dataset.loading;
      head.removeAttribute('aria-busy');
    });
  }

  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (opening) { return; }
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

  window.dashboard = { refreshActive: refreshActive, reload: reload, lookUp: lookUp, timeouts: timeouts };

  if (sessionStorage.getItem(KEY)) { open(); } else { askForKey(''); }
})();
