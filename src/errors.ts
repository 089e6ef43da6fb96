/**
 * Every refusal in telchain is a TelchainError with a stable code (e.g. `TX_BAD_NONCE`).
 * The API returns the code as `error.code`, the CLI prints it, tests assert on it.
 */
export class TelchainError extends Error {
  readonly code: string;
  /** HTTP status the API uses when this error reaches a client. */
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "TelchainError";
    this.code = code;
    this.status = status;
  }
}

/** Throws a TelchainError when `cond` is false. */
export function ensure(cond: unknown, code: string, message: string, status = 400): asserts cond {
  if (!cond) throw new TelchainError(code, message, status);
}

export function isTelchainError(e: unknown): e is TelchainError {
  return e instanceof TelchainError;
}
