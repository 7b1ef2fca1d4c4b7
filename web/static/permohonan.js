// The public request form (/permohonan) and the page of a body too large
// to read. On the form: file sizes are checked against the limits the form
// states (its data-* attributes) when a file is chosen and before sending,
// so that nothing too large starts to upload; a message appears beside the
// field. Once sent, the button is disabled against a double tap (the
// server's one-time token is what counts). On the too-large page: the link
// goes back in the browser's history, where the filled form still is.
// Everything works without this script: the server checks the same limits.
(function () {
  "use strict";

  var back = document.getElementById("kembali-riwayat");
  if (back) {
    if (window.history.length > 1) {
      back.hidden = false;
      back.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.back();
      });
    }
    return;
  }

  var form = document.getElementById("formulir-permohonan");
  if (!form) return;
  var maxFile = parseInt(form.getAttribute("data-maks-berkas"), 10) || 0;
  var maxTotal = parseInt(form.getAttribute("data-maks-total"), 10) || 0;
  var inputs = form.querySelectorAll("input[type=file]");

  function text(template, name, limit) {
    return template.replace("%s", name).replace("%l", limit);
  }

  // The message element beside a field, made on first use.
  function messageFor(input) {
    var id = "periksa-" + input.name;
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("span");
      element.id = id;
      element.className = "galat";
      element.setAttribute("role", "alert");
      input.parentNode.insertBefore(element, input.nextSibling);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return element;
  }

  // An empty message removes the element: the style marks every .galat.
  function say(input, message) {
    if (message) {
      messageFor(input).textContent = message;
      input.setAttribute("aria-invalid", "true");
      return;
    }
    var element = document.getElementById("periksa-" + input.name);
    if (!element) return;
    element.parentNode.removeChild(element);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== element.id;
    });
    if (described.length) {
      input.setAttribute("aria-describedby", described.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
    if (!document.getElementById("galat-" + input.name)) input.removeAttribute("aria-invalid");
  }

  // Checks every file input; returns the first one with a problem, or null.
  function check() {
    var total = 0;
    var first = null;
    var i, j;
    for (i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var message = "";
      for (j = 0; j < input.files.length; j++) {
        var file = input.files[j];
        total += file.size;
        if (!message && maxFile && file.size > maxFile) {
          message = text(form.getAttribute("data-pesan-berkas"), file.name, form.getAttribute("data-batas-berkas"));
        }
      }
      if (!message && maxTotal && total > maxTotal && input.files.length > 0) {
        message = text(form.getAttribute("data-pesan-total"), "", form.getAttribute("data-batas-total"));
      }
      say(input, message);
      if (message && !first) first = input;
    }
    return first;
  }

  for (var k = 0; k < inputs.length; k++) inputs[k].addEventListener("change", check);

  var button = document.getElementById("kirim-permohonan");
  var label = button ? button.textContent : "";
  var sending = false;
  form.addEventListener("submit", function (event) {
    var wrong = check();
    if (wrong) {
      event.preventDefault();
      wrong.focus();
      return;
    }
    if (sending) {
      event.preventDefault();
      return;
    }
    sending = true;
    if (!button) return;
    // Disabled after this submit has begun: a disabled button's own submit
    // would not be sent.
    window.setTimeout(function () {
      button.disabled = true;
      button.textContent = form.getAttribute("data-mengirim") || label;
    }, 0);
  });

  // Back to this page from the browser's history: the form can be sent again.
  window.addEventListener("pageshow", function () {
    sending = false;
    if (!button) return;
    button.disabled = false;
    button.textContent = label;
  });
})();
