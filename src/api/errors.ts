/**
 * One error shape for every failed request: `{ "error": { "code", "message" } }`.
 * TelchainErrors keep their own code and status; Fastify's own errors (validation,
 * malformed JSON, body too large, ...) are mapped to stable codes; anything else is an
 * INTERNAL 500 whose details go to the log, never to the client.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import "../core-errors.js"; // registers the core codes, so their classes are known here
import { type ErrorClass, errorSpec, isTelchainError } from "../errors.js";

export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: "Every 4xx/5xx response has this shape." },
);

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}

const CODE_BY_STATUS: Record<number, string> = {
  400: "BAD_REQUEST",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  406: "NOT_ACCEPTABLE",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

interface Classified {
  status: number;
  code: string;
  message: string;
}

/** The HTTP status of each error class (src/errors.ts); the thrower never picks one. */
export const STATUS_OF_CLASS: Record<ErrorClass, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "too-large": 413,
  "uri-too-long": 414,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
};

/** The status of a code: its class's, or 400 for a code no catalogue declares. */
export function statusOfCode(code: string): number {
  const spec = errorSpec(code);
  return spec ? STATUS_OF_CLASS[spec.class] : 400;
}

/** Maps any thrown value to the status, code and message the client sees. */
export function classifyError(err: unknown): Classified {
  if (isTelchainError(err)) return { status: statusOfCode(err.code), code: err.code, message: err.message };
  const fe = err as Partial<FastifyError> | undefined;
  if (fe?.validation) return { status: 400, code: "BAD_REQUEST", message: fe.message ?? "invalid request" };
  const status = fe?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // Fastify's JSON parser reports syntax errors as a bare 400 SyntaxError.
    const message = err instanceof SyntaxError ? `malformed JSON body: ${err.message}` : (fe?.message ?? "");
    return { status, code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message };
  }
  return { status: 500, code: "INTERNAL", message: "internal error" };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, code, message } = classifyError(err);
    if (status >= 500) request.log.error({ err }, "request failed");
    return reply.status(status).send(errorBody(code, message));
  });

  // Unknown routes count against the rate limit too, so nobody can scan for free.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    return reply
      .status(404)
      .send(errorBody("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`));
  });
}
