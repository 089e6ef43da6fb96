/**
 * The one error shape of the API, `{ "error": { "code", "message" } }`: its schema and builder,
 * apart from the server's error handling (src/api/errors.ts, node-only) so that the route
 * schemas, and the SDK's typed client that reads them, stay browser-safe.
 */
import { type Static, Type } from "@sinclair/typebox";

export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: "Every 4xx/5xx response has this shape." },
);

export type ApiErrorBody = Static<typeof ErrorResponse>;

export function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
