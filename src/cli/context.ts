/** The CliContext given to modules' commands: API access, signing, output, other modules' calls. */
import type { Command } from "commander";
import { ApiClient } from "../client/api-client.js";
import { submitCall } from "../client/tx-builder.js";
import type { CliContext } from "../module/interface.js";
import type { ModuleCall } from "../module/kind.js";
import { ModuleRegistry } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import { print } from "./output.js";

let registry: ModuleRegistry | undefined;

/** A module call from the JSON form of its payload, through the module list (CliContext.callByName). */
export function callByName(module: string, kind: string, json: unknown): ModuleCall {
  registry ??= new ModuleRegistry(allModules());
  const utf8 = new TextEncoder();
  const { kind: k, kindName, module: m } = registry.resolve(utf8.encode(module), utf8.encode(kind));
  return { module: m.name, kind: kindName, payload: k.payload.serialize(k.payload.fromJson(json)) };
}

export function createCliContext(): CliContext {
  return {
    submit: (opts) => submitCall(opts),
    get: (apiUrl, path) => new ApiClient(apiUrl).get<unknown>(path),
    print,
    callByName,
  };
}

/**
 * The subcommand group `name` of `parent`, created when no module made it yet: two modules may
 * add commands under one group (e.g. `telchain service …`). The first to ask gives its description.
 */
export function commandGroup(parent: Command, name: string, description: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);
}
