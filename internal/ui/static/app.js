// AI Judge: progressive enhancement. Every form works without this file;
// it adds streaming of the judge's text, evidence-point buttons and
// drag-and-drop of documents. No inline script: the CSP forbids it.
(function () {
  "use strict";

  // Server-sent events from a POST: read text/event-stream from fetch.
  function parseEvents(buffer, onEvent) {
    var parts = buffer.split("\n\n");
    var rest = parts.pop();
    parts.forEach(function (block) {
      var name = "message", data = [];
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) name = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      onEvent(name, data.join("\n"));
    });
    return rest;
  }

  function refresh(url) {
    // Swap in the server-rendered result; without htmx, navigate.
    if (window.htmx) {
      return window.htmx.ajax("GET", url, { target: "main", select: "main", swap: "outerHTML" }).then(function () {
        history.replaceState(null, "", url);
        var m = document.getElementById("main");
        if (m) m.focus();
      });
    }
    location.assign(url);
  }

  function stream(form) {
    var target = document.getElementById(form.dataset.target);
    var button = form.querySelector("button[type=submit]");
    var body = null;
    var arg = form.querySelector("textarea[name=argument]");
    if (arg) {
      body = JSON.stringify({ side: form.querySelector("input[name=side]").value, argument: arg.value });
    }
    target.hidden = false;
    target.classList.remove("error");
    target.textContent = "";
    if (button) button.disabled = true;
    var failed = function (msg) {
      target.classList.add("error");
      target.setAttribute("role", "alert");
      target.textContent = msg;
      if (button) button.disabled = false;
    };
    fetch(form.dataset.stream, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "text/event-stream", "Content-Type": "application/json" }
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (type.indexOf("text/event-stream") !== 0) {
        return res.json().then(function (p) { failed(p.error || res.statusText); });
      }
      var reader = res.body.getReader(), dec = new TextDecoder(), buf = "", done = false;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) { if (!done) failed(res.statusText || "The stream ended early."); return; }
          buf = parseEvents(buf + dec.decode(r.value, { stream: true }), function (name, data) {
            var v = {};
            try { v = JSON.parse(data); } catch (e) { v = {}; }
            if (name === "delta") target.textContent += v.text || "";
            else if (name === "error") { done = true; failed(v.error || v.detail || "Error"); }
            else if (name === "result") {
              done = true;
              var url = form.dataset.then || (location.pathname + (v.cached ? "?cached=1" : ""));
              refresh(url);
            }
          });
          return pump();
        });
      }
      return pump();
    }).catch(function (e) { failed(String(e)); });
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset || !form.dataset.stream || !window.fetch || !window.TextDecoder) return;
    ev.preventDefault();
    ev.stopPropagation();
    stream(form);
  }, true);

  // Evidence: the textarea (one point per line) becomes a list of inputs
  // with add and remove buttons; the textarea stays the submitted value.
  function enhanceEvidence(ta) {
    if (ta.dataset.enhanced) return;
    ta.dataset.enhanced = "1";
    var list = document.createElement("ul");
    list.className = "points";
    var add = document.createElement("button");
    add.type = "button";
    add.className = "add-point";
    add.textContent = ta.dataset.addLabel;
    var sync = function () {
      ta.value = Array.prototype.map.call(list.querySelectorAll("input"), function (i) { return i.value; })
        .filter(function (v) { return v.trim() !== ""; }).join("\n");
    };
    var addPoint = function (value, focus) {
      var li = document.createElement("li");
      var input = document.createElement("input");
      input.type = "text";
      input.value = value;
      input.setAttribute("aria-label", ta.dataset.pointLabel + " " + (list.children.length + 1));
      input.addEventListener("input", sync);
      var rm = document.createElement("button");
      rm.type = "button";
      rm.textContent = ta.dataset.removeLabel;
      rm.setAttribute("aria-label", ta.dataset.removeLabel + " " + (list.children.length + 1));
      rm.addEventListener("click", function () { li.remove(); sync(); add.focus(); });
      li.appendChild(input);
      li.appendChild(rm);
      list.appendChild(li);
      if (focus) input.focus();
    };
    ta.value.split("\n").filter(function (v) { return v.trim() !== ""; }).forEach(function (v) { addPoint(v, false); });
    if (!list.children.length) addPoint("", false);
    add.addEventListener("click", function () { addPoint("", true); });
    ta.hidden = true;
    ta.parentNode.insertBefore(list, ta.nextSibling);
    list.parentNode.insertBefore(add, list.nextSibling);
  }

  // Documents: drop files on the zone; each file gets its own message.
  function checkFiles(zone, input) {
    var out = zone.querySelector(".files");
    out.textContent = "";
    var max = Number(zone.dataset.max);
    Array.prototype.forEach.call(input.files, function (f) {
      var li = document.createElement("li");
      var ok = /\.(pdf|docx|txt)$/i.test(f.name);
      if (!ok) { li.className = "field-error"; li.textContent = f.name + " " + zone.dataset.badType; }
      else if (f.size > max) { li.className = "field-error"; li.textContent = f.name + " " + zone.dataset.tooLarge; }
      else { li.className = "ok"; li.textContent = f.name; }
      out.appendChild(li);
    });
  }

  function enhanceDropzone(zone) {
    if (zone.dataset.enhanced) return;
    zone.dataset.enhanced = "1";
    var input = zone.querySelector("input[type=file]");
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = zone.dataset.dropLabel;
    zone.insertBefore(hint, input);
    input.addEventListener("change", function () { checkFiles(zone, input); });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        checkFiles(zone, input);
      }
    });
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("textarea.evidence"), enhanceEvidence);
    Array.prototype.forEach.call(root.querySelectorAll(".dropzone"), enhanceDropzone);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (e) { enhance(e.target); });
})();
