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
    storageKey: 'session-tracker', maxQueue: 500, debug: false,
    // the query parameters a page keeps (true: all of them): a query may carry tokens, codes and e-mail addresses
    pageQuery: ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'],
    pageFilter: null // the page's function that rewrites each page as it goes (a token in a path segment)
  };
  var MAX_EVENTS_PER_BATCH = 100;
  var MAX_BATCH_BYTES = 60000; // under the 64 KiB that keepalive requests and the server allow
  var MAX_DATA_BYTES = 8192; // an event's data as JSON, as the server allows
  var MAX_BACKOFF = 60000;
  var MAX_ENDINGS = 10; // sessions end() could not finish ending, kept for later (each with its events)
  var REASONS = ['logout', 'timeout', 'error', 'navigation'];
  var ERROR_REPEAT = 60000; // a captured error with the same message goes at most once a minute,
  var ERROR_BUDGET = 10; // and at most this many captured errors a minute
  var LOCK_HOLD = 10000; // the longest one tab's start keeps the other tabs of the origin waiting for it
  var HANDOFF = 3000; // how long a tab announces the session it started to the tabs that waited for it
  var script = document.currentScript;

  var cfg = null;
  var listening = false;
  // What belongs to the page, whoever its user is. skew: what the device's clock is behind the server's, once known;
  // over: the sessions the page knows are over (it ended them, or the server said so), never joined again.
  var g = {
    disabled: false, offset: 0, skew: null, ticker: null, idMs: 0, idSeq: 0, lastPage: null, errorsSeen: {},
    errorTimes: [], over: {}
  };
  // The current user's session and queue. A call decides whose they are when it is made: a switch of user or end()
  // replaces s with a new context at once, and the old one (retire) delivers its queue to its session and ends it.
  var s = context(null);
  s.ended = true;

  function context(userId) {
    return {
      userId: userId, userHash: null, sessionId: null, refused: false, ended: false, queue: [], lastActivity: 0,
      nextHeartbeat: 0, nextFlush: 0, retryAt: 0, backoff: 0, starting: null, sending: null
    };
  }

  function now() { return Date.now() + g.offset; }

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
    var ms = Math.max(Math.floor(now()), g.idMs);
    g.idSeq = ms === g.idMs ? g.idSeq + 1 : 0;
    g.idMs = ms;
    var r = new Uint32Array(1);
    if (window.crypto && window.crypto.getRandomValues) { window.crypto.getRandomValues(r); }
    else { r[0] = Math.random() * 0x100000000; }
    var n = g.idSeq;
    var h = hex(ms, 12) + '7' + hex(Math.floor(n / 0x40000000) & 0xfff, 3)
      + hex(0x8000 | (Math.floor(n / 0x10000) & 0x3fff), 4) + hex(n & 0xffff, 4) + hex(r[0], 8);
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function hex(n, digits) { return (n + Math.pow(16, digits)).toString(16).slice(1); }

  /**
   * JSON text of the value, whatever the page put on Array.prototype.toJSON or Object.prototype.toJSON (Prototype.js
   * 1.6 makes arrays strings): those are set aside while it is written.
   */
  function json(value) {
    var protos = [Array.prototype, Object.prototype];
    var kept = protos.map(function (proto) {
      var own = Object.getOwnPropertyDescriptor(proto, 'toJSON');
      if (own && own.configurable) { delete proto.toJSON; return own; }
      return null;
    });
    try {
      return JSON.stringify(value);
    } finally {
      protos.forEach(function (proto, i) { if (kept[i]) { Object.defineProperty(proto, 'toJSON', kept[i]); } });
    }
  }

  // ---- storage: one session per user, shared by the tabs of this origin ----

  function load() {
    try { return JSON.parse(window.localStorage.getItem(cfg.storageKey) || 'null'); } catch (e) { return null; }
  }

  /** Stores the current context's session for the other tabs (a retired context's is no longer theirs). */
  function save(c) {
    if (c !== s) { return; }
    try {
      window.localStorage.setItem(cfg.storageKey,
        json({ sessionId: c.sessionId, userId: c.userId, lastActivity: c.lastActivity, skew: g.skew }));
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
      var events = union(pendingOf(s.sessionId, s.userId), s.queue);
      if (events.length > cfg.maxQueue) {
        log('kept the newest ' + cfg.maxQueue + ' (maxQueue) of ' + events.length + ' queued events for the next page');
      }
      window.localStorage.setItem(pendingKey(), json({ sessionId: s.sessionId, userId: s.userId,
        events: events.slice(-cfg.maxQueue) }));
    } catch (e) { log(e); }
  }

  /** The events pages of this session left (keepPending), or pages of this user that had no session. */
  function pendingOf(sessionId, userId) {
    try {
      var kept = JSON.parse(window.localStorage.getItem(pendingKey()) || 'null');
      return kept && Array.isArray(kept.events) && (kept.sessionId ? kept.sessionId === sessionId
        : kept.userId === userId) ? kept.events : [];
    } catch (e) { return []; }
  }

  /** The events of {@code first}, then those of {@code second} it does not hold (by event id). */
  function union(first, second) {
    var ids = {};
    first.forEach(function (e) { ids[e.id] = true; });
    return first.concat(second.filter(function (e) { return !ids[e.id]; }));
  }

  /** Queues what pages of the current session left behind (keepPending); another session's can no longer go. */
  function takePending(c) {
    if (!c.sessionId || c !== s) { return; }
    try {
      var events = pendingOf(c.sessionId, c.userId);
      window.localStorage.removeItem(pendingKey());
      requeue(c, events);
    } catch (e) { log(e); }
  }

  /** Puts events that an earlier page could not send in front of the queue, to go now. */
  function requeue(c, events) {
    if (!events.length) { return; }
    c.queue = union(events, c.queue);
    bound(c);
    c.nextFlush = Math.min(c.nextFlush || Infinity, now());
  }

  /**
   * maxQueue bounds what waits because it cannot go now (no user yet, a start refused, a failed start or batch in
   * its back-off): beyond it the oldest events are dropped, with a warning. A queue that can be sent (a burst on a
   * healthy connection) goes whole, batch after batch.
   */
  function bound(c) {
    var excess = c.queue.length - cfg.maxQueue;
    if (excess <= 0 || (c.userId && !c.refused && !c.backoff)) { return; }
    c.queue.splice(0, excess);
    log('dropped the ' + excess + ' oldest queued events: more than maxQueue (' + cfg.maxQueue
      + ') wait while they cannot be sent');
  }

  /**
   * Takes over a session another tab started or kept alive, if it belongs to this user and is not idle. A retired
   * context takes none: a stored session of its user is the next one, not its own.
   */
  function adoptStored(c) {
    var stored = load();
    if (c === s && stored && stored.userId === c.userId && stored.sessionId
        && now() - stored.lastActivity <= cfg.idleTimeout) {
      c.sessionId = stored.sessionId;
      c.lastActivity = Math.max(c.lastActivity, stored.lastActivity);
      takeSkew(stored.skew);
      return true;
    }
    return false;
  }

  /**
   * The device's clock offset another page of the origin learnt, until a start here learns it: a tab that joins
   * another's session has no start's answer of its own.
   */
  function takeSkew(skew) {
    if (g.skew === null && typeof skew === 'number' && isFinite(skew)) { g.skew = skew; }
  }

  function touch(c) {
    c.lastActivity = now();
    save(c);
  }

  function idle(c) { return now() - c.lastActivity > cfg.idleTimeout; }

  /**
   * Learns how far the device's clock is from the server's from an answer's time (to within half the round trip),
   * so that events carry the server's time: it refuses timestamps more than 24 h off. A clock within a few seconds
   * is left as it is, and a learnt offset changes only when the clock moved, so that timestamps keep their order.
   */
  function learnClock(sent, serverTime) {
    var server = Date.parse(serverTime);
    if (!isFinite(server)) { return; }
    var received = now();
    var slack = 2000 + (received - sent);
    var skew = server - (sent + received) / 2;
    if (Math.abs(skew) < slack) { skew = 0; }
    if (g.skew === null || Math.abs(skew - g.skew) >= slack) { g.skew = skew; }
  }

  /** Events as they go: the time they were tracked, on the server's clock as far as it is known. */
  function wire(events) {
    return events.map(function (e) {
      var out = { id: e.id, action: e.action, timestamp: e.timestamp || new Date(e.t + (g.skew || 0)).toISOString() };
      if (e.data !== undefined) { out.data = e.data; }
      return out;
    });
  }

  // ---- transport ----

  function post(path, body, keepalive) {
    var init = {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'omit',
      keepalive: !!keepalive, body: body === undefined ? undefined : json(body)
    };
    return window.fetch(cfg.endpoint + path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: res.status, json: json, retryAfter: Number(res.headers.get('Retry-After')) || 0 };
      });
    });
  }

  /**
   * The page: path and query, and the hash too when it is a hash router's route (`#/settings`, `#!/settings`); an
   * anchor within the page (`#details`) is no page of its own. Of each query only the parameters of `pageQuery` stay;
   * in a route, a segment with a `=` starts its query too (`#/access_token=...&token_type=bearer`, how hash routers
   * receive a sign-in's answer), and a path's `;` parameters (`;jsessionid=...`) go.
   */
  function page() {
    var hash = window.location.hash || '';
    var route = /^#!?\//.test(hash) ? hash : '';
    var q = route.indexOf('?');
    if (q < 0) {
      var assignment = /\/[^\/]*=/.exec(route);
      q = assignment ? assignment.index + 1 : -1;
    }
    if (q >= 0) { route = route.slice(0, q) + keptQuery('?' + route.slice(q).replace(/^\?/, '')); }
    var path = window.location.pathname.replace(/;[^\/]*/g, '');
    return String(path + keptQuery(window.location.search) + route).slice(0, 2048);
  }

  /** The page as pageFilter rewrites it; a filter that throws or gives no string leaves it as it is. */
  function filtered(p) {
    if (!cfg.pageFilter) { return p; }
    try {
      var out = cfg.pageFilter(p);
      if (typeof out === 'string') { return clip(out, 2048); }
      log('pageFilter gave no string: the page goes as it is');
    } catch (e) { log(e); }
    return p;
  }

  /** What a query (`?a=1&b=2`, or '') keeps of its parameters: those named in `pageQuery`, in their order. */
  function keptQuery(query) {
    if (!query || cfg.pageQuery === true) { return query || ''; }
    var names = Array.isArray(cfg.pageQuery) ? cfg.pageQuery : [];
    var kept = query.slice(1).split('&').filter(function (pair) {
      var name = pair.split('=')[0];
      try { name = decodeURIComponent(name.replace(/\+/g, ' ')); } catch (e) { return false; }
      return names.indexOf(name) >= 0;
    });
    return kept.length ? '?' + kept.join('&') : '';
  }

  /** The page the visitor came from, without its query and fragment (a search's terms, a token). */
  function referrer() {
    return document.referrer ? cleanAddress(document.referrer) : undefined;
  }

  /**
   * A URL without its query, fragment and `;` parameters, which may carry tokens (undefined if it is none); a path
   * of this origin is one of its pages, and goes through pageFilter as they do.
   */
  function cleanAddress(address) {
    try {
      var url = new URL(address);
      var path = url.pathname.replace(/;[^\/]*/g, '');
      return url.origin === 'null' ? undefined
        : clip(url.origin + (url.origin === window.location.origin ? filtered(path) : path), 2048);
    } catch (e) {
      return undefined;
    }
  }

  function startSession(c) {
    if (c.starting) { return c.starting; }
    if (adoptStored(c)) { return Promise.resolve(c.sessionId); }
    var starting = c.starting = oneTabAtATime(c);
    starting.then(done, done);
    function done() { if (c.starting === starting) { c.starting = null; } }
    return starting;
  }

  /**
   * Starts a session while no other tab of the origin starts one for the same user (Web Locks): tabs opened at the
   * same moment (a browser restoring them) would each find no session stored and each start one, leaving all but one
   * empty and open until the idle timeout. In turn, the next tab finds the session the one before started: in
   * localStorage, or, as other tabs may see that write late (each process keeps its copy), in what the starting tab
   * announced to the waiting ones before it let the lock go (a lock's name: the browser answers lock requests and
   * queries in order). The start's lock goes with its answer, or after LOCK_HOLD at the latest (a start that hangs
   * keeps the others waiting no longer: they start their own), and with the tab if it is closed. Without Web Locks
   * (older browsers, pages not in a secure context) or a lock to be had (an opaque origin), each tab starts on its
   * own.
   */
  function oneTabAtATime(c) {
    var locks = window.navigator && window.navigator.locks;
    if (!locks || typeof locks.request !== 'function' || typeof locks.query !== 'function') { return requestStart(c); }
    var name = 'session-tracker ' + json([cfg.storageKey, c.userId]);
    var started = null;
    return locks.request(name, function () {
      started = Promise.resolve().then(function () {
        return adoptStored(c) || adoptAnnounced(c, locks, name);
      }).then(function (adopted) {
        return adopted ? c.sessionId : requestStart(c).then(function (id) {
          return announce(c, locks, name).then(function () { return id; });
        });
      });
      return new Promise(function (release) {
        started.then(release, release);
        window.setTimeout(release, LOCK_HOLD);
      });
    }).then(function () { return started; }, function (e) {
      if (started) { return started; }
      log(e);
      return requestStart(c);
    });
  }

  /**
   * Tells the tabs that wait for the lock which session the context started: holds for HANDOFF ms a lock named after
   * the session and those tabs (their clientId), none if no tab waits. Resolves once it is held.
   */
  function announce(c, locks, name) {
    if (c !== s) { return Promise.resolve(); } // a retired context's session is being ended: no tab is to join it
    return locks.query().then(function (state) {
      var waiting = (state && state.pending || []).filter(function (lock) { return lock.name === name; })
        .map(function (lock) { return lock.clientId; });
      if (!waiting.length) { return undefined; }
      var session = { sessionId: c.sessionId, lastActivity: c.lastActivity, skew: g.skew, tabs: waiting };
      return new Promise(function (held) {
        locks.request(name + ' started ' + json(session), { mode: 'shared' }, function () {
          held();
          return new Promise(function (release) { window.setTimeout(release, HANDOFF); });
        }).then(null, function (e) { log(e); held(); });
      });
    }).then(null, log);
  }

  /**
   * Takes over the session a tab announced to this one (announce) as this one waited for the lock, which it now holds,
   * unless this page knows that session is over: resolves whether it did.
   */
  function adoptAnnounced(c, locks, name) {
    var prefix = name + ' started ';
    return locks.query().then(function (state) {
      var held = state && state.held || [];
      var mine = held.filter(function (lock) { return lock.name === name; })[0]; // the lock this tab waited for
      var me = mine && mine.clientId;
      var latest = null;
      held.forEach(function (lock) {
        var session = null;
        try { session = lock.name.indexOf(prefix) === 0 ? JSON.parse(lock.name.slice(prefix.length)) : null; }
        catch (e) { log(e); }
        if (me && session && Array.isArray(session.tabs) && session.tabs.indexOf(me) >= 0 && !g.over[session.sessionId]
            && (!latest || session.lastActivity > latest.lastActivity)) {
          latest = session;
        }
      });
      if (c !== s || !latest || !latest.sessionId || now() - latest.lastActivity > cfg.idleTimeout) { return false; }
      c.sessionId = latest.sessionId;
      c.lastActivity = Math.max(c.lastActivity, latest.lastActivity);
      takeSkew(latest.skew);
      return true;
    }).then(null, function (e) {
      log(e);
      return false;
    });
  }

  /** Asks the server for a new session for the context, and stores it for the other tabs. */
  function requestStart(c) {
    // The entry page in the form of page views; the server takes its host from the request's Origin.
    var body = {
      userId: c.userId, device: { screenSize: window.screen ? window.screen.width + 'x' + window.screen.height : undefined },
      entry: { page: filtered(page()), referrer: referrer() }
    };
    if (c.userHash) { body.userHash = c.userHash; }
    var sent = now();
    return post('/api/v1/sessions/start', body).then(function (res) {
      if (res.status !== 201 || !res.json) {
        var e = new Error('start answered ' + res.status);
        e.status = res.status;
        e.retryAfter = res.retryAfter;
        throw e;
      }
      learnClock(sent, res.json.startTime);
      c.sessionId = res.json.id;
      c.nextHeartbeat = now() + cfg.heartbeatInterval;
      c.backoff = c.retryAt = 0;
      touch(c);
      return c.sessionId;
    });
  }

  /** Whether a session can be started: there is a user, whom the server did not refuse (400, 403) for good. */
  function startable(c) { return !!c.userId && !c.refused && !c.ended && !g.disabled; }

  /**
   * Gets a session (started or resumed) and queues what earlier pages left for it; a start that fails is tried again
   * by tick() with the back-off, what is tracked meanwhile waits in the queue. Resolves to the session id or null.
   */
  function begin(c) {
    return ensureSession(c).then(function (id) {
      takePending(c);
      return id;
    }, function (e) {
      failed(c, e);
      return null;
    });
  }

  /** A request failed or a start was refused: back off, and stop starting for a refusal that would last. */
  function failed(c, e) {
    log(e);
    // 400 and 403 (a userId or userHash the server refuses) would fail forever; anything else may pass.
    if (e && (e.status === 400 || e.status === 403)) { c.refused = true; }
    backOff(c, e && e.retryAfter || 0);
  }

  /**
   * The session to write to: the current one, another tab's, or a new one if the last activity is too old. A retired
   * context keeps its session (its end follows at once); the server's 409 says if it is over.
   */
  function ensureSession(c) {
    if (c.sessionId && (c !== s || !idle(c))) { return Promise.resolve(c.sessionId); }
    if (c.sessionId && !adoptStored(c)) { c.sessionId = null; }
    return c.sessionId ? Promise.resolve(c.sessionId) : startSession(c);
  }

  /** The server ended or forgot the session: another tab may already have a new one, else start one. */
  function replaceSession(c, endedId) {
    g.over[endedId] = true;
    var stored = load();
    if (stored && stored.sessionId === endedId) { forget(); }
    if (c.sessionId === endedId) { c.sessionId = null; }
    return ensureSession(c);
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
    if (!cfg || s.ended || g.disabled) { return; }
    if (typeof action !== 'string' || !action) { return log('an action must be a non-empty string'); }
    if (!plain(data)) { return log('the data of ' + action + ' must be a plain object'); }
    // t: when it was tracked on the device's clock; wire() makes it the server's time as it goes.
    var event = { id: uuid(), action: clip(action, 50), t: now() };
    if (data !== undefined && data !== null) {
      var text = json(data);
      if (typeof text !== 'string' || text.charAt(0) !== '{' || byteLength(text) > MAX_DATA_BYTES) {
        throw new Error('the data of ' + event.action + ' is not a JSON object of at most ' + MAX_DATA_BYTES
          + ' bytes');
      }
      event.data = JSON.parse(text);
    }
    s.queue.push(event);
    bound(s);
    if (s.queue.length === 1) { s.nextFlush = now() + cfg.flushInterval; }
    if (s.queue.length >= cfg.batchSize) { flush(s); }
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
      var size = byteLength(json(wire([events[i]])[0])) + 1;
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

  function dropFromQueue(c, batch) { c.queue = without(c.queue, batch); }

  function backOff(c, retryAfterSeconds) {
    c.backoff = Math.min(MAX_BACKOFF, Math.max(1000, c.backoff * 2));
    c.retryAt = now() + Math.max(c.backoff, retryAfterSeconds * 1000);
    bound(c);
  }

  /**
   * A 409 for a session that holds as many events as the server allows (against runaway pages), not an ended one:
   * a new session would only get around the limit, so the batch goes and the session stays.
   */
  function limitReached(res) {
    return res.status === 409 && !!res.json && /event-limit-reached$/.test(String(res.json.type));
  }

  /**
   * Sends a batch of the context's queue; while at least a batch is queued and the server takes them, the next
   * follows as soon as one is answered (a burst goes at once, a request at a time, in order). A retry sends the same
   * event ids, so the server stores each once.
   */
  function flush(c) {
    if (c.sending) { return c.sending; }
    if (!c.queue.length || c.ended || g.disabled || now() < c.retryAt) { return Promise.resolve(); }
    if (!c.sessionId && !startable(c)) { return Promise.resolve(); } // no user yet: the queue waits for identify()
    var batch = takeBatch(c.queue);
    var attempt = function (id, again) {
      return post('/api/v1/sessions/' + id + '/events', { events: wire(batch) }).then(function (res) {
        var refused = res.status === 400 ? refusedEvents(batch, res.json) : batch;
        if (refused.length < batch.length) {
          // The server named the events it refused: they go, the rest of the batch goes again at once.
          dropFromQueue(c, refused);
          batch = without(batch, refused);
          return attempt(id, again);
        }
        if (limitReached(res)) {
          log('dropped ' + batch.length + ' events: the session holds as many events as the server allows');
          dropFromQueue(c, batch);
        } else if (res.status === 202 || res.status === 400 || res.status === 413) {
          // 400/413 would fail forever: drop the batch rather than block the queue behind it.
          dropFromQueue(c, batch);
          c.backoff = 0;
          c.retryAt = 0;
          touch(c);
        } else if ((res.status === 409 || res.status === 404) && again) {
          return replaceSession(c, id).then(function (next) { return attempt(next, false); });
        } else {
          backOff(c, res.retryAfter);
        }
      });
    };
    var sending = c.sending = ensureSession(c).then(function (id) { return attempt(id, true); })
      .then(null, function (e) { failed(c, e); });
    sending.then(function () {
      if (c.sending === sending) { c.sending = null; }
      c.nextFlush = now() + cfg.flushInterval;
      if (c.queue.length >= cfg.batchSize && now() >= c.retryAt) { return flush(c); }
    });
    return sending;
  }

  /**
   * Sends the queued batches one after another until the queue is empty or a batch goes nowhere (what is left stays
   * queued), waiting for the batch in flight and for the ones flush() chains by itself.
   */
  function drain(c) {
    var before = c.queue.length;
    return flush(c).then(function () {
      if (c.sending || (c.queue.length && c.queue.length < before)) { return drain(c); }
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
    g.over[ending.sessionId] = true;
    try {
      var endings = storedEndings().filter(function (e) { return e.sessionId !== ending.sessionId; });
      if (!ending.done) { endings = endings.concat([ending]).slice(-MAX_ENDINGS); }
      if (endings.length) { window.localStorage.setItem(endingsKey(), json(endings)); }
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
      ? post('/api/v1/sessions/' + ending.sessionId + '/events', { events: wire(batch) })
      : post('/api/v1/sessions/' + ending.sessionId + '/end', { reason: reasonOf(ending.reason) });
    return request.then(function (res) {
      if (res.status === 429 || res.status >= 500) { return false; }
      if (batch.length && (res.status === 202 || res.status === 400 || res.status === 413 || limitReached(res))) {
        // Stored, or refused for good (the events a 400 names, else the batch): either way they are gone.
        ending.events = without(ending.events, res.status === 400 ? refusedEvents(batch, res.json) : batch);
        storeEnding(ending);
        return finishEnding(ending);
      }
      if (batch.length && ending.carry && (res.status === 409 || res.status === 404)) {
        // A page closed with endOnPageClose: what its session could no longer take goes into this page's session.
        if (cfg && !s.ended && !g.disabled && s.userId === ending.userId) { requeue(s, ending.events); flush(s); }
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
    if (!cfg || g.disabled) { return Promise.resolve(); }
    return storedEndings().reduce(function (previous, ending) {
      return previous.then(function () { return finishEnding(ending); });
    }, Promise.resolve());
  }

  // ---- heartbeats and time ----

  function visible() { return document.visibilityState === undefined || document.visibilityState === 'visible'; }

  function heartbeat() {
    var c = s;
    if (!c.sessionId || c.ended || g.disabled || !visible()) { return Promise.resolve(); }
    if (idle(c) && !adoptStored(c)) {
      // Hidden or silent for longer than the idle timeout: that session is over, a new one starts now.
      c.sessionId = null;
      return begin(c);
    }
    var id = c.sessionId;
    c.nextHeartbeat = now() + cfg.heartbeatInterval;
    return post('/api/v1/sessions/' + id + '/heartbeat').then(function (res) {
      if (c !== s) { return; } // the user changed or end() was called meanwhile: that context is being ended
      if (res.status === 200) { touch(c); }
      else if (res.status === 409 || res.status === 404) { return replaceSession(c, id); }
    }, log);
  }

  function tick() {
    var due = [];
    if (s.ended) { return Promise.resolve(); }
    if (!s.sessionId) {
      // No session: its start failed (or the server ended it and the next start failed); try again after the back-off.
      if (!s.starting && startable(s) && now() >= s.retryAt) { due.push(begin(s)); }
    } else {
      if (now() >= s.nextHeartbeat) { due.push(heartbeat()); }
      if (s.queue.length && (now() >= s.nextFlush || (s.retryAt && now() >= s.retryAt))) { due.push(flush(s)); }
    }
    return Promise.all(due);
  }

  // ---- page lifecycle ----

  /**
   * The page may be going away: send everything still queued with keepalive, whether or not a batch is in flight
   * (the server drops what it already has by event id). Keepalive requests share 64 KiB, so at most that much.
   */
  function flushBeforeLeaving() {
    var c = s;
    if (!c.sessionId || !c.queue.length || c.ended || g.disabled) { return; }
    var batch = takeBatch(c.queue);
    post('/api/v1/sessions/' + c.sessionId + '/events', { events: wire(batch) }, true).then(function (res) {
      if (res.status === 202) { dropFromQueue(c, batch); touch(c); }
    }, log);
  }

  function onVisibility() {
    if (!cfg || s.ended) { return; }
    // Hidden, the page may be discarded without a pagehide (mobile browsers): what it leaves is kept until it is
    // visible again, or another page of the session starts.
    if (visible()) { takePending(s); heartbeat(); } else { flushBeforeLeaving(); keepPending(); }
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
      events: union(pendingOf(id, s.userId), s.queue) };
    var batch = takeBatch(ending.events);
    storeEnding(ending);
    forget();
    s.sessionId = null;
    s.queue = [];
    (batch.length ? post('/api/v1/sessions/' + id + '/events?end=navigation', { events: wire(batch) }, true)
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
    g.lastPage = null;
    if (cfg.trackPageViews) { pageView(); }
    begin(s);
  }

  function onStorage(event) {
    if (cfg && event.key === cfg.storageKey && !s.ended) { adoptStored(s); }
  }

  /** A page view, unless the path and query are those of the last one (routers replaceState for scroll positions). */
  function pageView() {
    if (page() === g.lastPage) { return; }
    g.lastPage = page();
    enqueue('page_view', { page: filtered(g.lastPage) });
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
      var source = e.filename ? cleanAddress(e.filename) : undefined; // an inline script's: the page's address
      captured(String(e.message || 'error'), { source: source, line: e.lineno });
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
   * The URLs in it (up to a space or quote, less the punctuation that ends a sentence) lose their query, fragment and
   * `;` parameters: a failed request's message may name its token.
   */
  function captured(message, data) {
    if (!cfg || !cfg.captureErrors) { return; }
    message = message.replace(/https?:\/\/[^\s'"`]*[^\s'"`.,;:!?)\]]/gi, function (url) {
      return url.replace(/[?#].*/, '').replace(/;[^\/]*/g, '');
    });
    var t = now();
    g.errorTimes = g.errorTimes.filter(function (at) { return t - at < 60000; });
    if (g.errorTimes.length >= ERROR_BUDGET || t - (g.errorsSeen[message] || -Infinity) < ERROR_REPEAT) { return; }
    if (Object.keys(g.errorsSeen).length >= 100) { g.errorsSeen = {}; }
    g.errorsSeen[message] = t;
    g.errorTimes.push(t);
    api.error(message, data);
  }

  function doNotTrack() {
    return window.navigator.doNotTrack === '1' || window.doNotTrack === '1'
      || window.navigator.globalPrivacyControl === true;
  }

  /**
   * Ends a context that is no longer the current one (end(), or another user): what it queued (and what pages of its
   * session left in localStorage) goes to its session first, after its start or batch in flight, then the end. What
   * cannot go now is kept with the end for a later page (finishEnding). Resolves once done.
   */
  function retire(c, reason) {
    c.queue = union(pendingOf(c.sessionId, c.userId), c.queue);
    forget();
    if (c.sessionId) {
      // Kept at once, replaced as the batches go: a page that goes away right after the call (a logout or login
      // handler that redirects) leaves it to the next page of the origin, which sends it and then the end.
      storeEnding({ sessionId: c.sessionId, userId: c.userId, reason: reason, events: c.queue.slice() });
    }
    return Promise.resolve(c.starting).then(null, log).then(function () { return c.sending; }).then(function () {
      c.retryAt = 0;
      return drain(c);
    }).then(function () {
      var ending = { sessionId: c.sessionId, userId: c.userId, reason: reason, events: c.queue };
      c.ended = true;
      c.queue = [];
      if (ending.sessionId) {
        storeEnding(ending);
        return finishEnding(ending);
      }
      if (ending.events.length) { log('dropped ' + ending.events.length + ' events of a user who had no session'); }
    }).then(function () { return undefined; });
  }

  function stopTicker() {
    if (g.ticker) { window.clearInterval(g.ticker); }
    g.ticker = null;
  }

  // ---- the public API ----

  var api = {
    version: '1.6.0',

    init: safe(function (options) {
      cfg = {};
      Object.keys(DEFAULTS).forEach(function (k) {
        cfg[k] = options && options[k] !== undefined ? options[k] : DEFAULTS[k];
      });
      if (cfg.endpoint === null) {
        cfg.endpoint = script && script.src ? new URL(script.src, window.location.href).origin : '';
      }
      cfg.endpoint = String(cfg.endpoint).replace(/\/+$/, '');
      g.disabled = cfg.respectDoNotTrack && doNotTrack();
      var stored = load();
      takeSkew(stored && stored.skew);
      var user = userIdOf(cfg.userId);
      var previous = Promise.resolve();
      if (s.ended || (s.userId && s.userId !== user)) {
        // Another user (or none) than the current one: like identify(), that user's session takes what was tracked
        // until now and ends; what is tracked from now on is the new user's. A new page view for a new session; not
        // again for the user that a page with no user was waiting for (the same context: its queue goes to them).
        if (!s.ended) { previous = retire(s, 'navigation'); }
        s = context(user);
        g.lastPage = null;
      }
      s.ended = false;
      s.refused = false;
      s.retryAt = s.backoff = 0;
      s.userId = user;
      s.userHash = s.userId && typeof cfg.userHash === 'string' && cfg.userHash ? cfg.userHash : null;
      finishStoredEndings(); // an earlier page's, which needs no user (a page after a logout may have none)
      if (g.disabled) { return previous.then(function () { return null; }); }
      listen();
      if (!g.ticker) { g.ticker = window.setInterval(safe(tick), 1000); }
      // The same user's session, live in this page, is kept (begin() replaces it only once idle): localStorage may
      // not hold it (storage that throws, another tab's switch of user), and a start would leave it open and empty.
      // Queued before the start: a start that fails is tried again, and with no user the queue waits for identify().
      if (cfg.trackPageViews) { pageView(); }
      var started = s.userId ? begin(s) : Promise.resolve(null);
      return Promise.all([started, previous]).then(function (done) { return done[0]; });
    }, null),

    identify: safe(function (userId, userHash) {
      if (!cfg) { return Promise.resolve(null); }
      var id = userIdOf(userId);
      if (!id) { return Promise.resolve(null); }
      if (!s.ended && s.userId === id && (s.sessionId || s.starting)) { return begin(s); }
      // A hash proves one user: another user's is never sent.
      var options = {};
      Object.keys(cfg).forEach(function (k) { options[k] = cfg[k]; });
      options.userId = id;
      options.userHash = typeof userHash === 'string' && userHash ? userHash : id === s.userId ? s.userHash : null;
      return api.init(options);
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
    flush: safe(function () { return drain(s).then(function () { return undefined; }); }),

    /**
     * Ends the current session: what was queued before the call goes first (without waiting for a back-off), then
     * the end, to the session that took it (the server may have ended the first, and another started). Nothing
     * tracked after the call goes; init() or identify() starts a new session.
     */
    end: safe(function (reason) {
      if (!cfg || s.ended) { return Promise.resolve(); }
      reason = reasonOf(reason);
      var c = s;
      s = context(c.userId);
      s.ended = true;
      stopTicker();
      return retire(c, reason);
    }),

    getSessionId: safe(function () { return s.ended ? null : s.sessionId; }, null),

    /** For tests: moves this SDK's clock forward and runs whatever became due. */
    _advance: safe(function (ms) {
      g.offset += Number(ms) || 0;
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
      endOnPageClose: d.endOnPageClose === 'true', respectDoNotTrack: d.respectDoNotTrack === 'true',
      pageQuery: d.pageQuery === undefined ? undefined
        : d.pageQuery === 'true' || d.pageQuery.split(',').map(function (n) { return n.trim(); }),
      pageFilter: d.pageFilter ? window[d.pageFilter] : undefined // a function of the page, defined before this script
    });
  }
})(window, document);
