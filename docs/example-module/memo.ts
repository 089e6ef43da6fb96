/**
 * The example module of docs/modules.md: "memo". Every address may pin one short public
 * note; anyone can read it. Small on purpose: it shows each part of a module written with
 * the kit — payload schemas with text types, a kind with parse and apply, typed call
 * builders, an error catalogue, a keeper for other modules, a route with its view type from
 * TypeBox, and a signed CLI command. Its test is memo.test.ts beside it.
 *
 * It is NOT in the module list (src/modules/index.ts), so no node runs it.
 */
import { ContainerType, type ValueOf } from "@chainsafe/ssz";
import { type Static, Type } from "@sinclair/typebox";
import { signedCommand } from "../../src/cli/signed-command.js";
import { Bytes32, Uint53 } from "../../src/codec/schema.js";
import { text } from "../../src/codec/text.js";
import { decodeAddress, encodeAddress } from "../../src/crypto/address.js";
import { defineErrors, TelchainError } from "../../src/errors.js";
import type { Module } from "../../src/module/interface.js";
import { calls, defineKind } from "../../src/module/kind.js";
import type { StateReader } from "../../src/state/view.js";

// ---- errors: declared once, with a class (the API picks the HTTP status from it) ----
export const MEMO_ERRORS = defineErrors("memo", {
  MEMO_BAD_TEXT: { class: "invalid", description: "A memo is 1-140 bytes of printable text." },
  MEMO_UNCHANGED: { class: "conflict", description: "The memo already has this text." },
  MEMO_NOT_SET: { class: "not-found", description: "This address has no memo." },
  MEMO_CHANGED: {
    class: "conflict",
    description: "The memo was set again since the height the clear names.",
  },
});

// ---- schemas: the one source of the payload and record types ----
const MemoText = text({
  maxBytes: 140,
  minBytes: 1,
  pattern: /^[^\p{Cc}]*$/u, // no control characters
  describe: "1-140 bytes of printable text",
  code: "MEMO_BAD_TEXT",
});
export const SetPayload = new ContainerType({ text: MemoText }, { typeName: "MemoSet" });
/** Clears the memo set at `setAt`: a delayed clear cannot remove a memo set after it was signed. */
export const ClearPayload = new ContainerType({ setAt: Uint53 }, { typeName: "MemoClear" });
export const MemoRecord = new ContainerType({ text: MemoText, setAt: Uint53, author: Bytes32 });
export type MemoRecord = ValueOf<typeof MemoRecord>;

// ---- state layout (keys under m/memo/): one record per author ----
const memoKey = (author: Uint8Array) => Buffer.concat([Buffer.from("m/"), author]);
const readMemo = (s: StateReader, author: Uint8Array) => {
  const v = s.get(memoKey(author));
  return v && MemoRecord.deserialize(v);
};

// ---- kinds: payload schema, a stateless parse (runs once), apply ----
const set = defineKind({
  payload: SetPayload,
  // The text type already checked length and characters; parse adds what it cannot express.
  parse(p) {
    const t = p.text.trim();
    if (t.length === 0) throw new TelchainError("MEMO_BAD_TEXT", "a memo cannot be only spaces");
    return { text: t };
  },
  apply(ctx, a) {
    if (readMemo(ctx.state, ctx.sender)?.text === a.text)
      throw new TelchainError("MEMO_UNCHANGED", "the memo already has this text");
    const record: MemoRecord = { text: a.text, setAt: ctx.block.height, author: ctx.sender };
    ctx.state.set(memoKey(ctx.sender), MemoRecord.serialize(record));
  },
});

const clear = defineKind({
  payload: ClearPayload,
  parse: (p) => p,
  apply(ctx, a) {
    const memo = readMemo(ctx.state, ctx.sender);
    if (!memo) throw new TelchainError("MEMO_NOT_SET", "you have no memo to clear");
    if (memo.setAt !== a.setAt)
      throw new TelchainError("MEMO_CHANGED", `your memo was set at height ${memo.setAt}, not ${a.setAt}`);
    ctx.state.delete(memoKey(ctx.sender));
  },
});

const kinds = { set, clear };
/** Typed builders of memo calls, for the CLI, the tests and clients: memoCalls.set({ text }). */
export const memoCalls = calls("memo", kinds);

// ---- keeper: what other modules may read (they declare the part they use) ----
export interface MemoKeeper {
  memoOf(author: Uint8Array): string | undefined;
}
const memoKeeper = (state: StateReader): MemoKeeper => ({ memoOf: (a) => readMemo(state, a)?.text });

// ---- view: the API's answer, typed from its TypeBox schema ----
export const MemoView = Type.Object({
  author: Type.String({ description: "address (tel1...)" }),
  text: Type.String(),
  setAt: Type.Integer({ description: "height of the block that set it" }),
});
export type MemoView = Static<typeof MemoView>;

export const memoModule: Module = {
  name: "memo",
  kinds,
  errors: MEMO_ERRORS,
  keeper: memoKeeper,
  routes(app, q) {
    app.get<{ Params: { address: string } }>(
      "/v1/memos/:address",
      {
        schema: {
          operationId: "getMemo",
          summary: "An address's memo",
          description: "The memo the address pinned, or 404 MEMO_NOT_SET.",
          tags: ["memo"],
          params: Type.Object({ address: Type.String({ maxLength: 100 }) }),
          response: { 200: MemoView },
        },
      },
      async (req): Promise<MemoView> => {
        const r = readMemo(q.state(), decodeAddress(req.params.address));
        if (!r) throw new TelchainError("MEMO_NOT_SET", `${req.params.address} has no memo`);
        return { author: encodeAddress(r.author), text: r.text, setAt: r.setAt };
      },
    );
  },
  cli(program, ctx) {
    const memo = program.command("memo").description("pin a short public note to your address");
    signedCommand(memo, ctx, {
      name: "set <text>",
      description: "pin (or replace) your memo",
      build: ([t]) => memoCalls.set({ text: MemoText.check(t, "memo") }),
    });
    signedCommand(memo, ctx, {
      name: "clear <height>",
      description: "remove your memo (the one set at <height>, as `GET /v1/memos/ADDRESS` shows)",
      build: ([h]) => memoCalls.clear({ setAt: Number(h) }),
    });
  },
};
