/**
 * The argument parser of `pnpm admin`: positionals and `--name value` / `--name=value` options,
 * checked against each command's spec. Unlike node:util parseArgs it takes `-5` or `-2.50` as
 * a positional (a negative amount), and it reports mistakes as one-line messages.
 */

export interface CommandSpec {
  /** Names of the positionals, in order; a trailing `?` marks an optional one. */
  args: readonly string[];
  options: readonly string[];
  summary: string;
}

export interface Parsed {
  command: string;
  args: string[];
  options: Record<string, string>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

const NUMBER = /^-(\d+(\.\d*)?|\.\d+)$/;

export function parseAdminArgs(argv: readonly string[], commands: Record<string, CommandSpec>): Parsed {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("no command given");
  const spec = commands[command];
  if (!spec) throw new UsageError(`unknown command "${command}"`);
  const args: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (token === "--") {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || NUMBER.test(token)) {
      args.push(token);
      continue;
    }
    const eq = token.indexOf("=");
    const name = token.slice(2, eq === -1 ? undefined : eq);
    if (!token.startsWith("--") || !spec.options.includes(name))
      throw new UsageError(`${command}: unknown option ${eq === -1 ? token : token.slice(0, eq)}`);
    let value: string | undefined = eq === -1 ? undefined : token.slice(eq + 1);
    if (value === undefined) {
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith("--") && !NUMBER.test(next)))
        throw new UsageError(`${command}: --${name} needs a value`);
      value = next;
      i++;
    }
    options[name] = value;
  }
  const required = spec.args.filter((a) => !a.endsWith("?"));
  if (args.length < required.length) throw new UsageError(`${command}: ${required[args.length]} is required`);
  if (args.length > spec.args.length)
    throw new UsageError(`${command}: unexpected argument "${args[spec.args.length]}"`);
  return { command, args, options };
}
