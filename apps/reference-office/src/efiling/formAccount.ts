/**
 * The filing form for a signed-in applicant or agent (decision 0602): the parties filled from the account (an
 * applicant is the owner or applicant; an agent is the representative and files for one of its clients), the draft
 * kept server-side for the account, and the CSRF token of the filer's session.
 */
import { html, raw } from "hono/html";
import { isolate } from "../pages/bidi.js";
import type { PageContext } from "../pages/layout.js";
import { t } from "./accountPages.js";
import type { Client, FilerPrincipal } from "./Filers.js";
import type { FormValues } from "./form.js";

/** The form's values with the account's parties where the filer left them empty. */
export const withAccountParties = (
  filer: FilerPrincipal,
  values: FormValues,
  client: Client | undefined,
): FormValues => {
  if (filer.kind === "applicant") return { ...values, ownerName: filer.name, ownerCountry: filer.country };
  const withRep = { ...values, repName: filer.name, repCountry: filer.country };
  return client === undefined ? withRep : { ...withRep, ownerName: client.name, ownerCountry: client.country };
};

/** The account's fields and buttons of the form. */
export const accountBlock = (
  p: PageContext,
  filer: FilerPrincipal,
  options: {
    readonly draftId?: string | undefined;
    readonly clients: ReadonlyArray<Client>;
    readonly clientId?: string | undefined;
    readonly saved?: boolean | undefined;
  },
) => ({
  fields: html`<input type="hidden" name="_csrf" value="${filer.csrf}">
${options.draftId ? html`<input type="hidden" name="draft" value="${options.draftId}">` : ""}
${options.saved ? html`<p role="status" class="ipo-card">${t(p, "drafts.saved")}</p>` : ""}
<p class="ipo-hint" data-filing-as>${t(p, "file.as", { name: isolate(filer.name) })}</p>
${
  filer.kind === "agent"
    ? html`<div class="ipo-field"><label class="ipo-label" for="f-client">${t(p, "file.client")}</label>
<select class="ipo-input" id="f-client" name="client"><option value="">${t(p, "file.clientNone")}</option>${options.clients.map(
        (c) =>
          html`<option value="${c.id}" ${options.clientId === c.id ? raw("selected") : ""}>${isolate(c.name)} (${isolate(c.country)})</option>`,
      )}</select></div>`
    : ""
}`,
  actions: html`<button class="ipo-button ipo-button--secondary" type="submit" name="intent" value="draft">${t(p, "drafts.save")}</button>`,
});
