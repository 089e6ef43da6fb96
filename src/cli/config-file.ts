/**
 * `telchain node --config FILE`: a file holding any of the command's flags, flags given on
 * the command line overriding it. The keys are derived from the command's options — the
 * core's and those modules add through their NodeFlags — so every flag has a key and the
 * core names no module:
 *
 *   key       = the long flag without "--" ("--log-level" -> log-level, "--dns" -> dns);
 *               a --x / --no-x pair is one boolean key x
 *   value     = true/false for a flag without a value; a string (or a number) for a flag
 *               with one, checked by the same parser as the flag; an array of strings for
 *               a repeatable flag (--peer)
 *
 * TOML (smol-toml) unless the file name ends in .json. Unknown keys and bad values are
 * refused with the key named (CONFIG_UNKNOWN_KEY, CONFIG_BAD_VALUE).
 */
import { readFileSync } from "node:fs";
import type { Command, Option } from "commander";
import { parse as parseToml } from "smol-toml";
import { isTelchainError, TelchainError } from "../errors.js";

const repeatable = new WeakSet<Option>();

/** Marks an option whose parser collects repeated values (its key takes an array). */
export function markRepeatable(option: Option): Option {
  repeatable.add(option);
  return option;
}

export interface ConfigKey {
  /** Key in the file, e.g. "log-level". */
  key: string;
  /** The flag as --help shows it, e.g. "--log-level <level>" or "--mine / --no-mine". */
  flag: string;
  /** Commander's attribute name, e.g. "logLevel". */
  attribute: string;
  kind: "boolean" | "value" | "list";
  /** The option that takes the value (the positive one of a --x/--no-x pair). */
  option: Option;
  negate?: Option;
  description: string;
  /** Default shown in --help, if any. */
  defaultValue?: unknown;
}

/** The keys a config file may hold for `cmd`: one per option, except `skip` (e.g. config itself). */
export function configKeys(cmd: Command, skip: readonly string[] = ["config", "help"]): ConfigKey[] {
  const byAttribute = new Map<string, Option[]>();
  for (const o of cmd.options as readonly Option[]) {
    const list = byAttribute.get(o.attributeName()) ?? [];
    list.push(o);
    byAttribute.set(o.attributeName(), list);
  }
  const keys: ConfigKey[] = [];
  for (const [attribute, options] of byAttribute) {
    const positive = options.find((o) => !o.negate);
    const negative = options.find((o) => o.negate);
    const main = positive ?? (negative as Option);
    const long = main.long ?? "";
    const key = positive ? long.slice(2) : long.slice("--no-".length);
    if (skip.includes(key)) continue;
    const isBoolean = !main.required && !main.optional;
    keys.push({
      key,
      flag: positive && negative ? `${positive.flags} / ${negative.flags}` : main.flags,
      attribute,
      kind: isBoolean ? "boolean" : repeatable.has(main) ? "list" : "value",
      option: main,
      ...(negative && positive ? { negate: negative } : {}),
      description: main.description,
      ...(main.defaultValue !== undefined ? { defaultValue: main.defaultValue } : {}),
    });
  }
  return keys;
}

/** Reads a config file: TOML, or JSON when the name ends in .json. Must be a table/object of keys. */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new TelchainError(
      "CONFIG_UNREADABLE",
      `cannot read the config file ${file}: ${(e as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = file.toLowerCase().endsWith(".json") ? JSON.parse(text) : parseToml(text);
  } catch (e) {
    const format = file.toLowerCase().endsWith(".json") ? "JSON" : "TOML";
    const why = (e as Error).message.split("\n")[0];
    throw new TelchainError("CONFIG_INVALID", `config file ${file} is not valid ${format}: ${why}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TelchainError("CONFIG_INVALID", `config file ${file} must hold keys and values (an object)`);
  }
  return data as Record<string, unknown>;
}

const normalized = (k: string) =>
  k
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();

function typeName(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (v instanceof Date) return "a date";
  return typeof v === "object" ? "a table" : `a ${typeof v}`;
}

/**
 * The values of `data` for `cmd`'s options, checked and parsed the way the flags are.
 * Throws CONFIG_UNKNOWN_KEY / CONFIG_BAD_VALUE naming the key.
 */
export function configValues(
  cmd: Command,
  data: Record<string, unknown>,
  file: string,
): { key: ConfigKey; value: unknown }[] {
  const keys = configKeys(cmd);
  const byKey = new Map(keys.map((k) => [k.key, k]));
  const out: { key: ConfigKey; value: unknown }[] = [];
  for (const [name, raw] of Object.entries(data)) {
    const key = byKey.get(name);
    if (!key) {
      const near = byKey.get(normalized(name)) ?? byKey.get(normalized(name).replace(/^no-/, ""));
      const hint = near ? ` (did you mean "${near.key}"?)` : "";
      throw new TelchainError(
        "CONFIG_UNKNOWN_KEY",
        `config file ${file}: unknown key "${name}"${hint}; the keys are ${keys.map((k) => k.key).join(", ")}`,
      );
    }
    const bad = (why: string) =>
      new TelchainError("CONFIG_BAD_VALUE", `config file ${file}: key "${name}" (${key.flag}): ${why}`);
    const parse = (s: string, previous: unknown): unknown => {
      const choices = key.option.argChoices;
      if (choices && !choices.includes(s)) throw bad(`must be one of ${choices.join(", ")}, got "${s}"`);
      if (!key.option.parseArg) return s;
      try {
        return key.option.parseArg(s, previous);
      } catch (e) {
        throw bad(isTelchainError(e) ? e.message : (e as Error).message);
      }
    };
    const scalar = (v: unknown): string => {
      if (typeof v === "string") return v;
      if (typeof v === "number" && Number.isFinite(v)) return String(v);
      throw bad(`expected a string, got ${typeName(v)}`);
    };
    let value: unknown;
    if (key.kind === "boolean") {
      if (typeof raw !== "boolean") throw bad(`expected true or false, got ${typeName(raw)}`);
      value = raw;
    } else if (key.kind === "list") {
      const items = Array.isArray(raw) ? raw : [raw];
      value = items.reduce<unknown>((previous, item) => parse(scalar(item), previous), undefined);
    } else {
      value = parse(scalar(raw), undefined);
    }
    out.push({ key, value });
  }
  return out;
}

/**
 * Applies a config file to `cmd`'s option values: a key sets its option unless the flag was
 * given (`given(attribute)`: on the command line or in the environment), so flags override
 * the file.
 */
export function applyConfigFile(cmd: Command, file: string, given: (attribute: string) => boolean): void {
  for (const { key, value } of configValues(cmd, readConfigFile(file), file)) {
    if (given(key.attribute)) continue;
    cmd.setOptionValueWithSource(key.attribute, value, "config");
  }
}
