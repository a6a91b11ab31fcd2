import { Workflow } from "@ipoffice/domain";
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { expect } from "storybook/test";
import { isStatus, normalizeStatus, statusAreas, type StatusArea, statusesOf, statusLabel } from "../src/I18n.js";
import { type Tone, tones } from "../src/internal/statusTone.js";
import { statusTone } from "../src/StatusBadge.js";
import "../src/ipo-status-badge.js";
import { areaTitles, statusMeanings } from "./statusMeanings.js";
import { elementIn, langOf } from "./support.js";

type Args = { status: string; area: StatusArea; label: string; tone: Tone | "" };

const allStatuses = [...new Set(statusAreas.flatMap((area) => statusesOf[area]))];

const meta: Meta<Args> = {
  title: "Components/Status badge",
  component: "ipo-status-badge",
  render: (args, context) =>
    html`<ipo-status-badge
      lang=${langOf(context)}
      status=${args.status}
      area=${args.area}
      label=${args.label}
      tone=${args.tone}
    ></ipo-status-badge>`,
  args: { status: "registered", area: "right", label: "", tone: "" },
  argTypes: {
    status: {
      control: "select",
      options: allStatuses,
      description: "The status key; any spelling (`partially-refused`, `PARTIALLY_REFUSED`) is accepted.",
    },
    area: {
      control: "inline-radio",
      options: statusAreas,
      description: "Where the status belongs: a right or class, a Madrid designation, an invoice.",
    },
    label: {
      control: "text",
      description: "Text from data (a configured workflow state's label) instead of the catalog's.",
    },
    tone: { control: "select", options: ["", ...tones], description: "A colour family instead of the status's own." },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** A registered right: success (green). */
export const Registered: Story = {};
/** A class whose terms were refused in part: warning (amber). */
export const PartiallyRefused: Story = { args: { status: "partiallyRefused" } };
/** A refusal: danger (red). */
export const Refused: Story = { args: { status: "refused" } };
/** Waiting for a decision: info (blue). */
export const Pending: Story = { args: { status: "pending" } };
/** Ended without a decision against the applicant: neutral (grey). */
export const Withdrawn: Story = { args: { status: "withdrawn" } };
/** A Madrid designation provisionally refused by the office (the Madrid desk's worklist). */
export const DesignationProvisionallyRefused: Story = {
  args: { area: "designation", status: "provisionally-refused" },
};
/** A Madrid designation protected because no refusal was sent in time. */
export const DesignationProtectedByDefault: Story = { args: { area: "designation", status: "protected-by-default" } };
/** An invoice with part of its amount paid (the cashier's and the payer's pages). */
export const InvoicePartiallyPaid: Story = { args: { area: "invoice", status: "partially_paid" } };
/** A workflow state an office configured, labelled from its workflow: `label` and `tone` given by the page. */
export const WorkflowStateFromData: Story = {
  args: { status: "formality_examination", label: "Formality examination", tone: "info" },
};
/** A status no catalog knows is shown as given, in the neutral tone: a sign that a label is missing. */
export const UnknownStatus: Story = { args: { status: "under_review_by_minister" } };

/**
 * Every status of every area with its badge, key, tone and meaning: the legend trainers teach from. The interaction
 * script checks that every status has a label in the toolbar's language (none is shown as its raw key).
 */
export const AllStatuses: Story = {
  parameters: { controls: { disable: true } },
  render: (_args, context) => {
    const lang = langOf(context);
    return html`${statusAreas.map(
      (area) => html`<section style="margin-block-end: 1.5rem">
        <h2 lang="en" dir="auto">${areaTitles[area]}</h2>
        <div class="ipo-table-wrap">
          <table class="ipo-table" data-area=${area}>
            <thead>
              <tr>
                <th scope="col" lang="en" dir="auto">Badge</th>
                <th scope="col" lang="en" dir="auto">Key</th>
                <th scope="col" lang="en" dir="auto">Tone</th>
                <th scope="col" lang="en" dir="auto">Meaning</th>
              </tr>
            </thead>
            <tbody>
              ${statusesOf[area].map(
                (status) => html`<tr>
                  <td><ipo-status-badge lang=${lang} area=${area} status=${status}></ipo-status-badge></td>
                  <td><code>${status}</code></td>
                  <td lang="en" dir="auto">${statusTone(status, area)}</td>
                  <td lang="en" dir="auto">${statusMeanings[area][status] ?? ""}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
    )}`;
  },
  play: async ({ canvasElement, globals }) => {
    const lang = String(globals["lang"] ?? "en");
    const badges = [...canvasElement.querySelectorAll("ipo-status-badge")];
    const expected = statusAreas.reduce((n, area) => n + statusesOf[area].length, 0);
    await expect(badges).toHaveLength(expected);
    for (const badge of badges) {
      await badge.updateComplete;
      const text = badge.shadowRoot?.textContent?.trim() ?? "";
      await expect(text).not.toBe("");
      await expect(text).not.toBe(badge.status);
      await expect(text).toBe(statusLabel(lang, badge.status, badge.area));
    }
  },
};

const kinds = Object.keys(Workflow.defaults) as ReadonlyArray<keyof typeof Workflow.defaults>;

/**
 * The tone of a workflow state: the status's own where the catalog knows the word (registered, refused…), else blue
 * while the procedure runs and grey once the state is final.
 */
const workflowTone = (state: { readonly id: string; readonly final?: boolean | undefined }): Tone => {
  if (isStatus(normalizeStatus(state.id))) return statusTone(state.id);
  return state.final === true ? "neutral" : "info";
};

/**
 * The states of the default workflow of each kind, labelled from the workflow itself (an office that adapts its
 * workflow changes these labels in its configuration, not in code), shown with the badge's `label` and `tone`: the
 * status's own tone where the catalog knows the word, else blue while the procedure runs and grey once final.
 */
export const WorkflowStates: Story = {
  parameters: { controls: { disable: true } },
  render: (_args, context) => {
    const lang = langOf(context);
    return html`${kinds.map((kind) => {
      const workflow = Workflow.defaults[kind];
      return html`<section style="margin-block-end: 1.5rem">
        <h2><code>${kind}</code></h2>
        <ul style="display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0">
          ${workflow.states.map((state) => {
            const labels = state.labels as Readonly<Record<string, string>>;
            return html`<li>
              <ipo-status-badge
                lang=${lang}
                status=${state.id}
                label=${labels[lang] ?? labels["en"] ?? state.id}
                tone=${workflowTone(state)}
              ></ipo-status-badge>
            </li>`;
          })}
        </ul>
      </section>`;
    })}`;
  },
  play: async ({ canvasElement }) => {
    const first = await elementIn<HTMLElement>(canvasElement, "ipo-status-badge");
    await expect(first.shadowRoot?.textContent?.trim()).not.toBe("");
  },
};
