import { startSandbox } from "./sandbox-app.ts";

/** `npm run demo`: the sandbox on http://127.0.0.1:8787 (or $PORT). */
const port = Number(process.env.PORT ?? 8787);
const sandbox = await startSandbox({ port, log: (line) => console.log(line) });
console.log(`\ndondoc sandbox: ${sandbox.url}/\nOpen it in a browser; Ctrl+C stops it.\n`);
const stop = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
