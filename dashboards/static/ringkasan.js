// The ringkasan's copy button: copies the share text to the clipboard. Without script the
// button stays hidden and the text can be selected and copied by hand (it is a readonly
// textarea).
(function () {
  'use strict';
  var btn = document.getElementById('copy-share');
  var text = document.getElementById('share-text');
  var status = document.getElementById('copy-status');
  if (!btn || !text) {
    return;
  }
  function done(ok) {
    status.textContent = ok ? 'Teks tersalin. Tempel di grup WhatsApp.' : 'Tidak dapat menyalin otomatis: pilih teks lalu salin.';
  }
  function fallback() {
    text.focus();
    text.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    done(ok);
  }
  btn.hidden = false;
  btn.addEventListener('click', function () {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  });
})();
