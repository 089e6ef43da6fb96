/**
 * TypeBox glue for Fastify: a type provider (handlers get request and reply types from
 * the same schemas that validate them and document the API) and a strict body validator.
 */
import type { Static, TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { FastifySchemaValidationError, FastifyTypeProvider } from "fastify";
import type { FastifyRouteSchemaDef, FastifyValidationResult } from "fastify/types/schema.js";

export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends TSchema ? Static<this["schema"]> : unknown;
  serializer: this["schema"] extends TSchema ? Static<this["schema"]> : unknown;
}

/**
 * Validates a JSON body exactly as its TypeBox schema says. Fastify's default Ajv setup
 * coerces types (so `{ "tx": 12 }` would pass as the hex string "12"), which is right for
 * query strings and path parameters but not for bodies. Fastify prefixes each message
 * with "body" and the field's path, so errors name the bad field.
 */
export function strictBodyCompiler<S>({
  schema: routeSchema,
}: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  const schema = routeSchema as TSchema;
  const check = TypeCompiler.Compile(schema);
  return (value: unknown) => {
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    const path = first?.path ?? "";
    let message = first?.message ?? "is invalid";
    if (path === "") message = schema.type === "object" ? "must be a JSON object" : message;
    else if (message === "Unexpected property") message = "is not an accepted field";
    else if (message === "Expected required property") message = "is required";
    else message = message.replace(/^Expected /, "must be ");
    const error: FastifySchemaValidationError = {
      keyword: String(first?.type ?? "type"),
      instancePath: path,
      schemaPath: "",
      params: {},
      message,
    };
    return { error: [error] };
  };
}
