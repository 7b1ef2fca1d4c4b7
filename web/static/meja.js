// The copy buttons of the staff desk (staf_permohonan.html): each button
// with data-salin="<id>" copies that textarea's text, and says so in the
// status next to it. Without this script the buttons stay hidden and the
// text is selected and copied by hand. The Clipboard API needs a secure
// context; plain http falls back to selecting the text and execCommand.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-salin]");
  Array.prototype.forEach.call(buttons, function (button) {
    var source = document.getElementById(button.getAttribute("data-salin"));
    var status = button.parentNode.querySelector(".salin-status");
    if (!source || !status) return;
    button.hidden = false;

    function say(attribute) {
      status.textContent = status.getAttribute(attribute) || "";
    }

    function fallback() {
      source.focus();
      source.select();
      source.setSelectionRange(0, source.value.length); // iOS selects nothing otherwise
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      say(copied ? "data-tersalin" : "data-gagal");
    }

    button.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(function () {
          say("data-tersalin");
        }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
