// The pages' language: Japanese or English, as the browser prefers (navigator.languages, the order behind the
// Accept-Language header). Every text a page shows comes from messages/<language>.json; nothing is translated
// elsewhere. Elements with data-i18n="key" get the message as their text, data-i18n-aria-label as aria-label.
"use strict";

const LANGUAGES = ["ja", "en"];

/** The first of the browser's languages the pages speak, else English. */
function pageLanguage() {
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = String(tag || "").toLowerCase().split("-")[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return "en";
}

const language = pageLanguage();
let messages = {};

/** Resolves once the page's messages are loaded and its static texts translated; pages start after it. */
const messagesReady = fetch(`messages/${language}.json`, {cache: "no-cache"})
  .then((response) => response.ok ? response.json() : {})
  .catch(() => ({}))
  .then((loaded) => {
    messages = loaded;
    document.documentElement.lang = language;
    translateStatic(document);
  });

/** The message `key` with {name} placeholders filled from `values`; the key itself if there is no such message. */
function t(key, values) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (placeholder, name) =>
    values && values[name] !== undefined && values[name] !== null ? String(values[name]) : placeholder);
}

/** The message `key` if the language has one, else `fallback`. */
function tOr(key, fallback) {
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : fallback;
}

function translateStatic(root) {
  root.querySelectorAll("[data-i18n]").forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-aria-label]").forEach((element) => {
    element.setAttribute("aria-label", t(element.dataset.i18nAriaLabel));
  });
  if (document.body && document.body.dataset.i18nTitle) document.title = t(document.body.dataset.i18nTitle);
}

/** A prescription status (ISSUED, ACCEPTED, …) in the page's language. */
function statusLabel(status) {
  return tOr("status." + status, status);
}

/** A drug line's name: the catalogue's Japanese name on a Japanese page where it has one. */
function drugName(line) {
  return (language === "ja" && line.drugNameJa) || line.drugName || line.drugCode;
}

/**
 * A problem document's title in the page's language, by its type (`/problems/held-by-another-pharmacy`), else the
 * title the exchange sent.
 */
function problemTitle(problem, status) {
  const slug = String(problem.type || "").split("/").pop();
  const title = problem.title || "HTTP " + status;
  return slug ? tOr("problem." + slug, title) : title;
}
