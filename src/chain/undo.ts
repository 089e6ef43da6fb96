/**
 * Disconnecting a block: its undo record (the previous value of every key it changed) written
 * back over the state it produced restores the state before it.
 */
import type { StateView } from "../state/view.js";
import type { UndoEntry } from "./block-execution.js";

export function applyUndo(state: StateView, undo: readonly UndoEntry[]): void {
  for (const u of undo) {
    if (u.existed) state.set(u.key, u.value);
    else state.delete(u.key);
  }
}
