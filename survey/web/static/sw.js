// The kiosk's service worker (scope /k/): it keeps the kiosk's start pages and kiosk.js, so a
// tablet whose link is down still opens the kiosk — also after a reload or a restart. Online
// it always asks the server first (4 s at most) and keeps what it got; answers never pass
// through here (kiosk.js keeps them in IndexedDB).
'use strict';
var CACHE = 'skm-kios-1';

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.add('/k/kiosk.js'); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('skm-kios-') === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// kept: /k/kiosk.js and a kiosk's start page (/k/{agency}, ?lang=en); a screen of the
// page-per-screen kiosk (its answers in the address) is not.
function kept(u) {
  return u.origin === self.location.origin && (u.pathname === '/k/kiosk.js' ||
    (/^\/k\/[^/]+$/.test(u.pathname) && u.pathname !== '/k/sw.js' && !u.searchParams.has('layanan')));
}

self.addEventListener('fetch', function (e) {
  if (e.request.method !== 'GET') return;
  var u = new URL(e.request.url);
  if (!kept(u)) return;
  e.respondWith(fresh(u.href).catch(function () {
    return caches.match(u.href).then(function (r) { return r || Response.error(); });
  }));
});

function fresh(url) {
  var ctl = new AbortController();
  var t = setTimeout(function () { ctl.abort(); }, 4000);
  return fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: ctl.signal }).then(function (res) {
    if (res.ok) {
      var copy = res.clone();
      return caches.open(CACHE).then(function (c) { return c.put(url, copy); }).then(function () { return res; });
    }
    if (res.status >= 500) {
      return caches.match(url).then(function (r) { return r || res; });
    }
    return res;
  }).finally(function () { clearTimeout(t); });
}
