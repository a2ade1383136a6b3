import { startSandbox } from "./sandbox-app.ts";

/**
 * `npm run demo`: the sandbox on http://127.0.0.1:8787 (or $PORT), playing Lai Châu's 2018 plan;
 * `npm run demo -- 2026` (or SANDBOX_SAMPLE=2026) plays the sample after the 2025 reorganisation.
 */
const port = Number(process.env.PORT ?? 8787);
const requested = process.argv[2] ?? process.env.SANDBOX_SAMPLE ?? "2018";
if (requested !== "2018" && requested !== "2026") {
  console.error(`Unknown sample "${requested}": use 2018 or 2026.`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number (1–65535).`);
  process.exit(2);
}
const sandbox = await startSandbox({ port, log: (line) => console.log(line), sample: requested }).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
  const other = port === 8787 ? 8788 : port + 1;
  console.error(`Port ${port} is ${error.code === "EADDRINUSE" ? "already in use (is another sandbox running?)" : "not allowed here"}. Choose another: PORT=${other} npm run demo`);
  process.exit(1);
});
console.log(`\ndondoc sandbox: ${sandbox.url}/\nOpen it in a browser; Ctrl+C stops it.\n`);
const stop = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
