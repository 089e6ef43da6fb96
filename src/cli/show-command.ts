/**
 * `telchain <command> show <param>` of a module's lookup (src/module/lookup.ts): the argument is
 * checked with the route's own parse before the node is asked; --json prints the record.
 */
import type { Command } from "commander";
import type { CliContext } from "../module/interface.js";
import { type ModuleLookup, paramName } from "../module/lookup.js";
import { globals } from "./output.js";

export function registerShowCommand(program: Command, ctx: CliContext, lookup: ModuleLookup): void {
  const parent = program.commands.find((c) => c.name() === lookup.command) ?? program.command(lookup.command);
  const name = paramName(lookup);
  parent
    .command(`show <${name}>`)
    .description(lookup.about)
    .action(async (raw: string, _opts, cmd: Command) => {
      const g = globals(cmd);
      const id = lookup.param.parse(raw);
      const v = await ctx.get(g.api, lookup.path.replace(`:${name}`, encodeURIComponent(id)));
      ctx.print(g.json, v, () => lookup.format(v));
    });
}
