// ci-orchestrator web UI: the only script. Pages work without it; with it a running job's log
// follows live (server-sent events) and "load earlier" adds lines in place. Log text only ever
// enters the page through textContent, and class names only from our own fixed set.
"use strict";
(function () {
  var CLS = /^[a-z0-9 -]*$/;
  var STATE_CLS = /^s-[a-z]+$/;

  function lineElement(line, id, label) {
    var div = document.createElement("div");
    div.className = "l";
    div.id = id;
    var a = document.createElement("a");
    a.className = "n";
    a.href = "#" + id;
    a.textContent = label;
    div.appendChild(a);
    var text = document.createElement("span");
    text.className = "t";
    line.s.forEach(function (span) {
      if (span[0] && CLS.test(span[0])) {
        var s = document.createElement("span");
        s.className = span[0];
        s.textContent = span[1];
        text.appendChild(s);
      } else {
        text.appendChild(document.createTextNode(span[1]));
      }
    });
    div.appendChild(text);
    return div;
  }

  function setup(log) {
    var run = log.dataset.run;
    var numbered = log.dataset.numbered === "true";
    var count = parseInt(log.dataset.count, 10) || 0;

    function make(line) {
      if (numbered) {
        count += 1;
        return lineElement(line, "L" + count, String(count));
      }
      return lineElement(line, "B" + line.o, "#");
    }

    function renumber() {
      var lines = log.querySelectorAll(".l");
      for (var i = 0; i < lines.length; i++) {
        lines[i].id = "L" + (i + 1);
        var a = lines[i].querySelector(".n");
        a.href = "#L" + (i + 1);
        a.textContent = String(i + 1);
      }
      numbered = true;
      count = lines.length;
    }

    var earlier = document.getElementById("earlier");
    if (earlier) {
      earlier.addEventListener("click", function (event) {
        event.preventDefault();
        fetch("/runs/" + run + "/lines?before=" + earlier.dataset.before, {credentials: "same-origin"})
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(function (w) {
            var first = log.querySelector(".l");
            var fragment = document.createDocumentFragment();
            w.lines.forEach(function (line) { fragment.appendChild(lineElement(line, "B" + line.o, "#")); });
            log.insertBefore(fragment, first);
            if (w.start === 0) {
              earlier.parentNode.remove();
              renumber();
            } else {
              earlier.dataset.before = String(w.start);
              earlier.href = "/runs/" + run + "?before=" + w.start;
            }
          })
          .catch(function () { window.location = earlier.href; });
      });
    }

    if (log.dataset.live !== "true" || !window.EventSource) {
      return;
    }
    var follow = document.getElementById("follow");
    var source = new EventSource("/runs/" + run + "/events?offset=" + log.dataset.end);
    source.addEventListener("lines", function (event) {
      var w = JSON.parse(event.data);
      var empty = document.getElementById("log-empty");
      if (empty) { empty.remove(); }
      var fragment = document.createDocumentFragment();
      w.lines.forEach(function (line) { fragment.appendChild(make(line)); });
      log.appendChild(fragment);
      if (follow && follow.checked && log.lastElementChild) {
        log.lastElementChild.scrollIntoView({block: "end"});
      }
    });
    source.addEventListener("state", function (event) {
      var s = JSON.parse(event.data);
      var badge = document.getElementById("run-state");
      if (badge && STATE_CLS.test(s.cls)) {
        badge.className = "badge " + s.cls;
        badge.querySelector(".icon").textContent = s.icon;
        badge.querySelector(".text").textContent = s.state;
      }
      var took = document.getElementById("run-took");
      if (took) { took.textContent = s.took; }
      var message = document.getElementById("run-message");
      if (message && s.message) { message.textContent = s.message; }
    });
    source.addEventListener("end", function () {
      source.close();
      var live = document.getElementById("live");
      if (live) { live.textContent = "· finished"; }
      var abort = document.getElementById("abort");
      if (abort) { abort.closest("form").remove(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var log = document.getElementById("log");
    if (log) { setup(log); }
  });
})();
