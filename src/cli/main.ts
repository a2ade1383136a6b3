import { runCli } from "./run-cli.ts";

/** `npm run cli -- <group> <action> [options]`: the command line in a process of its own. */
process.exitCode = await runCli(process.argv.slice(2));
