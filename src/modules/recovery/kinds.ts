/**
 * The recovery kinds:
 *   set-guardians  the owner: guardians, threshold, delay (at once the first time, else pending
 *                  for the current delay)
 *   cancel-change  the owner: drops the pending change
 *   propose        a guardian: approves a new authorising key for an account; at the threshold the
 *                  recovery starts
 *   execute        anyone, from the started recovery's executable height: the key rotates
 *   veto           the account itself, also while locked: cancels the recovery and the proposals,
 *                  and leaves a trace
 *   lock, unlock   a guardian: the account sends nothing out until height + delay (a lost phone)
 */
import { equalBytes } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { publicKeyRejectReason } from "../../crypto/ed25519.js";
import { TelchainError } from "../../errors.js";
import type { AccountControl, TxContext } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import type { ExpectedCarriers } from "./expected-keepers.js";
import { paramsOf } from "./params.js";
import { atHeight, checkConfig, guardianIndexOf, guardianText, sameConfig } from "./rules.js";
import {
  AccountPayload,
  type AccountRecovery,
  type GuardianConfig,
  MAX_VETOES,
  ProposePayload,
  SetGuardiansPayload,
} from "./schemas.js";
import { readRecord, writeRecord } from "./store.js";

const carriers = (ctx: TxContext) => ctx.keeper<ExpectedCarriers>("carriers");

function control(ctx: TxContext): AccountControl {
  if (!ctx.accountControl) throw new Error("the recovery module runs without account control");
  return ctx.accountControl;
}

/** The account's record as this block sees it (RECOVERY_NO_GUARDIANS when it never set any). */
function recordOf(ctx: TxContext, account: Uint8Array): AccountRecovery {
  const r = readRecord(ctx.state, account);
  if (!r) throw new TelchainError("RECOVERY_NO_GUARDIANS", `${encodeAddress(account)} has set no guardians`);
  return atHeight(r, ctx.block.height);
}

/** The guardian entry the sender acts for (RECOVERY_NOT_GUARDIAN when none). */
function senderGuardian(ctx: TxContext, account: Uint8Array, r: AccountRecovery): number {
  const i = guardianIndexOf(r.config.guardians, ctx.sender, (k) => carriers(ctx).carrierOfOperator(k));
  if (i === undefined)
    throw new TelchainError(
      "RECOVERY_NOT_GUARDIAN",
      `${encodeAddress(ctx.sender)} is not a guardian of ${encodeAddress(account)} (nor an operator of a carrier that is)`,
    );
  return i;
}

function ensureOwner(ctx: TxContext, account: Uint8Array, what: string): void {
  if (!equalBytes(ctx.sender, account))
    throw new TelchainError(
      "RECOVERY_NOT_OWNER",
      `only ${encodeAddress(account)} itself may ${what}; the sender is ${encodeAddress(ctx.sender)}`,
    );
}

/** The record of an account whose guardian the sender is (RECOVERY_NO_GUARDIANS, RECOVERY_NOT_GUARDIAN). */
function guardedBySender(ctx: TxContext, account: Uint8Array): AccountRecovery {
  const r = recordOf(ctx, account);
  senderGuardian(ctx, account, r);
  return r;
}

/** A kind whose payload names one account: cancel-change, execute, veto, lock, unlock. */
const accountKind = (apply: (ctx: TxContext, account: Uint8Array) => void, allowedWhileLocked = false) =>
  defineKind({
    payload: AccountPayload,
    parse: (p) => p,
    apply: (ctx, { account }) => apply(ctx, account),
    toJSON: (p) => ({ account: encodeAddress(p.account) }),
    parties: (a) => [a.account],
    allowedWhileLocked,
  });
const configJson = (c: GuardianConfig) => ({
  guardians: c.guardians.map(guardianText),
  threshold: c.threshold,
  delay: c.delay,
});

export const setGuardians = defineKind({
  payload: SetGuardiansPayload,
  parse: (p) => checkConfig(p),
  apply(ctx, c) {
    const { minDelay, maxDelay } = paramsOf(ctx.state, ctx.block.params);
    if (c.delay < minDelay || c.delay > maxDelay)
      throw new TelchainError(
        "RECOVERY_BAD_DELAY",
        `the delay must be from ${minDelay} to ${maxDelay} blocks on this chain; got ${c.delay}`,
      );
    for (const g of c.guardians)
      if (g.carrier !== "" && !carriers(ctx).carrier(g.carrier))
        throw new TelchainError("RECOVERY_UNKNOWN_CARRIER", `no carrier ${g.carrier} is registered`);
    const h = ctx.block.height;
    const stored = readRecord(ctx.state, ctx.sender);
    if (!stored) {
      writeRecord(ctx.state, ctx.sender, {
        config: c,
        since: h,
        pending: [],
        proposals: [],
        recovery: [],
        lockedUntil: 0,
        vetoCount: 0,
        vetoes: [],
      });
      return;
    }
    const r = atHeight(stored, h);
    const pending = r.pending[0];
    if (sameConfig(c, r.config) || (pending && sameConfig(c, pending.config)))
      throw new TelchainError(
        "RECOVERY_UNCHANGED",
        sameConfig(c, r.config)
          ? "these guardians, threshold and delay are in force already (cancel-change drops a pending change)"
          : `this change is pending already; it applies at height ${pending?.appliesAt}`,
      );
    writeRecord(ctx.state, ctx.sender, {
      ...r,
      pending: [{ config: c, requestedAt: h, appliesAt: h + r.config.delay }],
    });
  },
  toJSON: configJson,
});

export const cancelChange = accountKind((ctx, account) => {
  ensureOwner(ctx, account, "cancel its guardian change");
  const r = recordOf(ctx, account);
  if (r.pending.length === 0)
    throw new TelchainError(
      "RECOVERY_NO_PENDING",
      `${encodeAddress(account)} has no pending guardian change (a change applies at its height)`,
    );
  writeRecord(ctx.state, account, { ...r, pending: [] });
});

export const propose = defineKind({
  payload: ProposePayload,
  parse(p) {
    const why = publicKeyRejectReason(p.key);
    if (why)
      throw new TelchainError(
        "RECOVERY_BAD_KEY",
        `the proposed key ${encodeAddress(p.key)} is unusable: ${why}`,
      );
    return p;
  },
  apply(ctx, { account, key }) {
    const r = recordOf(ctx, account);
    const me = senderGuardian(ctx, account, r);
    const started = r.recovery[0];
    if (started)
      throw new TelchainError(
        "RECOVERY_IN_PROGRESS",
        `a recovery of ${encodeAddress(account)} to ${encodeAddress(started.key)} has started: executable from height ${started.executableAt}, unless the account vetoes it`,
      );
    if (equalBytes(ctx.accounts.authorisingKey(account), key))
      throw new TelchainError(
        "RECOVERY_SAME_KEY",
        `${encodeAddress(key)} already signs for ${encodeAddress(account)}`,
      );
    const h = ctx.block.height;
    const mine = r.proposals.find((p) => equalBytes(p.key, key));
    if (mine?.approvers.includes(me))
      throw new TelchainError(
        "RECOVERY_ALREADY_APPROVED",
        `${guardianText(r.config.guardians[me])} already approves ${encodeAddress(key)} for ${encodeAddress(account)}`,
      );
    // One live approval per guardian: approving this key takes it from any other.
    const others = r.proposals
      .filter((p) => !equalBytes(p.key, key))
      .map((p) => ({ ...p, approvers: p.approvers.filter((a) => a !== me) }))
      .filter((p) => p.approvers.length > 0);
    const approvers = [...(mine?.approvers ?? []), me];
    if (approvers.length >= r.config.threshold) {
      writeRecord(ctx.state, account, {
        ...r,
        proposals: [],
        recovery: [{ key, startedAt: h, executableAt: h + r.config.delay }],
      });
      return;
    }
    writeRecord(ctx.state, account, {
      ...r,
      proposals: [...others, { key, openedAt: mine?.openedAt ?? h, approvers }],
    });
  },
  toJSON: (p) => ({ account: encodeAddress(p.account), key: encodeAddress(p.key) }),
  parties: (a) => [a.account],
});

export const execute = accountKind((ctx, account) => {
  const stored = readRecord(ctx.state, account);
  const r = stored && atHeight(stored, ctx.block.height);
  const started = r?.recovery[0];
  if (!r || !started)
    throw new TelchainError("RECOVERY_NONE", `${encodeAddress(account)} has no started recovery`);
  if (ctx.block.height < started.executableAt)
    throw new TelchainError(
      "RECOVERY_TOO_EARLY",
      `the recovery of ${encodeAddress(account)} is executable from height ${started.executableAt} (this block is ${ctx.block.height})`,
    );
  const accounts = control(ctx);
  accounts.setAuthorisingKey(account, started.key);
  // Lift the guardians' lock (only this module locks accounts).
  if (r.lockedUntil > 0 && ctx.accounts.lockedUntil(account) === r.lockedUntil) accounts.lock(account, 0);
  // The recovered owner decides the guardians afresh: a change queued with the old key is dropped.
  writeRecord(ctx.state, account, { ...r, recovery: [], proposals: [], pending: [], lockedUntil: 0 });
});

export const veto = accountKind((ctx, account) => {
  ensureOwner(ctx, account, "veto its recovery");
  const r = recordOf(ctx, account);
  const started = r.recovery[0];
  if (!started && r.proposals.length === 0)
    throw new TelchainError(
      "RECOVERY_NONE",
      `${encodeAddress(account)} has no started recovery and no open proposal to veto`,
    );
  const keys = [...(started ? [started.key] : []), ...r.proposals.map((p) => p.key)];
  const trace = { height: ctx.block.height, started: started !== undefined, keys };
  writeRecord(ctx.state, account, {
    ...r,
    recovery: [],
    proposals: [],
    vetoCount: Math.min(r.vetoCount + 1, 0xffff_ffff),
    vetoes: [...r.vetoes, trace].slice(-MAX_VETOES),
  });
}, true);

export const lock = accountKind((ctx, account) => {
  const r = guardedBySender(ctx, account);
  const h = ctx.block.height;
  const until = ctx.accounts.lockedUntil(account);
  if (h < until)
    throw new TelchainError(
      "RECOVERY_LOCKED",
      `${encodeAddress(account)} is locked until height ${until} already`,
    );
  const lockedUntil = h + r.config.delay;
  control(ctx).lock(account, lockedUntil);
  writeRecord(ctx.state, account, { ...r, lockedUntil });
});

export const unlock = accountKind((ctx, account) => {
  const r = guardedBySender(ctx, account);
  if (ctx.block.height >= ctx.accounts.lockedUntil(account))
    throw new TelchainError("RECOVERY_NOT_LOCKED", `${encodeAddress(account)} is not locked`);
  control(ctx).lock(account, 0);
  writeRecord(ctx.state, account, { ...r, lockedUntil: 0 });
});

export const recoveryKinds = {
  "set-guardians": setGuardians,
  "cancel-change": cancelChange,
  propose,
  execute,
  veto,
  lock,
  unlock,
};

export const recoveryCalls = calls("recovery", recoveryKinds);
