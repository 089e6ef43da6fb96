/**
 * SSZ schemas of the allowances module: the payloads of its kinds and its stored values (keys:
 * store.ts). Coin amounts are uint64 base units (bigint); ids, periods and heights Uint53.
 */
import { ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, container, Uint53, Uint64, Uint128 } from "../../codec/schema.js";

/** The most addresses a grant's recipients list may name. */
export const MAX_RECIPIENTS = 8;
/** Recipients: empty = a pull may pay any address; else the pull's `to` must be one of them. */
export const Recipients = new ListCompositeType(Bytes32, MAX_RECIPIENTS);

/** What the payer chooses (grant carries them, the grant record keeps them). */
const GRANT_TERMS = {
  grantee: Bytes32,
  /** Coin base units the grantee may pull per period (≥ 1). */
  limit: Uint64,
  /** Blocks per period (1 to 100,000,000), counted from the grant's creation height. */
  period: Uint53,
  /** The most ever pulled in total; 0 = no cap. */
  cap: Uint64,
  /** The height from which no pull is allowed; 0 = no expiry. */
  expiry: Uint53,
  recipients: Recipients,
};

/**
 * A grant at g/<id>. `start` is the height of the block that created it: period i covers heights
 * start + i·period … start + (i + 1)·period − 1. `periodIndex` is the period of the last pull or
 * change and `spentInPeriod` what was pulled in it (a later period starts from 0); `spentTotal`
 * is everything ever pulled (what a cap bounds). Changes keep both spent counters.
 */
export const GrantEntry = container("AllowancesGrant", {
  id: Uint53,
  payer: Bytes32,
  ...GRANT_TERMS,
  start: Uint53,
  periodIndex: Uint53,
  spentInPeriod: Uint64,
  spentTotal: Uint128,
});
export type GrantEntry = ValueOf<typeof GrantEntry>;

/** What a transaction can create (n/x/<tx hash>): so the CLI finds the id a grant got. */
export const CREATED = ["grant"] as const;

// ---------------------------------------------------------------- payloads

export const GrantPayload = container("AllowancesGrantPayload", GRANT_TERMS);
export const ChangePayload = container("AllowancesChange", {
  grant: Uint53,
  expectedLimit: Uint64,
  limit: Uint64,
});
export const RevokePayload = container("AllowancesRevoke", { grant: Uint53 });
/** `to` all-zero: the grantee itself. */
export const PullPayload = container("AllowancesPull", { grant: Uint53, amount: Uint64, to: Bytes32 });
