/*! session-tracker SDK v1 | dependency-free | never throws into the host page */
(function (window, document) {
  'use strict';
  if (window.SessionTracker && window.SessionTracker.version) {
    return;
  }

  var DEFAULTS = {
    endpoint: null, userId: null, userHash: null,
    heartbeatInterval: 300000, idleTimeout: 1800000, flushInterval: 3000, batchSize: 5,
    trackPageViews: false, captureErrors: false, endOnPageClose: false, respectDoNotTrack: false,
    storageKey: 'session-tracker', maxQueue: 500, debug: false
  };
  var MAX_EVENTS_PER_BATCH = 100;
  var MAX_BATCH_BYTES = 60000; // under the 64 KiB that keepalive requests and the server allow
  var MAX_DATA_BYTES = 8192; // an event's data as JSON, as the server allows
  var MAX_BACKOFF = 60000;
  var MAX_ENDINGS = 10; // sessions end() could not finish ending, kept for later (each with its events)
  var REASONS = ['logout', 'timeout', 'error', 'navigation'];
  var ERROR_REPEAT = 60000; // a captured error with the same message goes at most once a minute,
  var ERROR_BUDGET = 10; // and at most this many captured errors a minute
  var script = document.currentScript;

  var cfg = null;
  var listening = false;
  var s = {
    sessionId: null, userId: null, userHash: null, refused: false, ended: true, disabled: false, queue: [], offset: 0,
    lastActivity: 0, nextHeartbeat: 0, nextFlush: 0, retryAt: 0, backoff: 0, starting: null, sending: null,
    ticker: null, idMs: 0, idSeq: 0, lastPage: null, errorsSeen: {}, errorTimes: []
  };

  function now() { return Date.now() + s.offset; }

  function log(e) {
    if (cfg && cfg.debug && window.console) { window.console.warn('[session-tracker]', e); }
  }

  // Every public method goes through this: whatever happens inside, the host page never sees an exception.
  function safe(fn, fallback) {
    return function () {
      try {
        var result = fn.apply(null, arguments);
        return result && typeof result.then === 'function'
          ? result.then(null, function (e) { log(e); return fallback; }) : result;
      } catch (e) {
        log(e);
        return fallback === undefined ? undefined : Promise.resolve(fallback);
      }
    };
  }

  /**
   * A UUIDv7-style event id: 48 bits of milliseconds, then a 42-bit counter that grows within a millisecond (and never
   * goes back in this page, even if the clock does), then 32 random bits. The server orders events of one timestamp
   * by id, so these keep the order they were tracked in.
   */
  function uuid() {
    var ms = Math.max(Math.floor(now()), s.idMs);
    s.idSeq = ms === s.idMs ? s.idSeq + 1 : 0;
    s.idMs = ms;
    var r = new Uint32Array(1);
    if (window.crypto && window.crypto.getRandomValues) { window.crypto.getRandomValues(r); }
    else { r[0] = Math.random() * 0x100000000; }
    var n = s.idSeq;
    var h = hex(ms, 12) + '7' + hex(Math.floor(n / 0x40000000) & 0xfff, 3)
      + hex(0x8000 | (Math.floor(n / 0x10000) & 0x3fff), 4) + hex(n & 0xffff, 4) + hex(r[0], 8);
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function hex(n, digits) { return (n + Math.pow(16, digits)).toString(16).slice(1); }

  // ---- storage: one session per user, shared by the tabs of this origin ----

  function load() {
    try { return JSON.parse(window.localStorage.getItem(cfg.storageKey) || 'null'); } catch (e) { return null; }
  }

  function save() {
    try {
      window.localStorage.setItem(cfg.storageKey,
        JSON.stringify({ sessionId: s.sessionId, userId: s.userId, lastActivity: s.lastActivity }));
    } catch (e) { log(e); }
  }

  function pendingKey() { return cfg.storageKey + '.pending'; }

  /** The session is over for this origin: its id and what its pages left queued (keepPending) go. */
  function forget() {
    try {
      window.localStorage.removeItem(cfg.storageKey);
      window.localStorage.removeItem(pendingKey());
    } catch (e) { log(e); }
  }

  /**
   * What is still queued when the page goes away, kept for the next page of this session in this origin: the request
   * that sends it as the page leaves may fail (no network), and the queue lives in memory. Added to what other pages
   * of the session left; sent again if it did arrive, the server drops it by event id. With no session yet (its start
   * failed), it waits for this user's next session.
   */
  function keepPending() {
    if (!s.queue.length || !s.userId) { return; }
    try {
      window.localStorage.setItem(pendingKey(), JSON.stringify({ sessionId: s.sessionId, userId: s.userId,
        events: union(pendingOf(s.sessionId), s.queue).slice(-cfg.maxQueue) }));
    } catch (e) { log(e); }
  }

  /** The events pages of this session left (keepPending), or pages of this user that had no session. */
  function pendingOf(sessionId) {
    try {
      var kept = JSON.parse(window.localStorage.getItem(pendingKey()) || 'null');
      return kept && Array.isArray(kept.events) && (kept.sessionId ? kept.sessionId === sessionId
        : kept.userId === s.userId) ? kept.events : [];
    } catch (e) { return []; }
  }

  /** The events of {@code first}, then those of {@code second} it does not hold (by event id). */
  function union(first, second) {
    var ids = {};
    first.forEach(function (e) { ids[e.id] = true; });
    return first.concat(second.filter(function (e) { return !ids[e.id]; }));
  }

  /** Queues what pages of the current session left behind (keepPending); another session's can no longer go. */
  function takePending() {
    if (!s.sessionId) { return; }
    try {
      var events = pendingOf(s.sessionId);
      window.localStorage.removeItem(pendingKey());
      requeue(events);
    } catch (e) { log(e); }
  }

  /** Puts events that an earlier page could not send in front of the queue, to go now. */
  function requeue(events) {
    if (!events.length) { return; }
    s.queue = union(events, s.queue).slice(-cfg.maxQueue);
    s.nextFlush = Math.min(s.nextFlush || Infinity, now());
  }

  /** Takes over a session another tab started or kept alive, if it belongs to this user and is not idle. */
  function adoptStored() {
    var stored = load();
    if (stored && stored.userId === s.userId && stored.sessionId
        && now() - stored.lastActivity <= cfg.idleTimeout) {
      s.sessionId = stored.sessionId;
      s.lastActivity = Math.max(s.lastActivity, stored.lastActivity);
      return true;
    }
    return false;
  }

  function touch() {
    s.lastActivity = now();
    save();
  }

  function idle() { return now() - s.lastActivity > cfg.idleTimeout; }

  // ---- transport ----

  function post(path, body, keepalive) {
    var init = {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'omit',
      keepalive: !!keepalive, body: body === undefined ? undefined : JSON.stringify(body)
    };
    return window.fetch(cfg.endpoint + path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: res.status, json: json, retryAfter: Number(res.headers.get('Retry-After')) || 0 };
      });
    });
  }

  /** The page as page views name it: path and query. */
  /**
   * The page: path and query, and the hash too when it is a hash router's route (`#/settings`, `#!/settings`); an
   * anchor within the page (`#details`) is no page of its own.
   */
  function page() {
    var hash = window.location.hash || '';
    var route = /^#!?\//.test(hash) ? hash : '';
    return String(window.location.pathname + window.location.search + route).slice(0, 2048);
  }

  function startSession() {
    if (s.starting) { return s.starting; }
    if (adoptStored()) { return Promise.resolve(s.sessionId); }
    // The entry page in the form of page views; the server takes its host from the request's Origin.
    var body = {
      userId: s.userId, device: { screenSize: window.screen ? window.screen.width + 'x' + window.screen.height : undefined },
      entry: { page: page(), referrer: document.referrer || undefined }
    };
    if (s.userHash) { body.userHash = s.userHash; }
    s.starting = post('/api/v1/sessions/start', body).then(function (res) {
      if (res.status !== 201 || !res.json) {
        var e = new Error('start answered ' + res.status);
        e.status = res.status;
        e.retryAfter = res.retryAfter;
        throw e;
      }
      s.sessionId = res.json.id;
      s.nextHeartbeat = now() + cfg.heartbeatInterval;
      touch();
      return s.sessionId;
    });
    s.starting.then(done, done);
    function done() { s.starting = null; }
    return s.starting;
  }

  /** Whether a session can be started: there is a user, whom the server did not refuse (400, 403) for good. */
  function startable() { return !!s.userId && !s.refused && !s.ended && !s.disabled; }

  /**
   * Gets a session (started or resumed) and queues what earlier pages left for it; a start that fails is tried again
   * by tick() with the back-off, what is tracked meanwhile waits in the queue. Resolves to the session id or null.
   */
  function begin() {
    return ensureSession().then(function (id) {
      takePending();
      return id;
    }, function (e) {
      failed(e);
      return null;
    });
  }

  /** A request failed or a start was refused: back off, and stop starting for a refusal that would last. */
  function failed(e) {
    log(e);
    // 400 and 403 (a userId or userHash the server refuses) would fail forever; anything else may pass.
    if (e && (e.status === 400 || e.status === 403)) { s.refused = true; }
    backOff(e && e.retryAfter || 0);
  }

  /** The session to write to: the current one, another tab's, or a new one if the last activity is too old. */
  function ensureSession() {
    if (s.sessionId && !idle()) { return Promise.resolve(s.sessionId); }
    if (s.sessionId && idle() && !adoptStored()) { s.sessionId = null; }
    return s.sessionId ? Promise.resolve(s.sessionId) : startSession();
  }

  /** The server ended or forgot the session: another tab may already have a new one, else start one. */
  function replaceSession(endedId) {
    var stored = load();
    if (stored && stored.sessionId === endedId) { forget(); }
    if (s.sessionId === endedId) { s.sessionId = null; }
    return ensureSession();
  }

  // ---- events ----

  /** At most max UTF-16 units, never half a surrogate pair (the server refuses text with one). */
  function clip(text, max) {
    var t = String(text);
    if (t.length <= max) { return t; }
    var last = t.charCodeAt(max - 1);
    return t.slice(0, last >= 0xD800 && last <= 0xDBFF ? max - 1 : max);
  }

  /**
   * Queues an event with a copy of its data. One the server could never take (no action; data not a JSON object of at
   * most 8 KiB, or not writable as JSON) is dropped here, alone, rather than block the queue or sink its batch.
   */
  function enqueue(action, data) {
    if (!cfg || s.ended || s.disabled) { return; }
    if (typeof action !== 'string' || !action) { return log('an action must be a non-empty string'); }
    if (!plain(data)) { return log('the data of ' + action + ' must be a plain object'); }
    var event = { id: uuid(), action: clip(action, 50), timestamp: new Date(now()).toISOString() };
    if (data !== undefined && data !== null) {
      var json = JSON.stringify(data);
      if (typeof json !== 'string' || json.charAt(0) !== '{' || byteLength(json) > MAX_DATA_BYTES) {
        throw new Error('the data of ' + event.action + ' is not a JSON object of at most ' + MAX_DATA_BYTES
          + ' bytes');
      }
      event.data = JSON.parse(json);
    }
    s.queue.push(event);
    if (s.queue.length > cfg.maxQueue) { s.queue.splice(0, s.queue.length - cfg.maxQueue); }
    if (s.queue.length === 1) { s.nextFlush = now() + cfg.flushInterval; }
    if (s.queue.length >= cfg.batchSize) { flush(); }
  }

  function plain(data) {
    return data === undefined || data === null || Object.prototype.toString.call(data) === '[object Object]';
  }

  /** A workflow event: its id is a non-empty string or a finite number. */
  function workflow(action, id) {
    if (typeof id === 'number' ? !isFinite(id) : typeof id !== 'string' || !id) {
      return log(action + ' needs a workflow id: a non-empty string or a finite number');
    }
    enqueue(action, { workflowId: String(id) });
  }

  /** A userId: a non-empty string, or a finite number as a string; else none. */
  function userIdOf(value) {
    if (typeof value === 'number' && isFinite(value)) { return String(value); }
    if (typeof value === 'string' && value) { return value; }
    if (value !== undefined && value !== null) { log('a userId must be a non-empty string or a number'); }
    return null;
  }

  function byteLength(text) {
    return window.TextEncoder ? new window.TextEncoder().encode(text).length : text.length * 3;
  }

  /** The first events of {@code events} that one request carries: at most 100, and under 64 KiB with its body. */
  function takeBatch(events) {
    var batch = [];
    var bytes = 20;
    for (var i = 0; i < events.length && batch.length < MAX_EVENTS_PER_BATCH; i++) {
      var size = byteLength(JSON.stringify(events[i])) + 1;
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) { break; }
      batch.push(events[i]);
      bytes += size;
    }
    return batch;
  }

  /** The events of a batch that a 400 names (its errors' fields start with events[i]), else the whole batch. */
  function refusedEvents(batch, problem) {
    var named = [];
    (problem && Array.isArray(problem.errors) ? problem.errors : []).forEach(function (error) {
      var index = /^events\[(\d+)\]/.exec(error && error.field);
      var event = index && batch[Number(index[1])];
      if (event && named.indexOf(event) < 0) { named.push(event); }
    });
    return named.length ? named : batch;
  }

  /** The events of {@code events} that {@code batch} does not hold (by event id). */
  function without(events, batch) {
    var sent = {};
    batch.forEach(function (e) { sent[e.id] = true; });
    return events.filter(function (e) { return !sent[e.id]; });
  }

  function dropFromQueue(batch) { s.queue = without(s.queue, batch); }

  function backOff(retryAfterSeconds) {
    s.backoff = Math.min(MAX_BACKOFF, Math.max(1000, s.backoff * 2));
    s.retryAt = now() + Math.max(s.backoff, retryAfterSeconds * 1000);
  }

  /** Sends queued events; the same event ids go again on retry, so the server stores each once. */
  function flush() {
    if (s.sending) { return s.sending; }
    if (!s.queue.length || s.ended || s.disabled || now() < s.retryAt) { return Promise.resolve(); }
    if (!s.sessionId && !startable()) { return Promise.resolve(); } // no user yet: the queue waits for identify()
    var batch = takeBatch(s.queue);
    var attempt = function (id, again) {
      return post('/api/v1/sessions/' + id + '/events', { events: batch }).then(function (res) {
        var refused = res.status === 400 ? refusedEvents(batch, res.json) : batch;
        if (refused.length < batch.length) {
          // The server named the events it refused: they go, the rest of the batch goes again at once.
          dropFromQueue(refused);
          batch = without(batch, refused);
          return attempt(id, again);
        }
        if (res.status === 202 || res.status === 400 || res.status === 413) {
          // 400/413 would fail forever: drop the batch rather than block the queue behind it.
          dropFromQueue(batch);
          s.backoff = 0;
          s.retryAt = 0;
          touch();
        } else if ((res.status === 409 || res.status === 404) && again) {
          return replaceSession(id).then(function (next) { return attempt(next, false); });
        } else {
          backOff(res.retryAfter);
        }
      });
    };
    s.sending = ensureSession().then(function (id) { return attempt(id, true); }).then(null, failed);
    s.sending.then(function () {
      s.sending = null;
      s.nextFlush = now() + cfg.flushInterval;
      if (s.queue.length >= cfg.batchSize && now() >= s.retryAt) { return flush(); }
    });
    return s.sending;
  }

  /**
   * Sends the queued batches one after another until the queue is empty or a batch goes nowhere (what is left stays
   * queued), waiting for the batch in flight and for the ones flush() chains by itself.
   */
  function drain() {
    var before = s.queue.length;
    return flush().then(function () {
      if (s.sending || (s.queue.length && s.queue.length < before)) { return drain(); }
    });
  }

  // ---- endings that could not go at once ----

  function endingsKey() { return cfg.storageKey + '.ending'; }

  /**
   * Sessions that end() could not finish ending (no network, a server that did not answer), each with the events it
   * could not send before the end: kept in localStorage so that a later page of this origin, or this one when the
   * browser is back online, sends them and then the end. Also the sessions that endOnPageClose ended (closeSession).
   */
  function storedEndings() {
    try {
      var endings = JSON.parse(window.localStorage.getItem(endingsKey()) || '[]');
      return Array.isArray(endings)
        ? endings.filter(function (e) { return e && e.sessionId && Array.isArray(e.events); }) : [];
    } catch (e) { return []; }
  }

  /** Stores the ending as it is now, or forgets it once it is done. */
  function storeEnding(ending) {
    try {
      var endings = storedEndings().filter(function (e) { return e.sessionId !== ending.sessionId; });
      if (!ending.done) { endings = endings.concat([ending]).slice(-MAX_ENDINGS); }
      if (endings.length) { window.localStorage.setItem(endingsKey(), JSON.stringify(endings)); }
      else { window.localStorage.removeItem(endingsKey()); }
    } catch (e) { log(e); }
  }

  /**
   * Sends an ending's events batch after batch, then its end, one request after another (so the end cannot overtake
   * a batch). Stops at a failure that may pass (no network, 429, 5xx) and keeps the rest for later; resolves true once
   * done. A session the server has ended or forgotten meanwhile (409, 404) takes nothing more: the ending is done, and
   * a page close's events (carry) go into this page's session if it is the same user's.
   */
  function finishEnding(ending) {
    var batch = takeBatch(ending.events);
    var request = batch.length
      ? post('/api/v1/sessions/' + ending.sessionId + '/events', { events: batch })
      : post('/api/v1/sessions/' + ending.sessionId + '/end', { reason: reasonOf(ending.reason) });
    return request.then(function (res) {
      if (res.status === 429 || res.status >= 500) { return false; }
      if (batch.length && (res.status === 202 || res.status === 400 || res.status === 413)) {
        // Stored, or refused for good (the events a 400 names, else the batch): either way they are gone.
        ending.events = without(ending.events, res.status === 400 ? refusedEvents(batch, res.json) : batch);
        storeEnding(ending);
        return finishEnding(ending);
      }
      if (batch.length && ending.carry && (res.status === 409 || res.status === 404)) {
        // A page closed with endOnPageClose: what its session could no longer take goes into this page's session.
        if (cfg && !s.ended && !s.disabled && s.userId === ending.userId) { requeue(ending.events); flush(); }
      }
      ending.done = true;
      storeEnding(ending);
      return true;
    }, function (e) {
      log(e);
      return false;
    });
  }

  /** A reason the server takes: an unknown one is a logout (the session must end all the same). */
  function reasonOf(reason) {
    if (reason === undefined || reason === null) { return 'logout'; }
    if (REASONS.indexOf(reason) >= 0) { return reason; }
    log(['the session ends as logout: an end reason is one of ' + REASONS.join(', ') + ', not', reason]);
    return 'logout';
  }

  /** Finishes the endings this origin keeps, one after another (what fails stays for the next try). */
  function finishStoredEndings() {
    if (!cfg || s.disabled) { return Promise.resolve(); }
    return storedEndings().reduce(function (previous, ending) {
      return previous.then(function () { return finishEnding(ending); });
    }, Promise.resolve());
  }

  // ---- heartbeats and time ----

  function visible() { return document.visibilityState === undefined || document.visibilityState === 'visible'; }

  function heartbeat() {
    if (!s.sessionId || s.ended || s.disabled || !visible()) { return Promise.resolve(); }
    if (idle() && !adoptStored()) {
      // Hidden or silent for longer than the idle timeout: that session is over, a new one starts now.
      s.sessionId = null;
      return begin();
    }
    var id = s.sessionId;
    s.nextHeartbeat = now() + cfg.heartbeatInterval;
    return post('/api/v1/sessions/' + id + '/heartbeat').then(function (res) {
      if (res.status === 200) { touch(); }
      else if (res.status === 409 || res.status === 404) { return replaceSession(id); }
    }, log);
  }

  function tick() {
    var due = [];
    if (!s.sessionId) {
      // No session: its start failed (or the server ended it and the next start failed); try again after the back-off.
      if (!s.starting && startable() && now() >= s.retryAt) { due.push(begin()); }
    } else {
      if (now() >= s.nextHeartbeat) { due.push(heartbeat()); }
      if (s.queue.length && (now() >= s.nextFlush || (s.retryAt && now() >= s.retryAt))) { due.push(flush()); }
    }
    return Promise.all(due);
  }

  // ---- page lifecycle ----

  /**
   * The page may be going away: send everything still queued with keepalive, whether or not a batch is in flight
   * (the server drops what it already has by event id). Keepalive requests share 64 KiB, so at most that much.
   */
  function flushBeforeLeaving() {
    if (!s.sessionId || !s.queue.length || s.ended || s.disabled) { return; }
    var batch = takeBatch(s.queue);
    post('/api/v1/sessions/' + s.sessionId + '/events', { events: batch }, true).then(function (res) {
      if (res.status === 202) { dropFromQueue(batch); touch(); }
    }, log);
  }

  function onVisibility() {
    if (!cfg || s.ended) { return; }
    // Hidden, the page may be discarded without a pagehide (mobile browsers): what it leaves is kept until it is
    // visible again, or another page of the session starts.
    if (visible()) { takePending(); heartbeat(); } else { flushBeforeLeaving(); keepPending(); }
  }

  function onPageHide() {
    if (!cfg || s.ended) { return; }
    // With endOnPageClose, a page put into the back/forward cache (persisted) has been left as well.
    if (cfg.endOnPageClose && s.sessionId) { closeSession(); } else { flushBeforeLeaving(); keepPending(); }
  }

  /**
   * endOnPageClose: one keepalive request (at most 64 KiB) carries the first batch of the queue and the end,
   * ?end=navigation, so that the end cannot overtake the batch. The whole queue is kept as an ending for the next page
   * of the origin (finishEnding): if that request failed, it sends the events and then the end; if it arrived, the
   * server takes its batch again as duplicates, and what it could not carry goes into the next page's session.
   */
  function closeSession() {
    var id = s.sessionId;
    var ending = { sessionId: id, userId: s.userId, reason: 'navigation', carry: true,
      events: union(pendingOf(id), s.queue) };
    var batch = takeBatch(ending.events);
    storeEnding(ending);
    forget();
    s.sessionId = null;
    s.queue = [];
    (batch.length ? post('/api/v1/sessions/' + id + '/events?end=navigation', { events: batch }, true)
      : post('/api/v1/sessions/' + id + '/end', { reason: 'navigation' }, true)).then(function (res) {
      if (res.status === 202 || res.status === 200) {
        ending.events = without(ending.events, batch);
        ending.done = !ending.events.length;
        storeEnding(ending);
      }
    }, log);
  }

  /** A page that endOnPageClose ended as it went into the back/forward cache is back: a new session starts. */
  function onPageShow(event) {
    if (!cfg || s.ended || !event.persisted || !cfg.endOnPageClose || s.sessionId) { return; }
    finishStoredEndings();
    s.lastPage = null;
    if (cfg.trackPageViews) { pageView(); }
    begin();
  }

  function onStorage(event) {
    if (cfg && event.key === cfg.storageKey && !s.ended) { adoptStored(); }
  }

  /** A page view, unless the path and query are those of the last one (routers replaceState for scroll positions). */
  function pageView() {
    if (page() === s.lastPage) { return; }
    s.lastPage = page();
    enqueue('page_view', { page: s.lastPage });
  }

  function listen() {
    if (listening) { return; }
    listening = true;
    document.addEventListener('visibilitychange', safe(onVisibility));
    window.addEventListener('pagehide', safe(onPageHide));
    window.addEventListener('pageshow', safe(onPageShow));
    window.addEventListener('storage', safe(onStorage));
    window.addEventListener('online', safe(finishStoredEndings));
    window.addEventListener('error', safe(function (e) {
      captured(String(e.message || 'error'), { source: e.filename, line: e.lineno });
    }));
    window.addEventListener('unhandledrejection', safe(function (e) {
      captured(String(e.reason && e.reason.message || e.reason));
    }));
    ['pushState', 'replaceState'].forEach(function (name) {
      var original = window.history[name];
      if (typeof original !== 'function') { return; }
      window.history[name] = function () {
        var result = original.apply(this, arguments);
        safe(function () { if (cfg && cfg.trackPageViews) { pageView(); } })();
        return result;
      };
    });
    ['popstate', 'hashchange'].forEach(function (name) {
      window.addEventListener(name, safe(function () { if (cfg && cfg.trackPageViews) { pageView(); } }));
    });
  }

  /**
   * An uncaught error becomes an error event, throttled: a page that throws on every frame would otherwise send
   * thousands. The same message goes at most once every ERROR_REPEAT ms, and at most ERROR_BUDGET errors a minute.
   */
  function captured(message, data) {
    if (!cfg || !cfg.captureErrors) { return; }
    var t = now();
    s.errorTimes = s.errorTimes.filter(function (at) { return t - at < 60000; });
    if (s.errorTimes.length >= ERROR_BUDGET || t - (s.errorsSeen[message] || -Infinity) < ERROR_REPEAT) { return; }
    if (Object.keys(s.errorsSeen).length >= 100) { s.errorsSeen = {}; }
    s.errorsSeen[message] = t;
    s.errorTimes.push(t);
    api.error(message, data);
  }

  function doNotTrack() {
    return window.navigator.doNotTrack === '1' || window.doNotTrack === '1'
      || window.navigator.globalPrivacyControl === true;
  }

  // ---- the public API ----

  var api = {
    version: '1.3.0',

    init: safe(function (options) {
      cfg = {};
      Object.keys(DEFAULTS).forEach(function (k) {
        cfg[k] = options && options[k] !== undefined ? options[k] : DEFAULTS[k];
      });
      if (cfg.endpoint === null) {
        cfg.endpoint = script && script.src ? new URL(script.src, window.location.href).origin : '';
      }
      cfg.endpoint = String(cfg.endpoint).replace(/\/+$/, '');
      s.disabled = cfg.respectDoNotTrack && doNotTrack();
      var user = userIdOf(cfg.userId);
      // A new page view for a new session; not again for the user that a page with no user was waiting for.
      if (s.ended || (s.userId && s.userId !== user)) { s.lastPage = null; }
      s.ended = false;
      s.refused = false;
      s.retryAt = s.backoff = 0;
      s.userId = user;
      s.userHash = s.userId && typeof cfg.userHash === 'string' && cfg.userHash ? cfg.userHash : null;
      finishStoredEndings(); // an earlier page's, which needs no user (a page after a logout may have none)
      if (s.disabled) { return Promise.resolve(null); }
      listen();
      if (!s.ticker) { s.ticker = window.setInterval(safe(tick), 1000); }
      s.sessionId = null;
      // Queued before the start: a start that fails is tried again, and with no user the queue waits for identify().
      if (cfg.trackPageViews) { pageView(); }
      return s.userId ? begin() : Promise.resolve(null);
    }, null),

    identify: safe(function (userId, userHash) {
      if (!cfg) { return Promise.resolve(null); }
      var id = userIdOf(userId);
      if (!id) { return Promise.resolve(null); }
      // A hash proves one user: another user's is never sent.
      var hash = typeof userHash === 'string' && userHash ? userHash : id === s.userId ? s.userHash : null;
      return Promise.resolve(s.starting).then(null, log).then(function () {
        if (!s.ended && s.userId === id && s.sessionId) { return s.sessionId; }
        // Another user's session ends first, with what it queued; what was tracked with no user goes to this one.
        var previous = !s.ended && s.userId && s.userId !== id ? api.end('navigation') : Promise.resolve();
        return previous.then(function () {
          var options = {};
          Object.keys(cfg).forEach(function (k) { options[k] = cfg[k]; });
          options.userId = id;
          options.userHash = hash;
          return api.init(options);
        });
      });
    }, null),

    track: safe(function (action, data) { enqueue(action, data); }),

    error: safe(function (message, data) {
      var text = message && typeof message.message === 'string' ? message.message : message;
      if (typeof text !== 'string' || !text) { return log('error() needs a message: a non-empty string or an Error'); }
      if (!plain(data)) { return log('the data of an error must be a plain object'); }
      var d = { message: clip(text, 1000) };
      if (data) { Object.keys(data).forEach(function (k) { d[k] = data[k]; }); }
      enqueue('error', d);
    }),

    workflowStart: safe(function (id) { workflow('workflow_start', id); }),

    workflowComplete: safe(function (id) { workflow('workflow_complete', id); }),

    /** Sends everything queued, batch after batch, unless a failed batch made it wait for its back-off. */
    flush: safe(function () { return drain().then(function () { return undefined; }); }),

    end: safe(function (reason) {
      if (!cfg || s.ended) { return Promise.resolve(); }
      reason = reasonOf(reason);
      // Everything queued goes first, without waiting for a back-off (a batch in flight may fail and set one), and
      // the session ended is the one that took it: the server may have ended the first and the SDK started another.
      return Promise.resolve(s.sending).then(function () {
        s.retryAt = 0;
        return drain();
      }).then(function () {
        // What a failed batch left queued goes before the end; if that fails too, a later page of this origin (or
        // this one, back online) sends it and then the end (finishEnding).
        var ending = { sessionId: s.sessionId, reason: reason, events: s.queue };
        s.ended = true;
        s.queue = [];
        s.sessionId = null;
        forget();
        if (ending.sessionId) {
          storeEnding(ending);
          return finishEnding(ending);
        }
      }).then(function () { return undefined; });
    }),

    getSessionId: safe(function () { return s.ended ? null : s.sessionId; }, null),

    /** For tests: moves this SDK's clock forward and runs whatever became due. */
    _advance: safe(function (ms) {
      s.offset += Number(ms) || 0;
      return tick().then(function () { return undefined; });
    }),

    _state: safe(function () {
      return { sessionId: s.sessionId, userId: s.userId, queued: s.queue.length, ended: s.ended };
    })
  };

  window.SessionTracker = api;

  // <script src=".../session-tracker.js" data-user-id="u-42" data-track-page-views="true"> starts by itself.
  if (script && script.dataset && script.dataset.userId) {
    var d = script.dataset;
    api.init({
      userId: d.userId, endpoint: d.endpoint || null, userHash: d.userHash || null,
      trackPageViews: d.trackPageViews === 'true', captureErrors: d.captureErrors === 'true',
      endOnPageClose: d.endOnPageClose === 'true', respectDoNotTrack: d.respectDoNotTrack === 'true'
    });
  }
})(window, document);
