// The board's live updates from /api/meetings/{id}/board (Server-Sent Events, crates/server
// api.rs): a `snapshot` (the meeting as it stands: {question: {id, status, votes: {ISO3: "Y"}}}),
// then each committed event of the meeting by name, its data the event
// ({seq, kind, payload}), except votes: `votes` carries the casts committed together
// ({first, last, question_id, votes: [[ISO3, vote, previous], ...], counts}) and updates their
// lights and the totals in place; an event that
// changes what the page shows as a whole (`vote_opened`, `vote_closed`, `resync`, a snapshot
// that no longer matches the page) reloads the page, so the result banner and its sentence are
// rendered by the server in the reader's language. Labels come from the page (data-l-Y,
// data-s-Y...), so the script has no text of its own.
//
// A console (delegation) marked data-live-meeting listens to the same stream and reloads when
// a vote opens or closes, so the buttons appear and go without the delegate reloading.
(function () {
  "use strict";
  var console_ = document.querySelector("[data-live-meeting]");
  if (console_ && window.EventSource) {
    var cs = new EventSource("/api/meetings/" + encodeURIComponent(console_.getAttribute("data-live-meeting")) + "/board");
    ["vote_opened", "vote_closed"].forEach(function (name) {
      cs.addEventListener(name, function () { cs.close(); window.location.reload(); });
    });
    cs.addEventListener("snapshot", function (m) {
      // A vote opened or closed between the page's rendering and the stream's start.
      var q = null;
      try { q = (JSON.parse(m.data) || {}).question || null; } catch (e) { return; }
      var open = !!(q && q.status === "open");
      if ((console_.getAttribute("data-open") === "true") !== open) { cs.close(); window.location.reload(); return; }
      console_.setAttribute("data-live", "true");
    });
  }
})();
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.EventSource) return;
  var id = board.getAttribute("data-meeting");
  var CLASS = { Y: "y", N: "n", A: "a", X: "x" };
  var ALL = ["y", "n", "a", "x", "m", "o"];
  var lights = {};
  var votes = {};
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
  function setLight(iso3, v) {
    var li = lights[iso3];
    if (!li) return;
    setClass(li, CLASS[v] || "m");
    li.querySelector(".sym").textContent = v ? symbol(v) : "·";
    li.querySelector(".vt").textContent = v ? label(v) : "";
  }
  function totals() {
    var c = { Y: 0, N: 0, A: 0, X: 0 };
    Object.keys(votes).forEach(function (k) { if (c[votes[k]] !== undefined) c[votes[k]] += 1; });
    setText("count-y", c.Y);
    setText("count-n", c.N);
    setText("count-a", c.A);
    setText("count-x", c.X);
  }
  function reload() { window.location.reload(); }
  var source = null;
  var delay = 1000;
  function connect() {
    source = new EventSource("/api/meetings/" + encodeURIComponent(id) + "/board");
    source.onopen = function () { delay = 1000; };
    source.addEventListener("snapshot", function (m) {
      var s;
      try { s = JSON.parse(m.data); } catch (e) { return; }
      var q = s.question || null;
      var open = !!(q && q.status === "open");
      var pageQuestion = board.getAttribute("data-question") || "";
      // The page was rendered before a vote opened or closed: render it again.
      if ((board.getAttribute("data-open") === "true") !== open || String(q ? q.id : "") !== pageQuestion) {
        reload();
        return;
      }
      votes = (q && q.votes) || {};
      Object.keys(lights).forEach(function (iso3) { setLight(iso3, votes[iso3]); });
      totals();
      board.setAttribute("data-live", "true");
    });
    source.addEventListener("votes", function (m) {
      var ev;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (String(ev.question_id) !== (board.getAttribute("data-question") || "")) { reload(); return; }
      (ev.votes || []).forEach(function (v) {
        votes[v[0]] = v[1];
        setLight(v[0], v[1]);
      });
      totals();
    });
    ["vote_opened", "vote_closed", "resync"].forEach(function (name) {
      source.addEventListener(name, reload);
    });
    source.onerror = function () {
      // EventSource retries by itself while CONNECTING; reconnect ourselves if it gave up.
      if (source.readyState === 2) {
        source.close();
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      }
    };
  }
  connect();
})();
