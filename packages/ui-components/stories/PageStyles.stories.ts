import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { formatDate, statusLabel, t } from "../src/I18n.js";
import "../src/ipo-class-status-list.js";
import "../src/ipo-status-badge.js";
import { sampleClasses } from "./ClassStatusList.stories.js";

/**
 * A sketch of a record page styled only by `PageStyles.pageStyles` (inlined by the preview) and the tokens: header with
 * logo, description list, the per-class status list, a history table with status badges, a form. It shows the page
 * stylesheet and the office themes at work; it is written here, not rendered by the reference office's page renderer.
 */
const logo = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#fff"/><path d="M10 28V12h5v16zm8 0V12h7a6 6 0 0 1 0 12h-2v4zm5-9h2a1.5 1.5 0 0 0 0-3h-2z" fill="#0b5394"/></svg>',
)}`;

const labels = {
  en: {
    office: "Industrial Property Office",
    search: "Search",
    file: "File online",
    mark: "Mark",
    app: "Application number",
    filed: "Filing date",
    owner: "Owner",
    history: "History",
    date: "Date",
    event: "Event",
    status: "Status",
    note: "Leave a note",
    send: "Send",
    cancel: "Cancel",
  },
  ar: {
    office: "مكتب الملكية الصناعية",
    search: "البحث",
    file: "الإيداع الإلكتروني",
    mark: "العلامة",
    app: "رقم الطلب",
    filed: "تاريخ الإيداع",
    owner: "المالك",
    history: "السجل",
    date: "التاريخ",
    event: "الإجراء",
    status: "الحالة",
    note: "أضف ملاحظة",
    send: "إرسال",
    cancel: "إلغاء",
  },
  fr: {
    office: "Office de la propriété industrielle",
    search: "Recherche",
    file: "Dépôt en ligne",
    mark: "Marque",
    app: "Numéro de demande",
    filed: "Date de dépôt",
    owner: "Titulaire",
    history: "Historique",
    date: "Date",
    event: "Événement",
    status: "Statut",
    note: "Laisser une note",
    send: "Envoyer",
    cancel: "Annuler",
  },
} as const;

const meta: Meta = {
  title: "Pages/Record page (sketch)",
  render: (_args, context) => {
    const lang = String(context.globals["lang"] ?? "en") as keyof typeof labels;
    const l = labels[lang] ?? labels.en;
    const history = [
      { date: "2025-01-20", event: "filed", status: "filed" },
      { date: "2025-06-02", event: "published", status: "published" },
      { date: "2025-11-18", event: "limited", status: "limited" },
      { date: "2026-02-03", event: "registered", status: "registered" },
    ];
    return html`<a class="ipo-skip-link" href="#main">Skip to content</a>
      <header class="ipo-header">
        <div class="ipo-header__inner">
          <a class="ipo-logo" href="#"><img src=${logo} alt="" />${l.office}</a>
          <nav class="ipo-nav"><a href="#" aria-current="page">${l.search}</a><a href="#">${l.file}</a></nav>
        </div>
      </header>
      <main class="ipo-main" id="main">
        <h1>OLIVA <ipo-status-badge lang=${lang} status="registered"></ipo-status-badge></h1>
        <div class="ipo-card">
          <dl class="ipo-dl">
            <dt>${l.app}</dt><dd><bdi>TM/2025/000123</bdi></dd>
            <dt>${l.filed}</dt><dd>${formatDate(lang, "2025-01-20")}</dd>
            <dt>${l.owner}</dt><dd><bdi>Oliva Foods S.A.R.L.</bdi></dd>
          </dl>
        </div>
        <h2>${t(lang, "classes.label")}</h2>
        <ipo-class-status-list lang=${lang} heading-level="3" .classes=${sampleClasses} collapse-after="4"></ipo-class-status-list>
        <h2 style="margin-block-start: 1.5rem">${l.history}</h2>
        <div class="ipo-table-wrap">
          <table class="ipo-table">
            <thead><tr><th scope="col">${l.date}</th><th scope="col">${l.event}</th><th scope="col">${l.status}</th></tr></thead>
            <tbody>
              ${history.map(
                (h) =>
                  html`<tr><td>${formatDate(lang, h.date)}</td><td>${statusLabel(lang, h.event)}</td><td><ipo-status-badge lang=${lang} status=${h.status}></ipo-status-badge></td></tr>`,
              )}
            </tbody>
          </table>
        </div>
        <form class="ipo-form" style="margin-block-start: 1.5rem" @submit=${(e: Event) => e.preventDefault()}>
          <div class="ipo-field"><label for="note">${l.note}</label><textarea id="note" name="note"></textarea></div>
          <p><button class="ipo-button">${l.send}</button> <button class="ipo-button ipo-button--secondary" type="reset">${l.cancel}</button></p>
        </form>
      </main>
      <footer class="ipo-footer">© 2026 ${l.office}</footer>`;
  },
  parameters: { layout: "fullscreen", page: true },
};

export default meta;
type Story = StoryObj;

/** The sketch in the toolbar's language and theme. */
export const RecordPageSketch: Story = {};
