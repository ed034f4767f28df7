// Staff console: live case list and case page, and actions sent without losing typed text.
// The pages work without this script (forms post and redirect); this only makes them live.
// Updates come as Server-Sent Events; polling takes over only when EventSource fails.
"use strict";

(function () {
  const LIST_MS = 4000;   // polling fallback intervals
  const CASE_MS = 2000;
  const QUIET_ACTIONS = new Set(["reply", "note"]);  // they never change the action panel

  function schedule(fn, ms) {
    setTimeout(fn, document.hidden ? ms * 4 : ms);
  }

  // Call onData with each `event` frame's data. The browser reconnects by itself; the stream
  // closes for good only when the server refuses it (signed out: the poll then reloads into
  // the sign-in page), and then fallback() polls instead.
  function stream(url, event, onData, fallback) {
    if (!window.EventSource) return fallback();
    const source = new EventSource(url);
    source.addEventListener(event, (message) => onData(JSON.parse(message.data)));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) fallback();
    };
  }

  // ---- case list ----------------------------------------------------------------------
  const live = document.querySelector("[data-live-rows]");
  const rows = document.getElementById("rows");
  if (live && rows) {
    const show = (html) => {
      if (html.trim() !== rows.innerHTML.trim()) rows.innerHTML = html;
    };
    const refresh = async () => {
      try {
        const response = await fetch(live.dataset.liveRows, { credentials: "same-origin", cache: "no-store" });
        if (response.redirected || response.status === 401) return location.reload();
        if (response.ok) show(await response.text());
      } catch (error) { /* offline: try again later */ }
      schedule(refresh, LIST_MS);
    };
    stream(live.dataset.liveStream, "rows", (data) => show(data.html), refresh);
  }

  // ---- case page ----------------------------------------------------------------------
  const page = document.getElementById("case");
  if (!page) return;
  const words = JSON.parse(page.dataset.words || "{}");
  const transcript = document.getElementById("transcript");
  const events = document.getElementById("events");
  const changed = document.getElementById("changed");
  const flash = document.getElementById("flash");
  let stale = false;

  function setVersion(version) {
    page.dataset.version = String(version);
    for (const input of document.querySelectorAll("input.version")) input.value = String(version);
  }

  function say(kind, text) {
    flash.replaceChildren();
    const p = document.createElement("p");
    p.className = "flash " + kind;
    p.textContent = text;
    if (kind === "refused") p.setAttribute("role", "alert");
    flash.appendChild(p);
  }

  function appendHtml(container, html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const stick = container.scrollHeight - container.scrollTop - container.clientHeight < 60;
    for (const item of Array.from(template.content.children)) {
      // Two polls may overlap (one after an action): never show a line twice.
      if (!container.querySelector(`[data-id="${item.dataset.id}"]`)) container.appendChild(item);
    }
    if (stick) container.scrollTop = container.scrollHeight;
  }

  function cursor() {
    return `after_message=${page.dataset.lastMessage}&after_event=${page.dataset.lastEvent}`;
  }

  function apply(data) {
    appendHtml(transcript, data.messages_html);
    appendHtml(events, data.events_html);
    page.dataset.lastMessage = Math.max(page.dataset.lastMessage, data.last_message);
    page.dataset.lastEvent = Math.max(page.dataset.lastEvent, data.last_event);
    if (data.version > Number(page.dataset.version) && !stale) {
      if (data.fingerprint === page.dataset.fingerprint) {
        setVersion(data.version);      // only new messages: the forms still fit
      } else {
        stale = true;                  // the panel no longer fits: ask for a reload
        changed.hidden = false;
      }
    }
  }

  async function pollOnce() {
    const url = `/staff/api/cases/${page.dataset.case}/live?` + cursor();
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.status === 401) return location.reload();
      if (response.ok) apply(await response.json());
    } catch (error) { /* offline: try again later */ }
  }

  async function loop() {
    await pollOnce();
    schedule(loop, CASE_MS);
  }

  async function submit(form, event) {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.getAttribute("action"), {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.status === 401) return location.reload();
      const data = await response.json();
      if (data.ok) {
        if (!QUIET_ACTIONS.has(form.dataset.action)) return location.reload();
        setVersion(data.version);
        form.querySelectorAll("textarea, input:not([type=hidden])").forEach((el) => { el.value = ""; });
        say("done", words.done || "OK");
        await pollOnce();
      } else {
        say("refused", words["refused_" + data.refused] || data.refused);
        if (data.refused === "stale") changed.hidden = false;
      }
    } catch (error) {
      say("refused", words.chat_offline || "…");
    } finally {
      if (button) button.disabled = false;
    }
  }

  for (const form of document.querySelectorAll("form.action")) {
    form.addEventListener("submit", (event) => submit(form, event));
  }
  document.getElementById("reload").addEventListener("click", () => location.reload());
  transcript.scrollTop = transcript.scrollHeight;
  events.scrollTop = events.scrollHeight;
  stream(`/staff/api/cases/${page.dataset.case}/stream?` + cursor(), "case", apply, loop);
})();
