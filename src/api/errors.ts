/**
 * One error shape for every failed request: `{ "error": { "code", "message" } }`.
 * A TelchainError keeps its code, and the code's class (its catalogue) gives the status;
 * Fastify's own errors (validation, malformed JSON, body too large, bad or over-long
 * path, ...) are mapped to declared codes; anything else is an INTERNAL 500 whose details
 * go to the log, never to the client. The server passes answerFrameworkError as Fastify's
 * `frameworkErrors` option, for the errors its router raises before any handler runs.
 */

import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import "../core-errors.js"; // registers the core codes, so their classes are known here
import { type ErrorClass, errorSpec, isTelchainError } from "../errors.js";
import { errorBody } from "./error-body.js";

// The shape itself is browser-safe (the SDK's typed client imports the route schemas).
export { type ApiErrorBody, ErrorResponse, errorBody } from "./error-body.js";

/** Fastify's own errors (FST_ERR_*), mapped to declared codes (src/api/error-codes.ts). */
const CODE_OF_FRAMEWORK_ERROR: Record<string, string> = {
  FST_ERR_VALIDATION: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_EMPTY_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_BAD_URL: "BAD_URL",
  FST_ERR_MAX_PARAM_LENGTH: "URL_TOO_LONG",
  FST_ERR_NOT_FOUND: "NOT_FOUND",
};

/** Other 4xx errors raised by Fastify or a plugin, by status; any other 4xx is a BAD_REQUEST. */
const CODE_OF_STATUS: Record<number, string> = {
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  414: "URL_TOO_LONG",
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
  "request-timeout": 408,
  "uri-too-long": 414,
  "unsupported-media-type": 415,
  "headers-too-large": 431,
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

function classified(code: string, message: string): Classified {
  return { status: statusOfCode(code), code, message };
}

/** The message of a framework error, without echoing a long path back in full. */
function frameworkMessage(code: string, fe: Partial<FastifyError>): string {
  switch (code) {
    case "URL_TOO_LONG":
      return "a path segment is longer than 100 characters";
    case "BAD_URL":
      return "the path is not valid percent-encoding";
    default:
      return fe.message ?? "";
  }
}

/** Maps any thrown value to the status, code and message the client sees. */
export function classifyError(err: unknown): Classified {
  if (isTelchainError(err)) return classified(err.code, err.message);
  const fe = (err ?? {}) as Partial<FastifyError>;
  if (fe.validation) return classified("BAD_REQUEST", fe.message ?? "invalid request");
  // Fastify's JSON parser reports syntax errors as a bare 400 SyntaxError.
  if (err instanceof SyntaxError && fe.statusCode === 400)
    return classified("BAD_REQUEST", `malformed JSON body: ${err.message}`);
  const known = typeof fe.code === "string" ? CODE_OF_FRAMEWORK_ERROR[fe.code] : undefined;
  if (known) return classified(known, frameworkMessage(known, fe));
  const status = fe.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code = CODE_OF_STATUS[status] ?? "BAD_REQUEST";
    return classified(code, frameworkMessage(code, fe));
  }
  return classified("INTERNAL", "internal error");
}

/** Answers an error in the one shape; 5xx details go to the log only. */
function answer(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code, message } = classifyError(err);
  if (status >= 500) request.log.error({ err }, "request failed");
  return reply.status(status).send(errorBody(code, message));
}

/**
 * Fastify's `frameworkErrors` option: the errors its router raises before any route or
 * error handler runs (a path parameter over maxParamLength, bad percent-encoding in the
 * path, an async constraint failure) would otherwise answer Fastify's own JSON shape.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  answer(err, request, reply);
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (malformed HTTP, headers
 * over the limit, a request not sent in time): answered on the raw socket in the same
 * `{ "error": { "code", "message" } }` shape, then the connection is closed. Fastify's
 * `clientErrorHandler` option.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [code, message] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? ["REQUEST_TIMEOUT", "the request was not received in time"]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? ["HEADERS_TOO_LARGE", "the request's headers are too large"]
        : ["BAD_REQUEST", "malformed HTTP request"];
  const status = statusOfCode(code);
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}

/**
 * While the server closes, requests still arriving on open connections are answered 503
 * NODE_STOPPING in the one shape (instead of Fastify's own 503 body).
 */
function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_request, reply) => {
    if (!closing) return;
    reply.header("Connection", "close");
    return reply
      .status(statusOfCode("NODE_STOPPING"))
      .send(errorBody("NODE_STOPPING", "the node is stopping"));
  });
}

export function installErrorHandlers(app: FastifyInstance): void {
  refuseWhileClosing(app);
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) =>
    answer(err, request, reply),
  );

  // Unknown routes count against the rate limit too, so nobody can scan for free.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    return reply
      .status(404)
      .send(errorBody("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`));
  });
}
