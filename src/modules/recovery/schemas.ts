/**
 * SSZ schemas of the recovery module: the payloads of its kinds and the one record it keeps per
 * account (keys: store.ts). Heights and delays are Uint53 block counts.
 */
import { ListBasicType, ListCompositeType, type ValueOf } from "@chainsafe/ssz";
import { Bool, Bytes32, container, Uint8, Uint32, Uint53 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

/** Most guardians an account may have. */
export const MAX_GUARDIANS = 10;
/** Veto records kept per account (the latest ones; the count keeps counting). */
export const MAX_VETOES = 8;

/** A carrier guardian's id, or "" for an address guardian. */
export const GuardianCarrier = text({
  maxBytes: 8,
  pattern: /^([A-Z0-9]{3,8})?$/,
  name: "guardian carrier id",
  describe: "3 to 8 upper-case letters or digits (empty for an address guardian)",
  code: "RECOVERY_BAD_GUARDIAN",
});

/**
 * A guardian: an address (`carrier` empty) or a carrier (`address` all zero), which acts through
 * any of its operator keys.
 */
export const Guardian = container("RecoveryGuardian", { address: Bytes32, carrier: GuardianCarrier });
export type Guardian = ValueOf<typeof Guardian>;

/**
 * The guardians, the approvals a recovery needs and the delay (blocks) of a recovery, of a
 * proposal's life and of a change of these. The list's SSZ limit is above MAX_GUARDIANS so that a
 * longer list reaches the module's own refusal (RECOVERY_BAD_GUARDIANS).
 */
export const GuardianConfig = container("RecoveryConfig", {
  guardians: new ListCompositeType(Guardian, 16),
  threshold: Uint8,
  delay: Uint53,
});
export type GuardianConfig = ValueOf<typeof GuardianConfig>;

/** A change of the config, in force from `appliesAt` (requested at `requestedAt`). */
export const PendingChange = container("RecoveryPending", {
  config: GuardianConfig,
  requestedAt: Uint53,
  appliesAt: Uint53,
});
export type PendingChange = ValueOf<typeof PendingChange>;

/** An open proposal: guardians (by their index in the config) approving `key` since `openedAt`. */
export const Proposal = container("RecoveryProposal", {
  key: Bytes32,
  openedAt: Uint53,
  approvers: new ListBasicType(Uint8, MAX_GUARDIANS),
});
export type Proposal = ValueOf<typeof Proposal>;

/** A recovery that reached its threshold: executable by anyone from `executableAt`. */
export const StartedRecovery = container("RecoveryStarted", {
  key: Bytes32,
  startedAt: Uint53,
  executableAt: Uint53,
});
export type StartedRecovery = ValueOf<typeof StartedRecovery>;

/** The trace of a veto: when, whether a started recovery was cancelled, and the keys it cancelled. */
export const VetoRecord = container("RecoveryVeto", {
  height: Uint53,
  started: Bool,
  keys: new ListCompositeType(Bytes32, MAX_GUARDIANS),
});
export type VetoRecord = ValueOf<typeof VetoRecord>;

/**
 * Everything about one account's recovery (r/<account>): the config in force (since `since`), a
 * pending change, the open proposals, the started recovery, the lock its guardians set (the height
 * it ends; 0: none), and the vetoes (how many ever, the latest MAX_VETOES).
 */
export const AccountRecovery = container("RecoveryAccount", {
  config: GuardianConfig,
  since: Uint53,
  pending: new ListCompositeType(PendingChange, 1),
  proposals: new ListCompositeType(Proposal, MAX_GUARDIANS),
  recovery: new ListCompositeType(StartedRecovery, 1),
  lockedUntil: Uint53,
  vetoCount: Uint32,
  vetoes: new ListCompositeType(VetoRecord, MAX_VETOES),
});
export type AccountRecovery = ValueOf<typeof AccountRecovery>;

/** The module's parameters (p): the bounds of a delay, in blocks. */
export const ParamsEntry = container("RecoveryParams", { minDelay: Uint53, maxDelay: Uint53 });
export type RecoveryParams = ValueOf<typeof ParamsEntry>;

// ---------------------------------------------------------------- payloads

/** set-guardians: the config wanted (at once the first time, else after the current delay). */
export const SetGuardiansPayload = GuardianConfig;
/** propose: a guardian approves `key` as `account`'s new authorising key. */
export const ProposePayload = container("RecoveryPropose", { account: Bytes32, key: Bytes32 });
/** cancel-change, veto (the account itself), lock, unlock (a guardian), execute (anyone). */
export const AccountPayload = container("RecoveryAccountCall", { account: Bytes32 });
