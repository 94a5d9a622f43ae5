// Enclave chat: streams answers from /v1/chat/completions (the same API every client uses),
// signed in by the session cookie, with the CSRF token in a header. Text from the model,
// documents and the server is only ever set with textContent: nothing is parsed as HTML.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const model = document.querySelector('meta[name="model"]').content;
  const log = document.getElementById("log");
  const statusLine = document.getElementById("status");
  const composer = document.getElementById("composer");
  const prompt = document.getElementById("prompt");
  const send = document.getElementById("send");
  // One history per sign-in: a later session in this tab (another person, say) starts empty.
  const KEY = "enclave.history." + document.querySelector('meta[name="session-tag"]').content;
  for (const k of Object.keys(sessionStorage)) {
    if (k.startsWith("enclave.history.") && k !== KEY) sessionStorage.removeItem(k);
  }

  const history = JSON.parse(sessionStorage.getItem(KEY) || "[]");
  const save = () => sessionStorage.setItem(KEY, JSON.stringify(history));

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function bubble(role, text) {
    const box = el("div", "msg " + role);
    box.appendChild(el("span", "visually-hidden", role === "user" ? "You said: " : "Assistant: "));
    const body = el("div", "text", text || "");
    box.appendChild(body);
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
    return { box, body };
  }

  function note(box, cls, text) {
    const p = el("p", cls, text);
    if (cls === "alert") p.setAttribute("role", "alert");
    box.appendChild(p);
    return p;
  }

  for (const m of history) {
    const b = bubble(m.role, m.content);
    for (const n of m.notes || []) note(b.box, n.cls, n.text);
  }

  function selectedCollections() {
    return Array.from(document.querySelectorAll('input[name="collection"]:checked'), (i) => i.value);
  }

  function piiNote(entities) {
    const parts = Object.entries(entities).map(([type, n]) => type + " ×" + n);
    return "Personal data was replaced by placeholders before the model saw it: " + parts.join(", ") + ".";
  }

  function showSources(box, sources) {
    if (!sources || !sources.length) return;
    const list = el("ol", "sources");
    list.setAttribute("aria-label", "Sources");
    for (const s of sources) {
      const item = el("li");
      const open = el("button", null, (s.title || s.filename) + ", page " + s.page);
      open.type = "button";
      open.addEventListener("click", () => showPassage(s));
      item.appendChild(open);
      item.appendChild(el("span", "muted", " — " + s.collection));
      list.appendChild(item);
    }
    box.appendChild(list);
  }

  async function showPassage(s) {
    const dialog = document.getElementById("passage");
    const url = "/v1/collections/" + encodeURIComponent(s.collection) + "/chunks/" + encodeURIComponent(s.chunk_id);
    let r = { ok: false };
    let body = { error: { message: "The passage could not be loaded." } };
    try {
      r = await fetch(url, { credentials: "same-origin" });
      body = await r.json();
    } catch (_) { r = { ok: false }; }
    document.getElementById("passage-title").textContent = r.ok ? body.title : "Passage unavailable";
    document.getElementById("passage-where").textContent = r.ok
      ? body.filename + ", page " + body.page + (body.heading ? " — " + body.heading : "")
      : (body.error && body.error.message) || "";
    document.getElementById("passage-text").textContent = r.ok ? body.text : "";
    dialog.showModal();
  }

  async function* sseEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of block.split("\n")) {
          if (line.startsWith("data: ")) yield line.slice(6);
        }
      }
    }
  }

  async function ask(text) {
    const user = bubble("user", text);
    history.push({ role: "user", content: text });
    save();
    const answer = bubble("assistant", "");
    const notes = [];
    const addNote = (cls, t) => { notes.push({ cls, text: t }); return note(answer.box, cls, t); };
    let reasoning = null;
    let content = "";
    let failed = false;
    const forget = () => { history.pop(); user.box.classList.add("refused"); save(); };
    answer.box.setAttribute("aria-busy", "true");
    send.disabled = true;
    statusLine.textContent = "Answering…";
    try {
      const r = await fetch("/v1/chat/completions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({
          model, stream: true, collections: selectedCollections(),
          messages: history.map((m) => ({ role: m.role, content: m.content })),
        }),
      });
      if (!r.ok) {
        const body = await r.json().catch(() => ({}));
        const message = (body.error && body.error.message) || ("Request failed (" + r.status + ")");
        addNote("alert", message);
        forget();  // the blocked or failed prompt is not part of the conversation
        return;
      }
      for await (const data of sseEvents(r)) {
        if (data === "[DONE]") break;
        const chunk = JSON.parse(data);
        if (chunk.error) { addNote("alert", chunk.error.message); failed = true; break; }
        if (chunk.sources) showSources(answer.box, chunk.sources);
        if (chunk.pii && Object.keys(chunk.pii.entities || {}).length) addNote("note", piiNote(chunk.pii.entities));
        const choice = (chunk.choices || [])[0];
        if (!choice) continue;
        const delta = choice.delta || {};
        if (delta.reasoning_content) {
          if (!reasoning) {
            reasoning = el("details");
            reasoning.appendChild(el("summary", null, "Reasoning"));
            reasoning.appendChild(el("div", "text"));
            answer.box.insertBefore(reasoning, answer.body);
          }
          reasoning.lastChild.textContent += delta.reasoning_content;
        }
        if (delta.content) {
          content += delta.content;
          answer.body.textContent = content;
          log.scrollTop = log.scrollHeight;
        }
        if (choice.finish_reason === "content_filter") {
          const rule = chunk.safety && chunk.safety.blocked_by;
          addNote("alert", "The answer was stopped by the office's policy" + (rule ? " (rule '" + rule + "')" : "") + ".");
        }
      }
      if (failed) forget(); else { history.push({ role: "assistant", content, notes }); save(); }
    } catch (err) {
      addNote("alert", "The connection failed: " + err.message);
      forget();
    } finally {
      answer.box.removeAttribute("aria-busy");
      send.disabled = false;
      statusLine.textContent = "";
      prompt.focus();
    }
  }

  composer.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = prompt.value.trim();
    if (!text || send.disabled) return;
    prompt.value = "";
    ask(text);
  });
  prompt.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); composer.requestSubmit(); }
  });
  document.getElementById("new-chat").addEventListener("click", () => {
    history.length = 0;
    save();
    log.replaceChildren();
    prompt.focus();
  });

  const upload = document.getElementById("upload");
  if (upload) {
    upload.addEventListener("submit", (e) => {
      e.preventDefault();
      const collection = document.getElementById("upload-collection").value;
      const results = document.getElementById("upload-results");
      const files = Array.from(document.getElementById("upload-files").files);
      const items = files.map((file) => queued(file, results));
      upload.reset();
      // One at a time: a key has only a few concurrent requests, and a chat may need one.
      (async () => { for (let i = 0; i < files.length; i++) await uploadOne(collection, files[i], items[i]); })();
    });
  }

  function queued(file, results) {
    const item = el("li");
    item.appendChild(el("span", null, file.name + ": "));
    item.appendChild(el("span", "muted", "waiting"));
    results.appendChild(item);
    return item;
  }

  function uploadOne(collection, file, item) {
    return new Promise((done) => {
      item.lastChild.remove();
      send_(collection, file, item, done);
    });
  }

  function send_(collection, file, item, done) {
    const bar = el("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Uploading " + file.name);
    item.appendChild(bar);
    const form = new FormData();
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/collections/" + encodeURIComponent(collection) + "/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total); };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      bar.remove();
      if (xhr.status < 300) {
        item.appendChild(el("span", "outcome-ok", body.status + " (" + body.pages + " pages, " + body.chunks + " chunks)"));
      } else {
        const msg = el("span", "outcome-error", (body.error && body.error.message) || ("failed (" + xhr.status + ")"));
        msg.setAttribute("role", "alert");
        item.appendChild(msg);
      }
      done();
    };
    xhr.onerror = () => {
      bar.remove();
      item.appendChild(el("span", "outcome-error", "the connection failed"));
      done();
    };
    xhr.send(form);
  }
})();
