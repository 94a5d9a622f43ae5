// Enclave admin page: the "test a text" box calls POST /v1/safety/check (the same API any
// admin client uses), signed in by the session cookie with the CSRF token in a header, and
// a Copy button for a key just created. Everything from the server is set with textContent:
// nothing is parsed as HTML.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- the one-time key -------------------------------------------------------------------
  const copy = document.getElementById("copy-key");
  const newKey = document.getElementById("new-key");
  if (copy && newKey && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      const said = document.getElementById("copy-status");
      try {
        await navigator.clipboard.writeText(newKey.textContent);
        said.textContent = "Copied.";
      } catch (_) {
        said.textContent = "Could not copy; select the key and copy it by hand.";
      }
    });
  }

  // -- the policy test box ----------------------------------------------------------------
  const form = document.getElementById("check-form");
  if (!form) return;  // the policy is switched off
  const text = document.getElementById("check-text");
  const direction = document.getElementById("check-direction");
  const button = document.getElementById("check-submit");
  const out = document.getElementById("check-result");

  function alertLine(message) {
    const p = el("p", "alert", message);
    p.setAttribute("role", "alert");
    out.replaceChildren(p);
  }

  function verdict(r) {
    const p = el("p", r.blocked ? "alert" : "ok");
    p.id = "check-verdict";
    p.textContent = r.blocked
      ? "Blocked by rule '" + r.blocked_by + "'."
      : "Not blocked: this " + r.direction + " would pass.";
    return p;
  }

  function entityList(entities) {
    const names = Object.keys(entities || {});
    if (!names.length) return el("p", "muted", "No personal data found.");
    const list = el("ul", "entities");
    list.id = "check-entities";
    for (const name of names.sort()) list.appendChild(el("li", null, name + ": " + entities[name]));
    return list;
  }

  function decisionTable(decisions) {
    if (!decisions || !decisions.length) return el("p", "muted", "The policy has no rules for this direction.");
    const table = el("table");
    table.id = "check-decisions";
    table.appendChild(el("caption", "visually-hidden", "Rule decisions"));
    const head = el("tr");
    for (const h of ["Rule", "Kind", "Fired", "Action", "Count"]) {
      const th = el("th", null, h);
      th.scope = "col";
      head.appendChild(th);
    }
    table.appendChild(el("thead")).appendChild(head);
    const body = table.appendChild(el("tbody"));
    for (const d of decisions) {
      const row = el("tr", d.fired ? "fired" : null);
      row.append(
        el("td", null, d.rule),
        el("td", null, d.kind || ""),
        el("td", d.fired ? "outcome-blocked" : null, d.fired ? "yes" : "no"),
        el("td", null, d.action),
        el("td", null, String(d.count ?? "")),
      );
      body.appendChild(row);
    }
    return table;
  }

  function show(r) {
    out.replaceChildren(
      verdict(r),
      el("p", "muted", "Policy version " + r.policy_version + ", " + r.direction + " rules."),
      el("h3", null, "The text as the model would get it"),
      Object.assign(el("pre", null, r.text), { id: "check-text-out" }),
      el("h3", null, "Personal data"),
      entityList(r.entities),
      el("h3", null, "Rules"),
      decisionTable(r.decisions),
    );
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim() || button.disabled) { text.focus(); return; }
    button.disabled = true;
    out.setAttribute("aria-busy", "true");
    try {
      const r = await fetch("/v1/safety/check", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ text: text.value, direction: direction.value }),
      });
      const body = await r.json().catch(() => ({}));
      if (!r.ok) alertLine((body.error && body.error.message) || ("The check failed (" + r.status + ")."));
      else show(body);
    } catch (err) {
      alertLine("The connection failed: " + err.message);
    } finally {
      button.disabled = false;
      out.removeAttribute("aria-busy");
    }
  });
})();
