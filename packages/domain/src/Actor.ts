/**
 * Who acts on a right: a person or a system process, with the role under which they act.
 *
 * Roles are plain identifiers so an office can add its own (for example `"head_of_trademarks"`); a workflow lists
 * the roles it knows and each action names the roles allowed to perform it.
 */
import { Schema } from "effect";

/** A role identifier such as `"examiner"`: lower-case letters, digits and underscores. */
export const Role = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/, { message: "a role is lower_snake_case, 1 to 64 characters" }),
  ),
);
export type Role = typeof Role.Type;

/**
 * Roles used by the default workflows. `system` acts when a time limit runs out; `applicant` and `representative`
 * act through the e-filing portal; the others are office staff.
 */
export const standardRoles = [
  "applicant",
  "representative",
  "clerk",
  "formality_examiner",
  "classifier",
  "examiner",
  "opposition_division",
  "board_of_appeal",
  "registrar",
  "system",
] as const satisfies ReadonlyArray<Role>;
export type StandardRole = (typeof standardRoles)[number];

/** The person or process performing an action: an identifier (user id, `"system"`), the role used, an optional name. */
export const Actor = Schema.Struct({
  id: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200)),
  role: Role,
  name: Schema.optional(Schema.String.check(Schema.isMaxLength(300))),
});
export type Actor = typeof Actor.Type;

/** The actor used for actions fired automatically when a time limit runs out. */
export const system: Actor = { id: "system", role: "system" };
