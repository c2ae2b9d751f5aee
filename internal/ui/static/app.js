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
        // The language switch lives outside main: point it at the new page.
        Array.prototype.forEach.call(document.querySelectorAll("a[hreflang]"), function (a) {
          a.href = url.split("?")[0] + "?lang=" + a.getAttribute("hreflang");
        });
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

  // Documents. Each side's files are kept in a DataTransfer, so that
  // files dropped or chosen later add to the list instead of replacing
  // it. Every file gets a line of its own: its name, a remove button, a
  // progress bar while the filing uploads and its own error. Files the
  // page can already tell are wrong (type, size, count) are listed with
  // the reason and not sent.
  var kept = {}; // input id -> DataTransfer, kept across re-renders

  function fileProblem(zone, f, index) {
    if (!/\.(pdf|docx|txt|jpe?g|png|webp)$/i.test(f.name)) return f.name + " " + zone.dataset.badType;
    if (f.size > Number(zone.dataset.max)) return f.name + " " + zone.dataset.tooLarge;
    if (index >= Number(zone.dataset.maxFiles)) return f.name + ": " + zone.dataset.tooMany;
    return "";
  }

  function renderFiles(zone) {
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector(".files");
    var dt = kept[input.id];
    var send = new DataTransfer();
    list.textContent = "";
    Array.prototype.forEach.call(dt.files, function (f, i) {
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = f.name;
      li.appendChild(name);
      var problem = fileProblem(zone, f, send.files.length);
      var msg = document.createElement("span");
      msg.className = "msg";
      if (problem) {
        li.className = "field-error";
        msg.textContent = problem;
      } else {
        li.className = "ok";
        send.items.add(f);
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        bar.hidden = true;
        bar.setAttribute("aria-label", f.name + ": " + zone.dataset.progressLabel);
        li.appendChild(bar);
      }
      li.appendChild(msg);
      var rm = document.createElement("button");
      rm.type = "button";
      rm.className = "remove-file";
      rm.textContent = zone.dataset.removeLabel;
      rm.setAttribute("aria-label", f.name + ": " + zone.dataset.removeLabel);
      rm.addEventListener("click", function () {
        dt.items.remove(i);
        renderFiles(zone);
        input.focus();
      });
      li.appendChild(rm);
      list.appendChild(li);
    });
    input.files = send.files;
    var form = zone.closest("form");
    var box = form && form.querySelector(".form-error");
    if (box && !form.querySelector(".dropzone li.field-error")) box.hidden = true;
  }

  function addFiles(zone, files) {
    var input = zone.querySelector("input[type=file]");
    var dt = kept[input.id];
    Array.prototype.forEach.call(files, function (f) {
      var dup = Array.prototype.some.call(dt.files, function (g) {
        return g.name === f.name && g.size === f.size && g.lastModified === f.lastModified;
      });
      if (!dup) dt.items.add(f);
    });
    renderFiles(zone);
  }

  function enhanceDropzone(zone) {
    if (zone.dataset.enhanced || typeof DataTransfer !== "function") return;
    zone.dataset.enhanced = "1";
    var input = zone.querySelector("input[type=file]");
    if (!kept[input.id]) kept[input.id] = new DataTransfer();
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = zone.dataset.dropLabel;
    zone.insertBefore(hint, input);
    input.addEventListener("change", function () {
      // input.files now holds only the newly chosen files.
      var picked = Array.prototype.slice.call(input.files);
      addFiles(zone, picked);
    });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) addFiles(zone, e.dataTransfer.files);
    });
    if (kept[input.id].files.length) renderFiles(zone);
  }

  // Filing with documents: sent with XMLHttpRequest so that each file can
  // show its upload progress; the server's answer is either the new case
  // (followed) or the form with its errors, which are copied next to the
  // fields and files here, keeping what the party typed and chose.
  function setError(form, id, text) {
    var field = form.querySelector("#" + id);
    var old = form.querySelector("#" + id + "-error");
    if (old) old.remove();
    if (!field) return;
    var by = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (v) {
      return v && v !== id + "-error";
    });
    if (!text) {
      field.removeAttribute("aria-invalid");
      if (by.length) field.setAttribute("aria-describedby", by.join(" ")); else field.removeAttribute("aria-describedby");
      return;
    }
    var p = document.createElement("p");
    p.className = "field-error";
    p.id = id + "-error";
    p.textContent = text;
    var after = field.hidden && field.nextElementSibling && field.nextElementSibling.classList.contains("points")
      ? field.nextElementSibling.nextElementSibling : field; // the evidence list's add button
    after.parentNode.insertBefore(p, after.nextSibling);
    field.setAttribute("aria-invalid", "true");
    by.push(id + "-error");
    field.setAttribute("aria-describedby", by.join(" "));
  }

  function showFormError(form, text) {
    var box = form.querySelector(".form-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "field-error form-error";
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
    box.hidden = !text;
    if (text) box.focus();
  }

  function applyFilingErrors(form, doc) {
    var theirs = doc.querySelector("form.filing");
    if (!theirs) {
      var alert = doc.querySelector("main .alert, main h1");
      showFormError(form, alert ? alert.textContent.trim() : form.dataset.uploadFailed);
      return;
    }
    ["caseType", "jurisdiction", "sideASummary", "sideBSummary", "sideAEvidence", "sideBEvidence"].forEach(function (id) {
      var e = theirs.querySelector("#" + id + "-error");
      setError(form, id, e ? e.textContent.trim() : "");
    });
    Array.prototype.forEach.call(form.querySelectorAll(".dropzone"), function (zone) {
      var input = zone.querySelector("input[type=file]");
      var list = zone.querySelector(".files");
      Array.prototype.forEach.call(list.querySelectorAll(".server"), function (li) { li.remove(); });
      var msgs = Array.prototype.map.call(theirs.querySelectorAll("#" + input.id + "-errors li.field-error"), function (li) {
        return li.textContent.trim();
      });
      msgs.forEach(function (m) {
        var placed = Array.prototype.some.call(list.querySelectorAll("li.ok"), function (li) {
          var name = li.querySelector(".name").textContent;
          if (m.indexOf(name) === -1) return false;
          li.className = "field-error";
          li.querySelector(".msg").textContent = m;
          return true;
        });
        if (!placed) {
          var li = document.createElement("li");
          li.className = "field-error server";
          li.textContent = m;
          list.appendChild(li);
        }
      });
    });
    var top = doc.querySelector("main .alert");
    var formErr = theirs.querySelector(":scope > p.field-error[role=alert]");
    showFormError(form, [top, formErr].filter(Boolean).map(function (e) { return e.textContent.trim(); }).join(" "));
  }

  function uploadFiling(form) {
    var button = form.querySelector("button[type=submit]");
    // What the page can check itself: required fields and the files.
    var missing = Array.prototype.filter.call(form.querySelectorAll("textarea[required]"), function (f) {
      setError(form, f.id, f.value.trim() ? "" : form.dataset.required);
      return !f.value.trim();
    });
    if (missing.length) {
      showFormError(form, form.dataset.fix);
      missing[0].focus();
      return;
    }
    if (form.querySelector(".dropzone li.field-error")) {
      showFormError(form, form.dataset.fixFiles);
      return;
    }
    var fd = new FormData(form);
    // Where each file starts in the multipart body, roughly: the parts
    // are sent in form order, each with a short header.
    var bars = [], at = 0, seen = {};
    fd.forEach(function (v, key) {
      if (typeof v === "string") { at += 120 + new Blob([v]).size; return; }
      at += 160 + v.name.length;
      // The input sends its files in the order they are listed.
      var n = seen[key] = (seen[key] || 0) + 1;
      var bar = form.querySelectorAll("#" + key + "-errors li.ok progress")[n - 1];
      if (bar) { bar.hidden = false; bar.value = 0; bars.push({ bar: bar, start: at, size: v.size }); }
      at += v.size;
    });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      bars.forEach(function (b) {
        var done = Math.max(0, Math.min(b.size, e.loaded - b.start));
        b.bar.value = b.size ? Math.round(100 * done / b.size) : 100;
      });
    });
    xhr.upload.addEventListener("load", function () { bars.forEach(function (b) { b.bar.value = 100; }); });
    xhr.addEventListener("load", function () {
      button.disabled = false;
      form.removeAttribute("aria-busy");
      var url = new URL(xhr.responseURL || form.action, location.href);
      if (xhr.status < 300 && url.pathname !== new URL(form.action, location.href).pathname) {
        location.assign(url.href);
        return;
      }
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") === 0) {
        applyFilingErrors(form, new DOMParser().parseFromString(xhr.responseText, "text/html"));
      } else {
        // A refusal before the page handler ran (a rate limit): one sentence.
        showFormError(form, (type.indexOf("text/plain") === 0 && xhr.responseText.trim()) || form.dataset.uploadFailed);
      }
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      form.removeAttribute("aria-busy");
      showFormError(form, form.dataset.uploadFailed);
    });
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    showFormError(form, "");
    xhr.send(fd);
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("filing") || !window.FormData || typeof DataTransfer !== "function") return;
    ev.preventDefault();
    uploadFiling(form);
  });

  // Fact-check as you type: after a pause, the dates, amounts and names
  // the argument mentions are checked against the facts of the case's
  // documents (the page carries them) by /api/fact-check/validate.
  function enhanceFactCheck(form) {
    if (form.dataset.enhancedFacts || !form.dataset.facts || !window.fetch || !window.AbortController) return;
    form.dataset.enhancedFacts = "1";
    var facts;
    try { facts = JSON.parse(form.dataset.facts); } catch (e) { return; }
    var box = form.querySelector("textarea[name=argument]");
    var out = form.querySelector(".factcheck");
    var timer = null, inflight = null;
    var mark = { supported: "\u2713", contradicted: "\u2717", not_found: "?" };
    var templates = { supported: out.dataset.supported, contradicted: out.dataset.contradicted, not_found: out.dataset.notFound };
    function show(claims) {
      out.textContent = "";
      out.hidden = !claims.length;
      if (!claims.length) return;
      var title = document.createElement("p");
      title.className = "fact-title";
      title.textContent = out.dataset.title;
      out.appendChild(title);
      var ul = document.createElement("ul");
      claims.forEach(function (c) {
        var li = document.createElement("li");
        li.className = "fact fact-" + c.status;
        var icon = document.createElement("span");
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = (mark[c.status] || "?") + " ";
        li.appendChild(icon);
        li.appendChild(document.createTextNode((templates[c.status] || templates.not_found)
          .replace("%s", c.claim).replace("%s", c.documentValue || "")));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    function check() {
      if (inflight) inflight.abort();
      var text = box.value;
      if (text.trim().length < 4) { show([]); return; }
      inflight = new AbortController();
      fetch("/api/fact-check/validate", {
        method: "POST", credentials: "same-origin", signal: inflight.signal,
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ argument: text, documentFacts: facts })
      }).then(function (res) { return res.ok ? res.json() : null; })
        .then(function (p) { if (p && p.validation) show(p.validation.claims || []); })
        .catch(function () { /* a newer check replaced this one, or the network failed: keep the last marks */ });
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 600);
    });
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("form.argue"), enhanceFactCheck);
    Array.prototype.forEach.call(root.querySelectorAll("textarea.evidence"), enhanceEvidence);
    Array.prototype.forEach.call(root.querySelectorAll(".dropzone"), enhanceDropzone);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (e) { enhance(e.target); });
})();
