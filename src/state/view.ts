/**
 * The state as modules see it: a key-value map of bytes. Reads fall through layered
 * overlays down to the store; writes stay in the top overlay until the block commits.
 */
export interface StateReader {
  get(key: Uint8Array): Uint8Array | undefined;
}

export interface StateView extends StateReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}
