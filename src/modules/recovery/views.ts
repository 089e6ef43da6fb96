/**
 * What the recovery module shows (API and CLI), as the NEXT block sees it (a pending change whose
 * height has come is in force, expired proposals are gone): GET /v1/recovery/:address (and
 * `telchain recovery show`), GET /v1/recovery?guardian=|carrier= (and `telchain recovery list`).
 */
import { type Static, Type } from "@sinclair/typebox";
import { addressArgument } from "../../cli/arguments.js";
import { encodeAddress } from "../../crypto/address.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { carrierIdText } from "../../telephony/carrier-id.js";
import { atHeight, guardianText } from "./at-height.js";
import { formatRecovery, guardedLine } from "./format.js";
import type { AccountRecovery, GuardianConfig } from "./schemas.js";
import { accountOfIndexTail, byGuardianAddress, byGuardianCarrier, readRecord } from "./store.js";

const Address = (description: string) => Type.String({ description: `${description} (tel1…)` });
const Height = (description: string) => Type.Integer({ minimum: 0, description: `${description} (height)` });
const Guardians = Type.Array(Type.String(), {
  description: 'the guardians: "tel1…" addresses and "carrier:ID" carriers (any operator of it acts)',
});

export const RecoverySchema = Type.Object({
  account: Address("the account"),
  guardians: Guardians,
  threshold: Type.Integer({ minimum: 1, description: "approvals of one key that start a recovery" }),
  delay: Type.Integer({
    minimum: 1,
    description: "blocks: a started recovery's wait, a proposal's life, a change's wait",
  }),
  since: Height("these guardians in force since"),
  pending: Type.Union([
    Type.Object({
      guardians: Guardians,
      threshold: Type.Integer({ minimum: 1 }),
      delay: Type.Integer({ minimum: 1 }),
      requestedAt: Height("requested"),
      appliesAt: Height("in force from"),
    }),
    Type.Null(),
  ]),
  proposals: Type.Array(
    Type.Object({
      key: Address("the proposed authorising key"),
      approvers: Guardians,
      approvals: Type.Integer({ minimum: 1 }),
      openedAt: Height("its first approval"),
      expiresAt: Height("gone from (unless it reaches the threshold first)"),
    }),
  ),
  recovery: Type.Union([
    Type.Object({
      key: Address("the key the account recovers to"),
      startedAt: Height("the threshold was reached"),
      executableAt: Height("anyone may execute it from"),
      executable: Type.Boolean({ description: "the next block may execute it" }),
    }),
    Type.Null(),
  ]),
  lockedUntil: Type.Union([Height("locked by a guardian below"), Type.Null()]),
  vetoes: Type.Object({
    count: Type.Integer({ minimum: 0, description: "vetoes ever sent by the account" }),
    latest: Type.Array(
      Type.Object({
        height: Height("vetoed"),
        started: Type.Boolean({ description: "a started recovery was cancelled (else open proposals)" }),
        keys: Type.Array(Address("a cancelled key")),
      }),
      { description: "the latest 8, oldest first" },
    ),
  }),
});
export type RecoveryView = Static<typeof RecoverySchema>;

export const GuardedSchema = Type.Object({
  account: Address("an account guarded"),
  guardians: Guardians,
  threshold: Type.Integer({ minimum: 1 }),
  delay: Type.Integer({ minimum: 1 }),
  pendingAppliesAt: Type.Union([Height("a pending change of its guardians applies"), Type.Null()]),
  recovery: Type.Union([Type.Literal("none"), Type.Literal("proposed"), Type.Literal("started")]),
});
export type GuardedView = Static<typeof GuardedSchema>;

const configView = (c: GuardianConfig) => ({
  guardians: c.guardians.map(guardianText),
  threshold: c.threshold,
  delay: c.delay,
});

/** The record of `account` as the block after `head` sees it. */
export function recoveryView(account: Uint8Array, stored: AccountRecovery, head: number): RecoveryView {
  const next = head + 1;
  const r = atHeight(stored, next);
  const p = r.pending[0];
  const started = r.recovery[0];
  const names = (ids: readonly number[]) => ids.map((i) => guardianText(r.config.guardians[i]));
  return {
    account: encodeAddress(account),
    ...configView(r.config),
    since: r.since,
    pending: p ? { ...configView(p.config), requestedAt: p.requestedAt, appliesAt: p.appliesAt } : null,
    proposals: r.proposals.map((x) => ({
      key: encodeAddress(x.key),
      approvers: names(x.approvers),
      approvals: x.approvers.length,
      openedAt: x.openedAt,
      expiresAt: x.openedAt + r.config.delay,
    })),
    recovery: started
      ? {
          key: encodeAddress(started.key),
          startedAt: started.startedAt,
          executableAt: started.executableAt,
          executable: next >= started.executableAt,
        }
      : null,
    lockedUntil: r.lockedUntil > next ? r.lockedUntil : null,
    vetoes: {
      count: r.vetoCount,
      latest: r.vetoes.map((v) => ({
        height: v.height,
        started: v.started,
        keys: v.keys.map(encodeAddress),
      })),
    },
  };
}

const CarrierFilter = carrierIdText("RECOVERY_BAD_GUARDIAN");

/** An account's address from a route or command argument (ADDRESS_INVALID). */
const parseAccount = (raw: string) => encodeAddress(addressArgument(raw, "the account"));

export const recoveryLookup = defineLookup({
  path: "/v1/recovery/:address",
  operationId: "getRecovery",
  summary: "An account's guardians and recovery",
  description:
    "The guardians in force, the threshold and the delay, a pending change (with the height it applies at), the " +
    "open proposals (key, approvers, expiry), the started recovery (key, executable height), the guardians' lock, " +
    "and the vetoes (count and the latest 8). As the next block sees it. 400 ADDRESS_INVALID, 404 NOT_FOUND (the " +
    "account has set no guardians). The account's authorising key is on GET /v1/accounts/:address.",
  param: { help: "the account (tel1…)", maxLength: 128, parse: parseAccount },
  schema: RecoverySchema,
  get(q, address) {
    const account = addressArgument(address, "the account");
    const r = readRecord(q.state(), account);
    return r && recoveryView(account, r, q.height());
  },
  notFound: (address) => `${address} has set no guardians`,
  command: "recovery",
  about: "an account's guardians, threshold, delay, pending change, proposals, recovery, lock and vetoes",
  format: formatRecovery,
});

const guardedItem = (q: QueryContext, tail: string): GuardedView | undefined => {
  const account = accountOfIndexTail(tail);
  const stored = account && readRecord(q.state(), account);
  if (!account || !stored) return undefined;
  const v = recoveryView(account, stored, q.height());
  return {
    account: v.account,
    guardians: v.guardians,
    threshold: v.threshold,
    delay: v.delay,
    pendingAppliesAt: v.pending?.appliesAt ?? null,
    recovery: v.recovery ? "started" : v.proposals.length > 0 ? "proposed" : "none",
  };
};

export const guardedList = defineList({
  path: "/v1/recovery",
  operationId: "listGuardedAccounts",
  summary: "The accounts an address or a carrier guards",
  noun: "accounts",
  order: "account order",
  about:
    "Accounts whose guardians in force or pending name the address (?guardian=) or the carrier (?carrier=), with " +
    "their guardians, threshold, delay and recovery status. 400 ADDRESS_INVALID or RECOVERY_BAD_GUARDIAN for a " +
    "malformed filter.",
  command: "recovery",
  filters: {
    guardian: { help: "that an address guards", address: byGuardianAddress.prefix },
    carrier: {
      help: "that a carrier guards",
      text: (id: string) => byGuardianCarrier.prefix(CarrierFilter.check(id, "carrier")),
      maxLength: 8,
    },
  },
  schema: GuardedSchema,
  item: (q, tail) => guardedItem(q, tail),
  line: guardedLine,
});
