// The institution's issued prescriptions with their status and open alerts, changing live.
"use strict";

const institutionId = tokenClaims().institution_id || param("institutionId", "HOSP-1");
// prescription id -> view
const prescriptions = new Map();

function render() {
  const newestFirst = (a, b) => String(b.issuedAt).localeCompare(String(a.issuedAt));
  renderList(document.getElementById("prescriptions"), [...prescriptions.values()].sort(newestFirst),
    (view) => prescriptionItem(view), t("institution.none"));
}

function start() {
  document.getElementById("institution-id").textContent = institutionId;
  follow(`/institutions/${encodeURIComponent(institutionId)}/prescriptions/stream`, (snapshot) => {
    prescriptions.clear();
    snapshot.prescriptions.forEach((view) => prescriptions.set(view.prescriptionId, view));
    render();
  }, (view) => {
    const shown = prescriptions.get(view.prescriptionId);
    if (shown && shown.version > view.version) return; // a change the snapshot already showed
    prescriptions.set(view.prescriptionId, view);
    render();
  });
}

messagesReady.then(start);
