// Customer web chat: send with a client-made id (a retried POST is recorded once), receive
// replies as Server-Sent Events (polling only where EventSource fails), show quick-reply
// buttons. No framework, no build step.
"use strict";

(function () {
  const words = JSON.parse(document.body.dataset.words || "{}");
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const choices = document.getElementById("choices");
  const status = document.getElementById("status");
  const POLL_MS = 1500;             // only when EventSource fails
  const RETRIES = 5;

  let after = 0;
  const shown = new Set();          // server message ids on the page
  const pending = new Map();        // client id -> bubble element, until the server echoes it
  const labels = new Map();         // button value -> label, to show a tapped button as words

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function timeText(iso) {
    const date = iso ? new Date(iso) : new Date();
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function atBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function bubble(kind, name, text, time) {
    const row = document.createElement("div");
    row.className = "msg " + kind;
    if (name) {
      const who = document.createElement("div");
      who.className = "name";
      who.textContent = name;
      row.appendChild(who);
    }
    const body = document.createElement("div");
    body.className = "bubble";
    body.textContent = text;
    row.appendChild(body);
    const when = document.createElement("div");
    when.className = "time";
    when.textContent = time;
    row.appendChild(when);
    return row;
  }

  function append(row) {
    const stick = atBottom();
    log.appendChild(row);
    if (stick) log.scrollTop = log.scrollHeight;
  }

  function showChoices(buttons) {
    choices.replaceChildren();
    for (const b of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.label;
      button.addEventListener("click", () => send(b.value, "button", b.label));
      choices.appendChild(button);
    }
  }

  function render(message) {
    if (shown.has(message.id)) return;
    shown.add(message.id);
    if (message.from === "customer") {
      const mine = message.client_id && pending.get(message.client_id);
      if (mine) {
        mine.classList.remove("pending", "failed");
        mine.querySelector(".time").textContent = timeText(message.at);
        pending.delete(message.client_id);
        return;
      }
      const text = message.kind === "button" ? labels.get(message.text) || message.text : message.text;
      append(bubble("mine", "", text, timeText(message.at)));
      return;
    }
    for (const b of message.buttons) labels.set(b.value, b.label);
    const name = message.from === "staff" ? message.name + (words.chat_staff_suffix || "") : message.name;
    append(bubble(message.from, name, message.text, timeText(message.at)));
  }

  function receive(fresh) {
    const stick = atBottom();
    fresh.forEach(render);
    if (fresh.length) {
      const latest = fresh[fresh.length - 1];
      after = Math.max(after, latest.id);
      showChoices(latest.from === "customer" ? [] : latest.buttons);
      if (stick) log.scrollTop = log.scrollHeight;  // the buttons took room from the log
    }
  }

  function online(yes) {
    status.textContent = words.chat_offline || "…";
    status.hidden = yes;
  }

  // The stream: the browser reconnects by itself (resuming after the last event's id) and
  // closes for good only when the server refuses it; then poll instead.
  function listen() {
    if (!window.EventSource) return poll();
    const source = new EventSource("/api/chat/stream?after=" + after);
    source.onopen = () => online(true);
    source.onmessage = (event) => receive([JSON.parse(event.data)]);
    source.onerror = () => {
      online(false);
      if (source.readyState === EventSource.CLOSED) poll();
    };
  }

  async function poll() {
    try {
      const response = await fetch("/api/chat/messages?after=" + after, {
        credentials: "same-origin", cache: "no-store",
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const data = await response.json();
      receive(data.messages);
      after = Math.max(after, data.last);
      online(true);
    } catch (error) {
      online(false);
    }
    setTimeout(poll, document.hidden ? POLL_MS * 4 : POLL_MS);
  }

  async function post(id, text, kind) {
    const body = JSON.stringify({ id: id, text: text, kind: kind });
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      try {
        const response = await fetch("/api/chat/messages", {
          method: "POST", credentials: "same-origin", body: body,
          headers: { "Content-Type": "application/json" },
        });
        if (response.ok) return true;
        if (response.status < 500) return false;   // our request is wrong: retrying will not help
      } catch (error) { /* network: retry with the same id */ }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
    return false;
  }

  async function send(text, kind, label) {
    const id = newId();
    if (kind === "button") labels.set(text, label);
    const row = bubble("mine pending", "", label || text, words.chat_sending || "");
    pending.set(id, row);
    append(row);
    log.scrollTop = log.scrollHeight;
    showChoices([]);
    const deliver = async () => {
      row.classList.remove("failed");
      row.classList.add("pending");
      row.querySelector(".time").textContent = words.chat_sending || "";
      if (await post(id, text, kind)) return;
      row.classList.add("failed");
      row.querySelector(".time").textContent = words.chat_failed || "!";
      row.querySelector(".time").onclick = deliver;  // same id: never recorded twice
    };
    await deliver();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    input.style.height = "";
    send(text, "text");
    input.focus();
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  input.addEventListener("input", () => {
    input.style.height = "";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  });

  listen();
  document.body.dataset.ready = "1";  // for tests: the page is live
})();
