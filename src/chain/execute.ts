/**
 * Transaction execution: the stateless admission checks shared by the mempool and block
 * validation, and the stateful apply of one transaction onto an Overlay.
 */
import { equalBytes } from "../bytes.js";
import { bodyOfTxBytes, decodeStrict } from "../codec/decode.js";
import { txSigningDigestOfBody } from "../codec/hashing.js";
import type { Tx } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { verify } from "../crypto/ed25519.js";
import { type SigCache, sigCacheKey } from "../crypto/sig-cache.js";
import { TelchainError } from "../errors.js";
import type { BlockInfo, TxKind } from "../module/interface.js";
import { type ModuleRegistry, modulePrefix } from "../module/registry.js";
import { isLockedAt, readAuth } from "../state/account-auth.js";
import { Accounts } from "../state/accounts.js";
import { type Overlay, prefixedView } from "../state/overlay.js";
import type { ChainParams } from "./params.js";

export interface CheckedTx {
  tx: Tx;
  /** The transaction's canonical encoding. */
  bytes: Uint8Array;
  hash: Uint8Array;
  size: number;
  moduleName: string;
  kindName: string;
  kind: TxKind<unknown, unknown>;
  payload: unknown;
  /** The kind's parse of the payload (checked once, here), handed to apply. */
  args: unknown;
  /**
   * The key the signature is (being) verified against outside execution — in the worker pool,
   * on entry to the mempool — normally the sender's authorising key in the head state. When it
   * is still the authorising key where the transaction applies, execution relies on that check;
   * otherwise execution verifies the signature itself against the key in force there.
   */
  signer?: Uint8Array;
  /** Set by execution: "outside" when it relied on the check against `signer`, "here" when it verified. */
  signatureCheck?: "outside" | "here";
}

/** A transaction's call: module and kind resolved, payload decoded strictly and parsed by the kind. */
export type ParsedCall = Pick<CheckedTx, "moduleName" | "kindName" | "kind" | "payload" | "args">;

export function parseCall(tx: Tx, modules: ModuleRegistry): ParsedCall {
  const { module, kindName, kind } = modules.resolve(tx.body.module, tx.body.kind);
  const payload = decodeStrict(kind.payload, tx.body.payload, `${module.name}/${kindName} payload`);
  return { moduleName: module.name, kindName, kind, payload, args: kind.parse(payload, tx.body) };
}

/** Checks that need no state: module and kind exist, payload decodes strictly and passes the kind's checks, fee covers the size. */
export function checkTxStateless(
  tx: Tx,
  bytes: Uint8Array,
  hash: Uint8Array,
  params: ChainParams,
  modules: ModuleRegistry,
): CheckedTx {
  const size = bytes.length;
  const call = parseCall(tx, modules);
  const minFee = params.minFeePerByte * BigInt(size);
  if (tx.body.fee < minFee) {
    throw new TelchainError(
      "TX_FEE_TOO_LOW",
      `fee ${tx.body.fee} is below the minimum ${minFee} (${size} bytes)`,
    );
  }
  return { tx, bytes, hash, size, ...call };
}

/**
 * Applies one checked transaction on top of `state`: expiry, nonce, fee, then the module's
 * apply, all in a child overlay merged only on success. Returns the fee paid.
 */
export function applyTx(
  state: Overlay,
  checked: CheckedTx,
  block: BlockInfo,
  modules: ModuleRegistry,
  sigCache?: SigCache,
): bigint {
  const { tx } = checked;
  const body = tx.body;
  if (body.expiry !== 0 && block.height > body.expiry) {
    throw new TelchainError(
      "TX_EXPIRED",
      `transaction expired at height ${body.expiry}, block is ${block.height}`,
    );
  }
  const scratch = state.child();
  const auth = readAuth(scratch, body.sender);
  checkAuthorised(checked, auth.key, block.chainId, sigCache);
  if (isLockedAt(auth, block.height) && !checked.kind.allowedWhileLocked) {
    throw new TelchainError(
      "ACCOUNT_LOCKED",
      `account ${encodeAddress(body.sender)} is locked until height ${auth.lockedUntil}: only recovery transactions may be sent`,
    );
  }
  const accounts = new Accounts(scratch, block.height);
  const acct = accounts.get(body.sender);
  if (body.nonce !== acct.nonce) {
    throw new TelchainError(
      "TX_BAD_NONCE",
      `nonce ${body.nonce} does not match the account nonce ${acct.nonce}`,
    );
  }
  if (acct.balance < body.fee) {
    throw new TelchainError(
      "TX_INSUFFICIENT_FUNDS",
      `balance ${acct.balance} cannot pay the fee ${body.fee}`,
    );
  }
  accounts.set(body.sender, { balance: acct.balance - body.fee, nonce: acct.nonce + 1 });
  checked.kind.apply(
    {
      block,
      sender: body.sender,
      txHash: checked.hash,
      state: prefixedView(scratch, modulePrefix(checked.moduleName)),
      accounts,
      accountControl: modules.get(checked.moduleName)?.accountControl ? accounts : undefined,
      keeper: (name) => modules.keeper(name, scratch),
      writeKeeper: (name) => modules.writeKeeper(name, scratch),
    },
    checked.args,
  );
  scratch.mergeInto(state);
  return body.fee;
}

/**
 * The signature rule: a transaction is valid only if its signature verifies under the sender's
 * authorising key where it applies. When that key is the one the signature was checked against
 * outside (checked.signer) execution relies on that check (the caller awaits it); otherwise — the
 * key was rotated since, or nobody checked — it verifies here, once per (transaction, key).
 */
function checkAuthorised(
  checked: CheckedTx,
  key: Uint8Array,
  chainId: string,
  sigCache: SigCache | undefined,
): void {
  if (checked.signer && equalBytes(checked.signer, key)) {
    checked.signatureCheck = "outside";
    return;
  }
  checked.signatureCheck = "here";
  const cacheKey = sigCacheKey(checked.hash, key);
  if (sigCache?.has(cacheKey)) return;
  const digest = txSigningDigestOfBody(chainId, bodyOfTxBytes(checked.bytes));
  if (verify(key, digest, checked.tx.signature)) {
    sigCache?.add(cacheKey);
    return;
  }
  throw signatureRefusal(checked.tx.body.sender, key);
}

/**
 * The refusal of a signature that does not verify under `key`, the sender's authorising key:
 * TX_BAD_SIGNATURE while that is the sender's own key, TX_KEY_ROTATED once it was rotated.
 * Shared by execution and mempool admission.
 */
export function signatureRefusal(sender: Uint8Array, key: Uint8Array): TelchainError {
  if (equalBytes(key, sender))
    return new TelchainError("TX_BAD_SIGNATURE", "signature does not verify for this sender on this chain");
  return new TelchainError(
    "TX_KEY_ROTATED",
    `the signature is not by ${encodeAddress(sender)}'s authorising key ${encodeAddress(key)}: the account's key was rotated, and a rotated-away key no longer signs for it`,
  );
}

/**
 * Runs every module's end-of-block step, in module-list order, on `state` (after the
 * block's transactions, before the reward is credited).
 */
export function applyEndBlock(state: Overlay, block: BlockInfo, modules: ModuleRegistry): void {
  for (const m of modules.all()) {
    if (!m.endBlock) continue;
    m.endBlock({
      block,
      state: prefixedView(state, modulePrefix(m.name)),
      accounts: new Accounts(state, block.height),
      keeper: (name) => modules.keeper(name, state),
      writeKeeper: (name) => modules.writeKeeper(name, state),
    });
  }
}
