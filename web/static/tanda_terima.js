// The copy button of the requester's receipt and status page: copies the
// tracking code. The Clipboard API needs a secure context; elsewhere the
// code is selected and execCommand("copy") tried, and when that fails too
// the code stays selected for the phone's own copy menu.
(function () {
  "use strict";
  var button = document.getElementById("salin-kode");
  var status = document.getElementById("salin-kode-status");
  if (!button || !status) return;
  var source = document.getElementById(button.getAttribute("data-sumber"));
  if (!source) return;
  button.hidden = false;  // without this script the button would do nothing

  function say(text) {
    status.textContent = text;
  }

  function selectCode() {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback() {
    selectCode();
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
    var code = source.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code).then(function () {
        say(button.getAttribute("data-tersalin"));
      }, fallback);
    } else {
      fallback();
    }
  });
})();
