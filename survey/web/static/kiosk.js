// The kiosk in the browser (/k/{agency}): the screens the server rendered into <template>s
// run here without a reload; a completed response is kept on the device (IndexedDB) with its
// id and the time it was given, and sent to the machine API (POST /api/v1/responses) with the
// kiosk's device token — at once, or when the link returns. The service worker (sw.js) keeps
// this page for when the link is down. Without this script the same screens work page by page.
'use strict';
(function () {
  var main = document.getElementById('kios');
  var status = document.getElementById('status');
  if (!main || !status || !document.getElementById('k-0')) return;
  var agency = main.dataset.agency;
  var idleMs = (+main.dataset.idle || 60) * 1000;
  var thanksMs = (+main.dataset.thanks || 10) * 1000;
  var complaintUpTo = +main.dataset.complaintUpTo || 0;
  var locale = document.documentElement.lang === 'en' ? 'en' : 'id-ID';
  var tokenKey = 'skm-kios-token:' + agency;
  var startHTML = main.innerHTML;
  var loadedAt = Date.now();
  var steps = [];
  for (var i = 0; document.getElementById('k-' + i); i++) steps.push(document.getElementById('k-' + i));
  var offline = window.isSecureContext && 'serviceWorker' in navigator && 'caches' in window;

  var state = null; // {layanan, id, values, n, error} while a visitor answers
  var timer = 0;
  var auth = ''; // '', 'revoked' or 'unregistered': why waiting answers cannot go
  var notice = ''; // a line of the device's setup
  var memory = []; // completed responses, when IndexedDB cannot be opened

  // --- screens ---

  function show(fragment) {
    main.replaceChildren(fragment);
    window.scrollTo(0, 0);
    var h = main.querySelector('h1');
    if (h) {
      h.tabIndex = -1;
      h.focus({ preventScroll: true });
    }
  }

  function toStart() {
    state = null;
    clearTimeout(timer);
    if (offline && navigator.onLine && Date.now() - loadedAt > 3600e3) {
      location.reload(); // pick up a changed standard (services) now and then
      return;
    }
    main.innerHTML = startHTML;
  }

  function idle(ms) {
    clearTimeout(timer);
    timer = setTimeout(toStart, ms);
  }

  function shown(field, v) {
    return field === 'kode' && v.length > 5 ? v.slice(0, 5) + '-' + v.slice(5) : v;
  }

  function render() {
    var fragment = steps[state.n].content.cloneNode(true);
    var form = fragment.querySelector('form');
    var v = state.values[form.dataset.field] || '';
    form.querySelectorAll('button[name=v]').forEach(function (b) {
      if (b.value === v) b.setAttribute('aria-current', 'true');
    });
    var out = form.querySelector('output');
    if (out) {
      out.dataset.empty = out.textContent;
      if (v) out.textContent = shown(form.dataset.field, v);
    }
    if (state.error) {
      var p = document.createElement('p');
      p.className = 'galat';
      p.id = 'galat-' + state.n;
      p.setAttribute('role', 'alert');
      p.textContent = state.error;
      form.querySelector('fieldset').setAttribute('aria-describedby', p.id);
      form.querySelector('.isian').before(p);
    }
    show(fragment);
    idle(idleMs);
  }

  function next() {
    state.n++;
    if (state.n < steps.length) {
      render();
      return;
    }
    var body = response(state);
    state = null;
    var thanks = document.getElementById('k-thanks').content.cloneNode(true);
    // After a low score the thanks screen offers the complaint channels, and stays longer.
    var low = Object.keys(body.answers).some(function (k) { return body.answers[k] <= complaintUpTo; });
    var channels = thanks.querySelector('.complaint');
    if (low && channels) channels.hidden = false;
    show(thanks);
    idle(low && channels ? Math.max(thanksMs, 30000) : thanksMs);
    keep(body).then(flush);
  }

  function valid(form, v) {
    if (form.dataset.max) return +v >= +form.dataset.min && +v <= +form.dataset.max;
    return v.length === +form.dataset.len;
  }

  function press(name, value) {
    if (!state) {
      if (name === 'layanan') {
        state = { layanan: value, id: uuid(), values: {}, n: 0, error: '' };
        render();
      }
      return;
    }
    var form = main.querySelector('form');
    var field = form.dataset.field;
    var v = state.values[field] || '';
    state.error = '';
    if (name === 'aksi' && value === 'kembali') {
      state.n--;
      if (state.n < 0) toStart();
      else render();
    } else if (name === 'aksi' && value === 'lewati') {
      delete state.values[field];
      next();
    } else if (name === 'tombol') {
      v = value === 'hapus' ? v.slice(0, -1) : v.length < +form.dataset.len ? v + value : v;
      state.values[field] = v;
      var out = form.querySelector('output');
      out.textContent = shown(field, v) || out.dataset.empty;
    } else if (name === 'aksi' && value === 'lanjut') {
      if (v && !valid(form, v)) {
        state.error = form.dataset.invalid;
        render();
        return;
      }
      if (!v) delete state.values[field];
      next();
    } else if (name === 'v') {
      state.values[field] = value;
      next();
    }
  }

  main.addEventListener('click', function (e) {
    var a = e.target.closest('a.batal, a.mulai');
    if (a) {
      e.preventDefault();
      toStart();
      return;
    }
    var b = e.target.closest('button[name]');
    if (!b) return;
    e.preventDefault();
    press(b.name, b.value);
  });
  ['pointerdown', 'keydown'].forEach(function (ev) {
    document.addEventListener(ev, function () { if (state) idle(idleMs); }, { passive: true });
  });

  // --- the response, as the machine API takes it ---

  function response(s) {
    var r = { id: s.id, agency: agency, service: s.layanan, channel: 'kiosk', submitted_at: new Date().toISOString(),
      answers: {}, respondent: {}, extra: {} };
    Object.keys(s.values).forEach(function (f) {
      var v = s.values[f];
      if (/^U[1-9]$/.test(f)) r.answers[f] = +v;
      else if (f === 'umur') r.respondent.umur = +v;
      else if (f === 'kode') r.visit_code = v;
      else if (f.indexOf('x_') === 0) r.extra[f.slice(2)] = v;
      else r.respondent[f] = v;
    });
    return r;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // --- the queue on the device ---

  var dbp = null;
  function db() {
    if (!dbp) {
      dbp = new Promise(function (resolve, reject) {
        var r = indexedDB.open('skm-kios', 1);
        r.onupgradeneeded = function () { r.result.createObjectStore('jawaban', { keyPath: 'id' }); };
        r.onsuccess = function () { resolve(r.result); };
        r.onerror = function () { reject(r.error); };
      });
    }
    return dbp;
  }

  function store(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction('jawaban', mode);
        var r = fn(t.objectStore('jawaban'));
        t.oncomplete = function () { resolve(r && r.result); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function queued() {
    return store('readonly', function (s) { return s.getAll(); }).then(function (all) {
      return all.filter(function (r) { return r.body.agency === agency; }).concat(memory);
    }, function () { return memory.slice(); });
  }

  function keep(body) {
    var rec = { id: body.id, body: body, state: 'menunggu', reason: '' };
    return store('readwrite', function (s) { return s.put(rec); }).catch(function () { memory.push(rec); });
  }

  function save(rec) {
    return memory.indexOf(rec) >= 0 ? Promise.resolve() : store('readwrite', function (s) { return s.put(rec); });
  }

  function drop(rec) {
    var i = memory.indexOf(rec);
    if (i >= 0) {
      memory.splice(i, 1);
      return Promise.resolve();
    }
    return store('readwrite', function (s) { return s.delete(rec.id); });
  }

  // --- sending ---

  function post(path, body) {
    var headers = { 'Content-Type': 'application/json' };
    var token = localStorage.getItem(tokenKey);
    if (token) headers.Authorization = 'Bearer ' + token;
    var ctl = new AbortController();
    var t = setTimeout(function () { ctl.abort(); }, 15000);
    return fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'omit', cache: 'no-store', signal: ctl.signal })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, json: json || {} }; });
      }, function () { return null; })
      .finally(function () { clearTimeout(t); });
  }

  var flushing = false;
  function flush() {
    if (flushing) return Promise.resolve();
    flushing = true;
    return queued().then(function (all) {
      var waiting = all.filter(function (r) { return r.state === 'menunggu'; });
      waiting.sort(function (a, b) { return a.body.submitted_at < b.body.submitted_at ? -1 : 1; });
      return sendEach(waiting, 0);
    }).catch(function () {}).then(function () {
      flushing = false;
      return paint();
    });
  }

  // sendEach sends the waiting responses one by one, oldest first, and stops at the first
  // that cannot go now (no link, server busy, device not accepted); refused ones are marked
  // and shown, never sent again in a loop.
  function sendEach(list, i) {
    if (i >= list.length) return Promise.resolve();
    var rec = list[i];
    return post('/api/v1/responses', rec.body).then(function (res) {
      if (!res) return null;
      if (res.status === 202) {
        auth = '';
        return drop(rec).then(function () { return sendEach(list, i + 1); });
      }
      if (res.status === 401 || res.status === 403) {
        auth = localStorage.getItem(tokenKey) ? 'revoked' : 'unregistered';
        return null;
      }
      var errors = res.json.errors || {};
      var keys = Object.keys(errors);
      if (res.status === 422 && rec.body.visit_code && keys.length && keys.every(function (k) { return k === 'visit_code'; })) {
        // A code that fails the server's check: the answers still count, as without a code.
        delete rec.body.visit_code;
        return save(rec).then(function () { return sendEach(list, i); });
      }
      if (res.status === 422 || res.status === 400 || res.status === 413) {
        rec.state = 'ditolak';
        rec.reason = keys.map(function (k) { return errors[k]; }).join('; ') || res.json.error || String(res.status);
        return save(rec).then(function () { return sendEach(list, i + 1); });
      }
      return null; // 429, 503, …: later
    });
  }

  function heartbeat() {
    if (!localStorage.getItem(tokenKey)) return;
    queued().then(function (all) {
      var waiting = all.filter(function (r) { return r.state === 'menunggu'; }).length;
      return post('/api/v1/kiosk/status', { waiting: waiting, refused: all.length - waiting });
    }).then(function (res) {
      if (!res) return;
      if (res.status === 401 || res.status === 403) auth = 'revoked';
      else if (res.status === 200 && auth) {
        auth = '';
        return flush();
      }
      return paint();
    });
  }

  function fill(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/%s/g, function () { return args.shift(); });
  }

  function paint() {
    return queued().then(function (all) {
      var waiting = all.filter(function (r) { return r.state === 'menunggu'; }).length;
      var refused = all.filter(function (r) { return r.state === 'ditolak'; });
      var lines = [];
      if (notice) lines.push(notice);
      var blocked = auth === 'revoked' || (auth && waiting > 0);
      if (blocked) lines.push(status.dataset[auth]);
      if (waiting) lines.push(fill(status.dataset.waiting, waiting.toLocaleString(locale)));
      if (refused.length) lines.push(fill(status.dataset.refused, refused.length.toLocaleString(locale), refused[refused.length - 1].reason.replace(/\.$/, '')));
      if (!offline) lines.push(status.dataset.insecure);
      status.textContent = lines.join(' ');
      status.classList.toggle('peringatan', blocked || refused.length > 0 || !offline);
    });
  }

  // --- setup: the link staff open on the tablet, /k/{agency}#pasang=<token>&nama=<name> ---

  // It may be opened on a kiosk already showing (only the address's #… changes).
  function setup() {
    var m = /^#pasang=([^&]+)(?:&nama=(.*))?$/.exec(location.hash);
    if (!m) return false;
    localStorage.setItem(tokenKey, decodeURIComponent(m[1]));
    notice = fill(status.dataset.registered, decodeURIComponent(m[2] || ''));
    auth = '';
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }
  setup();
  window.addEventListener('hashchange', function () {
    if (setup()) flush().then(heartbeat);
  });
  if (offline) {
    navigator.serviceWorker.register('/k/sw.js', { scope: '/k/' }).then(function () {
      return caches.open('skm-kios-1');
    }).then(function (c) {
      return c.addAll([location.pathname + location.search, '/k/kiosk.js']);
    }).catch(function () {});
  }
  window.addEventListener('online', flush);
  setInterval(flush, 30000);
  setInterval(heartbeat, 60000);
  flush().then(heartbeat);
})();
