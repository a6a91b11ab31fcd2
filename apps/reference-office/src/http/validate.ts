/**
 * Decoding untrusted input with an Effect Schema, collecting every failing field (not only the first).
 */
import { Result, Schema } from "effect";
import { type FieldIssue, formatPath } from "./problem.js";

export const decodeAll = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  input: unknown,
): Result.Result<S["Type"], ReadonlyArray<FieldIssue>> => {
  const validated = Schema.toStandardSchemaV1(schema, {
    parseOptions: { errors: "all", onExcessProperty: "error" },
  })["~standard"].validate(input);
  if (validated instanceof Promise) {
    return Result.fail([{ path: "", message: "asynchronous validation is not supported" }]);
  }
  if (validated.issues) {
    return Result.fail(
      validated.issues.map((i) => ({
        path: formatPath(i.path),
        message: i.message === "Expected no excess property" ? "Unknown field" : i.message,
      })),
    );
  }
  return Result.succeed(validated.value as S["Type"]);
};
