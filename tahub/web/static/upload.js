/* Upload progress. The file is sent with XMLHttpRequest, whose upload events move a
   <progress> bar; the commit starts a job on the server and the page polls its JSON status
   (rows read of rows in the file). Each answer page replaces the content of <main>.
   Without this script both forms post as usual and the job page refreshes itself. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !window.FormData || !window.XMLHttpRequest || !window.fetch) { return; }
  var lang = document.documentElement.lang || "en";

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function number(n) { return Number(n).toLocaleString(lang); }

  /* The answer's <main> in place of ours; `keep` (the finished progress box) stays under
     the new heading, and focus moves to the heading so screen readers read the result. */
  function show(html, url, keep) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("main");
    if (!next) { window.location.assign(url || window.location.href); return; }
    main.replaceChildren.apply(main, Array.prototype.map.call(next.childNodes, function (n) {
      return document.importNode(n, true);
    }));
    document.title = doc.title;
    if (url) { window.history.replaceState(null, "", url); }
    var heading = main.querySelector("h1");
    if (keep) {
      if (heading) { heading.after(keep); } else { main.prepend(keep); }
    }
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    bind();
  }

  function parts(form) {
    var box = form.querySelector(".progress-block");
    return { box: box, bar: box.querySelector("progress"), text: box.querySelector("[role=status]"),
             button: form.querySelector("button[type=submit]") };
  }

  function set(p, percent, message) {
    p.bar.value = percent;
    p.bar.textContent = percent + "%";
    p.text.textContent = message;
  }

  function failed(p) {
    p.text.textContent = p.box.dataset.failed;
    p.button.disabled = false;
  }

  function send(form) {
    var p = parts(form);
    p.box.hidden = false;
    p.button.disabled = true;
    set(p, 0, fill(p.box.dataset.sending, { percent: "0%" }));
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.floor(e.loaded * 100 / e.total);
      set(p, percent, fill(p.box.dataset.sending, { percent: percent + "%" }));
    });
    xhr.upload.addEventListener("load", function () { set(p, 100, p.box.dataset.sent); });
    xhr.addEventListener("load", function () { show(xhr.responseText); });
    xhr.addEventListener("error", function () { failed(p); });
    xhr.send(new FormData(form));
  }

  function describe(p, s) {
    if (s.state === "waiting") { return p.box.dataset.waiting; }
    if (s.state === "running" && s.rows_read >= s.rows_total) { return p.box.dataset.writing; }
    return fill(p.box.dataset.checking, { read: number(s.rows_read), total: number(s.rows_total) });
  }

  function poll(job, p, csrf) {
    fetch(job.status, { credentials: "same-origin",
                        headers: { "Accept": "application/json", "X-CSRF-Token": csrf } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (s) {
        set(p, s.percent, describe(p, s));
        if (s.state === "done" || s.state === "failed") {
          return fetch(job.page, { credentials: "same-origin" })
            .then(function (r) { return r.text(); })
            .then(function (html) { show(html, job.page, p.box); });
        }
        window.setTimeout(function () { poll(job, p, csrf); }, 400);
      })
      .catch(function () { failed(p); });
  }

  function store(form) {
    var p = parts(form);
    var csrf = form.querySelector("input[name=csrf]").value;
    p.box.hidden = false;
    p.button.disabled = true;
    set(p, 0, p.box.dataset.waiting);
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { "Accept": "application/json" } })
      .then(function (r) {
        var type = r.headers.get("content-type") || "";
        if (r.status === 202 && type.indexOf("application/json") === 0) {
          return r.json().then(function (job) { poll(job, p, csrf); });
        }
        return r.text().then(function (html) { show(html); });
      })
      .catch(function () { failed(p); });
  }

  function bind() {
    [["send", send], ["store", store]].forEach(function (pair) {
      var form = main.querySelector("form[data-upload=" + pair[0] + "]");
      if (!form) { return; }
      form.addEventListener("submit", function (e) { e.preventDefault(); pair[1](form); });
    });
  }

  bind();
}());
