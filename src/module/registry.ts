/** The set of modules a node runs, looked up by the module and kind names of a transaction. */
import { accountModule } from "../account/index.js";
import { TelchainError } from "../errors.js";
import { prefixedReader, prefixedView } from "../state/overlay.js";
import type { StateReader, StateView } from "../state/view.js";
import type { Module, TxKind } from "./interface.js";

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const KIND = /^[a-z][a-z0-9-]{0,31}$/;
const decoder = new TextDecoder("utf-8", { fatal: true });

export class ModuleRegistry {
  private readonly byName = new Map<string, Module>();

  /** `modules` in order; the core's account module (key rotation, memo keys) comes first in every registry. */
  constructor(modules: Module[]) {
    const all = modules.some((m) => m.name === accountModule.name) ? modules : [accountModule, ...modules];
    for (const m of all) {
      if (!NAME.test(m.name)) throw new Error(`bad module name ${m.name}`);
      if (this.byName.has(m.name)) throw new Error(`module ${m.name} registered twice`);
      for (const k of Object.keys(m.kinds))
        if (!KIND.test(k)) throw new Error(`bad kind name ${m.name}/${k}`);
      this.byName.set(m.name, m);
    }
  }

  all(): Module[] {
    return [...this.byName.values()];
  }

  get(name: string): Module | undefined {
    return this.byName.get(name);
  }

  /**
   * The keeper module `name` exports, over `state` (the whole state; the keeper sees only
   * its module's prefix). Throws when the module is not run or exports no keeper: a
   * consumer's dependency is part of the module list's wiring, not a runtime choice.
   */
  keeper<K>(name: string, state: StateReader): K {
    const m = this.byName.get(name);
    if (!m?.keeper) throw new Error(`module ${name} is not in the module list or exports no keeper`);
    return m.keeper(prefixedReader(state, modulePrefix(name))) as K;
  }

  /**
   * The write keeper module `name` exports (Module.writeKeeper), over `state` (the transaction's
   * or the end-of-block step's state; the keeper sees only its module's prefix). Throws like
   * `keeper` when the module exports none.
   */
  writeKeeper<K>(name: string, state: StateView): K {
    const m = this.byName.get(name);
    if (!m?.writeKeeper)
      throw new Error(`module ${name} is not in the module list or exports no write keeper`);
    return m.writeKeeper(prefixedView(state, modulePrefix(name))) as K;
  }

  /** Resolves the raw module/kind fields of a transaction. */
  resolve(
    moduleRaw: Uint8Array,
    kindRaw: Uint8Array,
  ): { module: Module; kindName: string; kind: TxKind<unknown, unknown> } {
    let name: string;
    let kindName: string;
    try {
      name = decoder.decode(moduleRaw);
      kindName = decoder.decode(kindRaw);
    } catch {
      throw new TelchainError("TX_UNKNOWN_MODULE", "module or kind name is not valid UTF-8");
    }
    const module = this.byName.get(name);
    if (!module) throw new TelchainError("TX_UNKNOWN_MODULE", `no module named "${name.slice(0, 32)}"`);
    const kind = Object.hasOwn(module.kinds, kindName) ? module.kinds[kindName] : undefined;
    if (!kind)
      throw new TelchainError(
        "TX_UNKNOWN_KIND",
        `module ${name} has no transaction kind "${kindName.slice(0, 32)}"`,
      );
    return { module, kindName, kind };
  }
}

/** State prefix of a module: "m/<name>/". */
export function modulePrefix(name: string): Uint8Array {
  // Every transaction asks for its module's prefix: encode each name once (callers only read it).
  let prefix = prefixes.get(name);
  if (prefix === undefined) {
    prefix = new TextEncoder().encode(`m/${name}/`);
    if (prefixes.size < 1024) prefixes.set(name, prefix);
  }
  return prefix;
}
const prefixes = new Map<string, Uint8Array>();
