// The pharmacy's live queue: accept with the patient's exchange code, dispense, release; changes arrive live.
"use strict";

// who acts is the token's: its pharmacy and its subject (the query parameters only fill in without a token)
const pharmacyId = tokenClaims().pharmacy_id || param("pharmacyId", "PH-1");
const pharmacistId = tokenClaims().sub || param("pharmacistId", "RPH-1");
// prescription id -> view, for what the pharmacy holds and what it dispensed today
const held = new Map();
const dispensed = new Map();

function dispensedHere(view) {
  return (view.dispensings || []).some((dispensing) => dispensing.pharmacyId === pharmacyId);
}

/**
 * Where a changed view goes: held while this pharmacy holds it; once it left (completed, released, cancelled),
 * to "dispensed today" if this pharmacy dispensed it while it was shown here; otherwise it is gone. A fresh
 * snapshot (after a reconnection or a reload) is the exchange's own word on what counts as today.
 */
function place(view) {
  const id = view.prescriptionId;
  const shown = held.get(id) || dispensed.get(id);
  if (shown && shown.version > view.version) return; // a change the snapshot already showed
  const wasHere = held.has(id) || dispensed.has(id);
  held.delete(id);
  dispensed.delete(id);
  if (view.pharmacyId === pharmacyId) held.set(id, view);
  else if (wasHere && dispensedHere(view)) dispensed.set(id, view);
}

function remaining(line) {
  return Number(line.quantity) - Number(line.dispensedQuantity || 0);
}

function dispenseAll(view) {
  const items = view.lines.filter((line) => remaining(line) > 0).map((line) => ({
    lineNumber: line.lineNumber,
    drugCode: line.drugCode,
    quantity: remaining(line),
    days: Math.max(1, Math.round(line.days * remaining(line) / Number(line.quantity))),
  }));
  return attempt(() => post(`/prescriptions/${view.prescriptionId}/dispense`,
    {pharmacyId, pharmacistId, items, completesUse: true}), () => t("pharmacy.dispensed", {patient: patientName(view)}));
}

function release(view) {
  const reason = window.prompt(t("pharmacy.releaseReason", {patient: patientName(view)}));
  if (!reason) return null;
  return attempt(() => post(`/prescriptions/${view.prescriptionId}/release`, {pharmacyId, reason}),
    () => t("pharmacy.released", {patient: patientName(view)}));
}

function heldItem(view) {
  return prescriptionItem(view, [
    el("button", {type: "button", class: "dispense", onclick: () => dispenseAll(view)}, t("pharmacy.dispenseAll")),
    el("button", {type: "button", class: "release", onclick: () => release(view)}, t("pharmacy.release")),
  ]);
}

function render() {
  const byHeldSince = (a, b) => String(a.heldSince).localeCompare(String(b.heldSince));
  renderList(document.getElementById("held"), [...held.values()].sort(byHeldSince), heldItem,
    t("pharmacy.nothingHeld"));
  renderList(document.getElementById("dispensed"), [...dispensed.values()], (view) => prescriptionItem(view),
    t("pharmacy.nothingDispensed"));
}

function start() {
  document.getElementById("pharmacy-id").textContent = pharmacyId;
  document.getElementById("pharmacist-id").textContent = pharmacistId;
  const form = document.getElementById("accept-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const accepted = await attempt(() => post("/prescriptions/accept", {
      exchangeCode: form.exchangeCode.value.trim(), patientBirthDate: form.patientBirthDate.value,
      pharmacyId, pharmacistId}), (view) => t("pharmacy.accepted", {patient: patientName(view)}));
    if (accepted) form.reset();
  });
  setUpScanner();
  follow(`/pharmacies/${encodeURIComponent(pharmacyId)}/dispensing-view/stream`, (snapshot) => {
    held.clear();
    dispensed.clear();
    snapshot.held.forEach((view) => held.set(view.prescriptionId, view));
    snapshot.dispensedToday.forEach((view) => dispensed.set(view.prescriptionId, view));
    render();
  }, (view) => {
    place(view);
    render();
  });
}

/**
 * The accept form's camera scan: where the browser has the standard BarcodeDetector for QR codes and a camera
 * (getUserMedia), a button shows the camera and fills the exchange code from the first QR code it sees (the patient
 * page shows each open code as one). Elsewhere the button stays hidden; typing the code always works.
 */
async function setUpScanner() {
  const button = document.getElementById("scan-code");
  const scanner = document.getElementById("scanner");
  button.hidden = true;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) return;
  } catch (unsupported) {
    return;
  }
  const detector = new window.BarcodeDetector({formats: ["qr_code"]});
  const video = document.getElementById("scanner-video");
  let stream = null;
  const stop = () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    scanner.hidden = true;
  };
  document.getElementById("scan-stop").onclick = stop;
  window.addEventListener("pagehide", stop);
  button.onclick = async () => {
    if (stream) return;
    try {
      stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false});
    } catch (denied) {
      say("problem", t("pharmacy.cameraUnavailable", {reason: denied.message}));
      return;
    }
    video.srcObject = stream;
    scanner.hidden = false;
    // not awaited: a camera may take a while to deliver its first frame, and the detector waits for frames anyway
    video.play().catch(() => {});
    const look = async () => {
      if (!stream) return;
      try {
        const codes = await detector.detect(video);
        const found = codes.find((code) => code.rawValue);
        if (found) {
          document.getElementById("exchange-code").value = found.rawValue.trim();
          stop();
          say("info", t("pharmacy.scanned"));
          document.getElementById("birth-date").focus();
          return;
        }
      } catch (notYet) {
        // a frame the detector cannot read yet (the video is still starting): look at the next one
      }
      setTimeout(look, 150);
    };
    look();
  };
  button.hidden = false;
}

messagesReady.then(start);
