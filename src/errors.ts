/**
 * Every refusal in telchain is a TelchainError with a stable code (e.g. `TX_BAD_NONCE`).
 * The API returns the code as `error.code`, the CLI prints it, tests assert on it.
 *
 * Codes are declared once, with a class and a one-line description, in the catalogue of
 * the package or module that throws them (`defineErrors` in its errors.ts). The class, not
 * the thrower, decides the HTTP status (src/api/errors.ts), so consensus code knows no HTTP.
 * docs/errors.md lists the catalogue; src/errors.test.ts keeps source, catalogue and docs in step.
 */

/** What kind of failure a code is; the API maps each class to one HTTP status. */
export type ErrorClass =
  | "invalid" // the request or transaction is wrong (400)
  | "unauthorized" // a secret (passphrase, code) did not match (401)
  | "forbidden" // the signer may not do this (403)
  | "not-found" // no such thing (404)
  | "conflict" // refused by the current state: taken, pending, already done (409)
  | "gone" // it existed but has expired (410)
  | "too-large" // over a size limit (413)
  | "request-timeout" // the client did not send its request in time (408)
  | "uri-too-long" // a path segment is over the router's length limit (414)
  | "unsupported-media-type" // the body is not in a format this API reads (415)
  | "headers-too-large" // the request's headers are over the server's limit (431)
  | "rate-limited" // over a rate limit (429)
  | "internal" // a fault of the node or its data (500)
  | "upstream" // a service this one relies on failed (502)
  | "unavailable"; // the node cannot serve this now (503)

export interface ErrorSpec {
  class: ErrorClass;
  /** One line: what the code means and, where useful, what to do about it. */
  description: string;
}

export interface ErrorCatalogue {
  /** Package or module that declares the codes (e.g. "chain", "numbers"). */
  scope: string;
  codes: Readonly<Record<string, ErrorSpec>>;
}

const registered = new Map<string, { scope: string; spec: ErrorSpec }>();
const catalogues: ErrorCatalogue[] = [];

/**
 * Declares a package's or module's codes. Each code may be declared by one scope only.
 * Declaring registers them, so the API can find a code's class.
 */
export function defineErrors<const C extends Record<string, ErrorSpec>>(
  scope: string,
  codes: C,
): ErrorCatalogue & { codes: C } {
  for (const [code, spec] of Object.entries(codes)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`bad error code ${code}`);
    const prior = registered.get(code);
    if (prior && prior.scope !== scope)
      throw new Error(`error code ${code} declared by ${prior.scope} and ${scope}`);
    registered.set(code, { scope, spec });
  }
  const c = { scope, codes };
  if (!catalogues.some((x) => x.scope === scope)) catalogues.push(c);
  return c;
}

/** The spec of a declared code, or undefined. */
export function errorSpec(code: string): (ErrorSpec & { scope: string }) | undefined {
  const r = registered.get(code);
  return r && { ...r.spec, scope: r.scope };
}

/** Every catalogue declared so far (those of the modules once the module list is loaded). */
export function declaredCatalogues(): readonly ErrorCatalogue[] {
  return catalogues;
}

export class TelchainError extends Error {
  readonly code: string;
  /** Structured details for programs (shown by the API beside code and message when set). */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "TelchainError";
    this.code = code;
    if (details) this.details = details;
  }
}

/** Throws a TelchainError when `cond` is false. */
export function ensure(cond: unknown, code: string, message: string): asserts cond {
  if (!cond) throw new TelchainError(code, message);
}

export function isTelchainError(e: unknown): e is TelchainError {
  return e instanceof TelchainError;
}
