// The patient's own prescriptions: status, what was prescribed, and for each one still waiting for a pharmacy its
// exchange code, in digits and as a QR code a pharmacy can scan. Read again every 30 seconds, when the tab comes back
// into view, and with the Refresh button.
"use strict";

// whose prescriptions: the token's patient (the query parameter only fills in without a token)
const patientId = tokenClaims().patient_id || param("patientId", "PAT-0001");
const REFRESH_MS = 30000;
// prescription id -> object URL of its QR image, revoked when the prescription no longer shows a code
const qrImages = new Map();

function isOpen(view) {
  return Boolean(view.exchangeCode);
}

/** The QR image of an open prescription, fetched with the page's token and shown from memory. */
function qrImage(view) {
  const image = el("img", {class: "qr", width: 200, height: 200, "data-exchange-code": view.exchangeCode,
    alt: t("patient.qrAlt", {code: view.exchangeCode})});
  const known = qrImages.get(view.prescriptionId);
  if (known && known.code === view.exchangeCode) {
    image.src = known.url;
    return image;
  }
  const path = `/patients/${encodeURIComponent(patientId)}/prescriptions/${view.prescriptionId}/qr-code`;
  fetch(API + path, {headers: authorization(), cache: "no-store"})
    .then((response) => response.ok ? response.blob() : Promise.reject(new Error("HTTP " + response.status)))
    .then((blob) => {
      const url = URL.createObjectURL(blob);
      qrImages.set(view.prescriptionId, {code: view.exchangeCode, url});
      image.src = url;
    })
    .catch(() => image.replaceWith(el("p", {class: "meta"}, t("patient.qrUnavailable"))));
  return image;
}

function codeBlock(view) {
  return el("div", {class: "code"},
    el("p", {}, t("patient.exchangeCode"), " ", el("strong", {class: "exchange-code"}, view.exchangeCode)),
    qrImage(view));
}

function details(view) {
  const facts = [t("patient.issued", {date: String(view.issuedAt || "").slice(0, 10),
    institution: view.prescriber.institutionId})];
  if (view.status === "ISSUED") facts.push(t("patient.validUntil", {date: view.validUntil}));
  if (view.usesLeft > 0) facts.push(t("patient.usesLeft", {uses: view.usesLeft}));
  if (view.refillWindow) {
    facts.push(t("patient.refillWindow", {use: view.refillWindow.use, opens: view.refillWindow.opens,
      closes: view.refillWindow.closes}));
  }
  if (view.pharmacyId) facts.push(t("patient.heldBy", {pharmacy: view.pharmacyId}));
  return el("p", {class: "meta"}, facts.join(" · "));
}

function patientItem(view) {
  return el("li", {class: "prescription", "data-prescription-id": view.prescriptionId, "data-status": view.status},
    el("div", {class: "main"},
      el("h3", {}, lineSummary(view), " ", statusBadge(view.status)),
      lineList(view),
      details(view)),
    isOpen(view) ? el("aside", {class: "side"}, codeBlock(view)) : "");
}

function lineSummary(view) {
  return view.lines.map(drugName).join(", ");
}

function render(body) {
  const prescriptions = body.prescriptions || [];
  const shownCodes = new Set(prescriptions.filter(isOpen).map((view) => view.prescriptionId));
  for (const [id, image] of qrImages) {
    if (!shownCodes.has(id)) {
      URL.revokeObjectURL(image.url);
      qrImages.delete(id);
    }
  }
  renderList(document.getElementById("open"), prescriptions.filter(isOpen), patientItem, t("patient.noneOpen"));
  renderList(document.getElementById("other"), prescriptions.filter((view) => !isOpen(view)), patientItem,
    t("patient.noneOther"));
}

async function load() {
  const connection = document.getElementById("connection");
  try {
    render(await get(`/patients/${encodeURIComponent(patientId)}/prescriptions`));
    connection.dataset.state = "loaded";
    connection.textContent = t("patient.loaded", {time: new Date().toLocaleTimeString(language)});
  } catch (failure) {
    const denied = failure.status === 401 || failure.status === 403;
    connection.dataset.state = denied ? "denied" : "failed";
    connection.textContent = denied ? t("connection.denied") : t("patient.loadFailed");
    if (!denied) say("problem", failure.message);
  }
}

function start() {
  document.getElementById("patient-id").textContent = patientId;
  document.getElementById("refresh").addEventListener("click", load);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") load();
  });
  setInterval(() => {
    if (document.visibilityState === "visible") load();
  }, REFRESH_MS);
  load();
}

messagesReady.then(start);
