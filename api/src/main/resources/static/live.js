// Shared by pharmacy.html and institution.html: the live stream, commands over HTTP, and how a prescription looks.
// Plain JavaScript run as the browser loads it; no framework, no build step.
"use strict";

const API = "/api/v1";

/** The page's query parameter, or the fallback. */
function param(name, fallback) {
  return new URLSearchParams(window.location.search).get(name) || fallback;
}

/** Creates an element with attributes and children (strings become text, never HTML). */
function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * Follows a live stream: `onSnapshot(body)` first and again after every reconnection (the browser reconnects by
 * itself), then `onChange(view)` for each prescription view that changed. The element `#connection` tells the
 * state: "connecting", "live" (snapshot received) or "reconnecting".
 */
function follow(path, onSnapshot, onChange) {
  const connection = document.getElementById("connection");
  const show = (state, text) => {
    connection.dataset.state = state;
    connection.textContent = text;
  };
  show("connecting", "Connecting…");
  const source = new EventSource(API + path);
  source.addEventListener("snapshot", (event) => {
    onSnapshot(JSON.parse(event.data));
    show("live", "Live");
  });
  source.addEventListener("change", (event) => onChange(JSON.parse(event.data)));
  source.addEventListener("error", () => show("reconnecting", "Connection lost, reconnecting…"));
  window.addEventListener("pagehide", () => source.close());
  return source;
}

/** POSTs JSON; answers the JSON body, or throws an Error whose message is the problem's "title: detail". */
async function post(path, body, headers) {
  let response;
  try {
    response = await fetch(API + path, {
      method: "POST",
      headers: Object.assign({"Content-Type": "application/json"}, headers || {}),
      body: JSON.stringify(body),
    });
  } catch (failure) {
    throw new Error("The exchange cannot be reached: " + failure.message);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = json || {};
    const title = problem.title || "HTTP " + response.status;
    throw new Error(problem.detail ? title + ": " + problem.detail : title);
  }
  return json;
}

/** Shows a message in the page's `#messages` area; kind is "problem" or "info". */
function say(kind, text) {
  const messages = document.getElementById("messages");
  messages.replaceChildren(el("p", {class: kind, "data-kind": kind}, text));
}

/** Runs a command, showing its problem (if any) in the message area. */
async function attempt(command, done) {
  try {
    const result = await command();
    if (done) say("info", done(result));
    return result;
  } catch (failure) {
    say("problem", failure.message);
    return null;
  }
}

function openAlerts(view) {
  return (view.alerts || []).filter((alert) => alert.status === "OPEN");
}

function alertList(view) {
  const alerts = openAlerts(view);
  if (alerts.length === 0) return el("p", {class: "no-alerts"}, "No open alerts");
  return el("ul", {class: "alerts", "aria-label": "Open alerts"},
    alerts.map((alert) => el("li", {class: "alert severity-" + String(alert.severity).toLowerCase(),
        "data-alert-type": alert.type, "data-severity": alert.severity},
      el("strong", {}, alert.severity), " ", alert.type.replaceAll("_", " ").toLowerCase(),
      alert.ingredient ? " — " + alert.ingredient : "")));
}

function lineList(view) {
  return el("ul", {class: "lines"}, view.lines.map((line) => el("li", {"data-line": line.lineNumber},
    el("span", {class: "drug"}, line.drugName || line.drugCode), " ",
    el("span", {class: "quantity"}, `${line.quantity} ${line.unit} for ${line.days} days`),
    Number(line.dispensedQuantity) > 0 ? el("span", {class: "dispensed"}, ` (${line.dispensedQuantity} dispensed)`) : "",
    line.dosage ? el("div", {class: "dosage"}, line.dosage) : "")));
}

function patientName(view) {
  const patient = view.patient || {};
  return `${patient.name || patient.id} (born ${patient.birthDate})`;
}

/**
 * One prescription as an <li>: patient, status, lines, the cancellation flag and its open alerts beside it;
 * `actions` (buttons) go at the end. data-prescription-id, data-status and data-cancellation-requested are
 * stable, for scripts and tests.
 */
function prescriptionItem(view, actions) {
  return el("li", {class: "prescription" + (view.cancellationRequested ? " cancellation-requested" : ""),
      "data-prescription-id": view.prescriptionId, "data-status": view.status,
      "data-cancellation-requested": String(Boolean(view.cancellationRequested))},
    el("div", {class: "main"},
      el("h3", {}, patientName(view), " ", el("span", {class: "status", "data-status": view.status}, view.status)),
      view.cancellationRequested
        ? el("p", {class: "flag", role: "status"}, "Cancellation requested by the prescriber: do not dispense")
        : "",
      lineList(view),
      el("p", {class: "meta"}, `Use ${view.currentUse} of ${view.refills + 1}, valid until ${view.validUntil}`,
        view.pharmacyId ? `, held by ${view.pharmacyId}` : ""),
      actions ? el("div", {class: "actions"}, actions) : ""),
    el("aside", {class: "side"}, el("h4", {}, "Alerts"), alertList(view)));
}

/** Replaces the list's items with the views' items, or an empty-state line. */
function renderList(list, views, render, emptyText) {
  list.replaceChildren(...(views.length ? views.map(render) : [el("li", {class: "empty"}, emptyText)]));
}
