// Shared by the pages: the live stream, commands and reads over HTTP, and how a prescription looks. Texts come from
// i18n.js (loaded before this). Plain JavaScript run as the browser loads it; no framework, no build step.
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
 * The bearer token the page sends. It arrives in the address's fragment (`page.html?...#token=...`, never sent to
 * the server, so no log holds it), is kept for this tab only, and the fragment is cleared.
 */
function bearerToken() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get("token")) {
    sessionStorage.setItem("exchange-token", fragment.get("token"));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem("exchange-token");
}

/** The claims of the page's token (who is signed in), or {} without one. Only displayed and used to fill bodies. */
function tokenClaims() {
  const token = bearerToken();
  if (!token) return {};
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (malformed) {
    return {};
  }
}

function authorization() {
  const token = bearerToken();
  return token ? {"Authorization": "Bearer " + token} : {};
}

/**
 * Follows a live stream: `onSnapshot(body)` first and again after every reconnection, then `onChange(view)` for
 * each prescription view that changed. EventSource cannot send a bearer token, so this reads the stream with fetch,
 * reconnecting with Last-Event-ID as EventSource would. The element `#connection` tells the state: "connecting",
 * "live" (snapshot received), "reconnecting" or "denied" (no valid token for this page).
 */
function follow(path, onSnapshot, onChange) {
  const connection = document.getElementById("connection");
  const show = (state, text) => {
    connection.dataset.state = state;
    connection.textContent = text;
  };
  const stop = new AbortController();
  window.addEventListener("pagehide", () => stop.abort());
  let lastEventId = null;

  const dispatch = (block) => {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "id") lastEventId = value;
      else if (field === "event") name = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) return;
    const body = JSON.parse(data.join("\n"));
    if (name === "snapshot") {
      onSnapshot(body);
      show("live", t("connection.live"));
    } else if (name === "change") {
      onChange(body);
    }
  };

  const connect = async () => {
    show("connecting", t("connection.connecting"));
    while (!stop.signal.aborted) {
      try {
        const headers = Object.assign({"Accept": "text/event-stream"}, authorization());
        if (lastEventId !== null) headers["Last-Event-ID"] = lastEventId;
        const response = await fetch(API + path, {headers, cache: "no-store", signal: stop.signal});
        if (response.status === 401 || response.status === 403) {
          show("denied", t("connection.denied"));
          return;
        }
        if (response.ok) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = "";
          for (;;) {
            const {value, done} = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, {stream: true}).replace(/\r\n?/g, "\n");
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch (failure) {
        if (stop.signal.aborted) return;
      }
      show("reconnecting", t("connection.reconnecting"));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  connect();
  return stop;
}

/** POSTs JSON; answers the JSON body, or throws an Error whose message is the problem's "title: detail". */
async function post(path, body, headers) {
  return answer(() => fetch(API + path, {
    method: "POST",
    headers: Object.assign({"Content-Type": "application/json"}, authorization(), headers || {}),
    body: JSON.stringify(body),
  }));
}

/** GETs JSON, as {@link post} answers. */
async function get(path) {
  return answer(() => fetch(API + path, {headers: authorization(), cache: "no-store"}));
}

/**
 * The JSON body of what `request` answers, or an Error whose message is the problem's title (in the page's
 * language) and detail, and whose `status` is the HTTP status.
 */
async function answer(request) {
  let response;
  try {
    response = await request();
  } catch (failure) {
    throw new Error(t("problem.unreachable", {reason: failure.message}));
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    const problem = json || {};
    const title = problemTitle(problem, response.status);
    const error = new Error(problem.detail ? title + ": " + problem.detail : title);
    error.status = response.status;
    throw error;
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
  if (alerts.length === 0) return el("p", {class: "no-alerts"}, t("alerts.none"));
  return el("ul", {class: "alerts", "aria-label": t("alerts.open")},
    alerts.map((alert) => el("li", {class: "alert severity-" + String(alert.severity).toLowerCase(),
        "data-alert-type": alert.type, "data-severity": alert.severity},
      el("strong", {}, tOr("severity." + alert.severity, alert.severity)), " ",
      tOr("alertType." + alert.type, alert.type.replaceAll("_", " ").toLowerCase()),
      alert.ingredient ? " — " + alert.ingredient : "")));
}

function lineList(view) {
  return el("ul", {class: "lines"}, view.lines.map((line) => el("li", {"data-line": line.lineNumber},
    el("span", {class: "drug"}, drugName(line)), " ",
    el("span", {class: "quantity"}, t("line.quantity", {quantity: line.quantity, unit: line.unit, days: line.days})),
    Number(line.dispensedQuantity) > 0
      ? el("span", {class: "dispensed"}, t("line.dispensed", {quantity: line.dispensedQuantity})) : "",
    line.dosage ? el("div", {class: "dosage"}, line.dosage) : "")));
}

function patientName(view) {
  const patient = view.patient || {};
  return t("patient.name", {name: patient.name || patient.id, birthDate: patient.birthDate});
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
      el("h3", {}, patientName(view), " ", statusBadge(view.status)),
      view.cancellationRequested ? el("p", {class: "flag", role: "status"}, t("prescription.cancellationRequested")) : "",
      lineList(view),
      el("p", {class: "meta"}, t("prescription.use", {use: view.currentUse, uses: view.refills + 1,
        validUntil: view.validUntil}), view.pharmacyId ? t("prescription.heldBy", {pharmacy: view.pharmacyId}) : ""),
      actions ? el("div", {class: "actions"}, actions) : ""),
    el("aside", {class: "side"}, el("h4", {}, t("alerts.heading")), alertList(view)));
}

/** The status as a badge in the page's language; data-status keeps the exchange's word. */
function statusBadge(status) {
  return el("span", {class: "status", "data-status": status}, statusLabel(status));
}

/** Replaces the list's items with the views' items, or an empty-state line. */
function renderList(list, views, render, emptyText) {
  list.replaceChildren(...(views.length ? views.map(render) : [el("li", {class: "empty"}, emptyText)]));
}
