// The copy button of the staff agenda (/staf/agenda): copies the WhatsApp
// text. The Clipboard API needs a secure context; older phones and plain
// http fall back to selecting the text and execCommand("copy").
(function () {
  "use strict";
  var button = document.getElementById("salin");
  var status = document.getElementById("salin-status");
  if (!button || !status) return;
  var source = document.getElementById(button.getAttribute("data-sumber"));
  if (!source) return;

  function say(text) {
    status.textContent = text;
  }

  function fallback() {
    source.focus();
    source.select();
    source.setSelectionRange(0, source.value.length);  // iOS selects nothing otherwise
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    say(button.getAttribute(copied ? "data-tersalin" : "data-gagal"));
  }

  button.addEventListener("click", function () {
    say("");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(function () {
        say(button.getAttribute("data-tersalin"));
      }, fallback);
    } else {
      fallback();
    }
  });
})();
