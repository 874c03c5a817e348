// The board's live updates: listens to /api/meetings/{id}/board (Server-Sent Events) and
// updates each member's light, the running totals, the status line and the result banner.
// An event's data: {question, votes: {ISO3: "Y"|"N"|"A"|"X"},
//   counts: {yes, no, abstain, non_voting}, open: bool, result: {outcome, announcement}|null}.
// Labels come from the page (data-l-Y, data-s-Y...), so the script has no text of its own.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.EventSource) return;
  var id = board.getAttribute("data-meeting");
  var CLASS = { Y: "y", N: "n", A: "a", X: "x" };
  var ALL = ["y", "n", "a", "x", "m", "o"];
  var lights = {};
  Array.prototype.forEach.call(board.querySelectorAll(".light[data-iso3]"), function (li) {
    lights[li.getAttribute("data-iso3")] = li;
  });
  function label(letter) { return board.getAttribute("data-l-" + letter) || ""; }
  function symbol(letter) { return board.getAttribute("data-s-" + letter) || ""; }
  function setClass(el, cls) {
    ALL.forEach(function (c) { el.classList.remove(c); });
    el.classList.add(cls);
  }
  function setText(elId, text) {
    var el = document.getElementById(elId);
    if (el && el.textContent !== String(text)) el.textContent = text;
  }
  function update(ev) {
    if (typeof ev.question === "string") setText("question", ev.question);
    var votes = ev.votes || {};
    Object.keys(lights).forEach(function (iso3) {
      var li = lights[iso3];
      var v = votes[iso3];
      var cls = CLASS[v] || "m";
      setClass(li, cls);
      li.querySelector(".sym").textContent = v ? symbol(v) : "·";
      li.querySelector(".vt").textContent = v ? label(v) : "";
    });
    var c = ev.counts || {};
    setText("count-y", c.yes || 0);
    setText("count-n", c.no || 0);
    setText("count-a", c.abstain || 0);
    setText("count-x", c.non_voting || 0);
    var status = document.getElementById("status");
    if (status && status.firstChild) {
      status.firstChild.textContent = (ev.open ? label("open") : label("closed")) + " · ";
    }
    board.setAttribute("data-open", ev.open ? "true" : "false");
    var banner = document.getElementById("result");
    if (!banner) return;
    if (ev.result) {
      var o = String(ev.result.outcome || "").toLowerCase();
      banner.className = "result " + (o === "adopted" || o === "rejected" || o === "vetoed" ? o : "");
      setText("result-outcome", board.getAttribute("data-l-" + o) || ev.result.outcome || "");
      setText("result-text", ev.result.announcement || "");
    } else {
      banner.className = "result hidden";
    }
  }
  var source = null;
  var delay = 1000;
  function connect() {
    source = new EventSource("/api/meetings/" + encodeURIComponent(id) + "/board");
    source.onopen = function () { delay = 1000; };
    source.onmessage = function (m) {
      try { update(JSON.parse(m.data)); } catch (e) { /* a malformed event is skipped */ }
    };
    source.onerror = function () {
      // EventSource retries by itself while CONNECTING; reconnect ourselves if it gave up.
      if (source.readyState === 2) {
        source.close();
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      }
    };
  }
  window.plenaryBoardUpdate = update; // for tests and for a page that feeds events itself
  connect();
})();
