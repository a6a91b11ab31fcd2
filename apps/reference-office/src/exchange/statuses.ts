/**
 * Statuses of rights brought in as ST.96 (decision 0805): a file states a status in the standard's terms or in the
 * sending office's own codes, and the register holds a state of the office's workflow. A value that is a state of
 * the workflow is kept. Otherwise it is translated, in this order:
 * 1. the office's table (`imports.statuses.<kind>` in its configuration, checked when loaded);
 * 2. a design application status category of ST.96 (`dgn:DesignApplicationCurrentStatusCategory`: Filed, Withdrawn,
 *    Rejected; DesignApplication_V6_0.xsd) → the workflow's initial state, `withdrawn`, `refused` (where it has them);
 * 3. the standard category of the workflow's states (an ST.96 mark current status category such as "Registration
 *    published" for marks, an ST.27 key event such as `F10` for the other kinds): the first state in the workflow's
 *    order that carries it.
 * A value none of these translates is left as it is, and the rights service refuses it, naming the status.
 */
import type { IpRight } from "@ipoffice/domain";
import { type OfficeConfig, workflowsOf } from "../config/OfficeConfig.js";

/** How a status was translated: by the office's table, the design categories, or a state's standard category. */
export type TranslatedBy = "configuration" | "design application category" | "standard category";

export interface StatusTranslation {
  readonly kind: IpRight.IpKind;
  readonly from: string;
  readonly to: string;
  readonly by: TranslatedBy;
}

const designCategories: Readonly<Record<string, string>> = {
  Filed: "@initial",
  Withdrawn: "withdrawn",
  Rejected: "refused",
};

/** The translator of an office: a right's status as the file gave it → the right with the workflow's state. */
export const statusTranslator = (config: OfficeConfig) => {
  const workflows = workflowsOf(config);
  return <R extends IpRight.Right>(right: R): { readonly right: R; readonly translated?: StatusTranslation } => {
    const workflow = workflows[right.kind];
    const states = workflow.states;
    const from = right.status;
    if (states.some((s) => s.id === from)) return { right };
    const done = (to: string, by: TranslatedBy) => ({
      right: { ...right, status: to },
      translated: { kind: right.kind, from, to, by },
    });
    const configured = config.imports?.statuses?.[right.kind]?.[from];
    if (configured !== undefined) return done(configured, "configuration");
    const design = right.kind === "industrial_design" ? designCategories[from] : undefined;
    const designTarget = design === "@initial" ? workflow.initial : design;
    if (designTarget !== undefined && states.some((s) => s.id === designTarget)) {
      return done(designTarget, "design application category");
    }
    const byCategory = states.find((s) => s.standard?.code === from);
    if (byCategory !== undefined) return done(byCategory.id, "standard category");
    return { right };
  };
};

/** Translations counted by value: `"Registration published" → registered (standard category), 3 right(s)`. */
export interface TranslationCount extends StatusTranslation {
  readonly rights: number;
}

export const countTranslations = () => {
  const counts = new Map<string, TranslationCount>();
  return {
    add: (t: StatusTranslation | undefined) => {
      if (t === undefined) return;
      const key = `${t.kind}\u0000${t.from}`;
      const before = counts.get(key);
      counts.set(key, { ...t, rights: (before?.rights ?? 0) + 1 });
    },
    list: (): ReadonlyArray<TranslationCount> => [...counts.values()],
  };
};
