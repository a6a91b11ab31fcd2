/**
 * The OpenAPI 3.1 document of the JSON API, generated from the same Effect Schemas that validate requests and shape
 * responses, so the document cannot drift from the code.
 */
import { Schema } from "effect";
import type { Access } from "../http/access.js";

export interface OperationSpec {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  readonly operationId: string;
  /** Who may call it (src/http/access.ts); enforced by the access middleware and listed in the document. */
  readonly access: Access;
  readonly summary: string;
  readonly description?: string;
  readonly tags: ReadonlyArray<string>;
  readonly parameters?: ReadonlyArray<{
    readonly name: string;
    readonly in: "path" | "query" | "header";
    readonly required?: boolean;
    readonly description?: string;
    readonly schema: Record<string, unknown>;
  }>;
  readonly requestBody?: { readonly name: string; readonly schema: Schema.Top; readonly contentType?: string };
  readonly responses: Record<
    string,
    {
      readonly description: string;
      readonly name?: string;
      readonly schema?: Schema.Top;
      readonly contentType?: string;
    }
  >;
}

type Json = Record<string, unknown>;

const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(v);
    }
    return out;
  }
  return value;
};

export const problemSchema: Json = {
  type: "object",
  description: "RFC 9457 problem details",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: { path: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

export const buildOpenApi = (
  info: { title: string; version: string; description: string },
  operations: ReadonlyArray<OperationSpec>,
): Json => {
  const schemas: Json = { Problem: problemSchema };
  const register = (name: string, schema: Schema.Top): Json => {
    if (!(name in schemas)) {
      const doc = Schema.toJsonSchemaDocument(schema);
      for (const [defName, def] of Object.entries(doc.definitions)) {
        if (!(defName in schemas)) schemas[defName] = rewriteRefs(def);
      }
      schemas[name] = rewriteRefs(doc.schema);
    }
    return { $ref: `#/components/schemas/${name}` };
  };

  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const responses: Json = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const contentType = r.contentType ?? (Number(status) >= 400 ? "application/problem+json" : "application/json");
      const schema =
        r.schema && r.name
          ? register(r.name, r.schema)
          : Number(status) >= 400
            ? { $ref: "#/components/schemas/Problem" }
            : undefined;
      responses[status] = { description: r.description, ...(schema ? { content: { [contentType]: { schema } } } : {}) };
    }
    const operation: Json = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      ...("permission" in op.access || "signedIn" in op.access
        ? {
            security: [{ session: [] }, { token: [] }],
            ...("permission" in op.access ? { "x-permission": op.access.permission } : {}),
          }
        : "signature" in op.access
          ? { "x-signature": op.access.signature }
          : { security: [] }),
      ...(op.parameters ? { parameters: op.parameters } : {}),
      ...(op.requestBody
        ? {
            requestBody: {
              required: true,
              content: {
                [op.requestBody.contentType ?? "application/json"]: {
                  schema: register(op.requestBody.name, op.requestBody.schema),
                },
              },
            },
          }
        : {}),
      responses,
    };
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "ipo_session", description: "A staff account's session" },
        token: { type: "http", scheme: "bearer", description: "An API token of the office (ipo_…)" },
      },
    },
  };
};
