import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DOCUMENT_LIMITS } from "./document-limits.ts";
import { documentRefusal, type DocumentKind, type DocumentReading, type DocumentRequest } from "./read-document.ts";

/**
 * Reads a document in a process of its own, with a memory ceiling and a time limit, so a hostile
 * file costs that process and never the bot: a worker thread would not do, since V8 aborts the
 * whole process on some errors ("invalid size") whatever thread meets them. The reader runs the
 * TypeScript sources through tsx exactly as `npm start` and the CLI do, with no environment
 * (no token, no database address). At most two readers run at once; others wait their turn.
 */
export type DocumentReader = <K extends DocumentKind>(request: DocumentRequest<K>) => Promise<DocumentReading<K>>;

export interface IsolatedReaderOptions {
  readSeconds?: number;
  memoryMb?: number;
  /** Called with the reader process once it has the document (tests watch it). */
  onStart?: (reader: ChildProcess) => void;
}

const READER = fileURLToPath(new URL("./document-reader-process.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

/** Waits for one of the AT_ONCE places; the returned function gives it up, to the next in line if any. */
async function turn(): Promise<() => void> {
  if (running < AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/** Only what Node needs to start: the reader sees no secret of the bot. */
function readerEnvironment(): NodeJS.ProcessEnv {
  const keep = ["PATH", "TMPDIR", "TMP", "TEMP", "SystemRoot"];
  return Object.fromEntries(keep.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}

export async function readDocumentIsolated<K extends DocumentKind>(request: DocumentRequest<K>, options: IsolatedReaderOptions = {}): Promise<DocumentReading<K>> {
  const readSeconds = options.readSeconds ?? DOCUMENT_LIMITS.readSeconds;
  const memoryMb = options.memoryMb ?? DOCUMENT_LIMITS.readerMemoryMb;
  const done = await turn();
  try {
    return await new Promise<DocumentReading<K>>((resolve) => {
      const reader = fork(READER, [], {
        execArgv: [`--import=${TSX}`, `--max-old-space-size=${memoryMb}`],
        env: readerEnvironment(),
        serialization: "advanced",
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      let reply: DocumentReading<K> | undefined;
      let timedOut = false;
      let errors = "";
      const timer = setTimeout(() => {
        timedOut = true;
        reader.kill("SIGKILL");
      }, readSeconds * 1000);
      reader.stderr!.on("data", (chunk: Buffer) => {
        if (errors.length < 8192) errors += chunk.toString();
      });
      reader.on("message", (message) => {
        reply = message as DocumentReading<K>;
      });
      reader.on("error", () => {
        if (reader.pid !== undefined) return void reader.kill("SIGKILL");
        // It never started: there will be no "close".
        clearTimeout(timer);
        resolve(documentRefusal("document-reader-failed"));
      });
      // "close" comes after the process ended and its pipes, the IPC channel included, are drained.
      reader.on("close", () => {
        clearTimeout(timer);
        if (reply) resolve(reply);
        else if (timedOut) resolve(documentRefusal("document-took-too-long", { seconds: readSeconds }));
        else if (/heap out of memory|heap limit/i.test(errors)) resolve(documentRefusal("document-needs-too-much-memory", { max: memoryMb }));
        else resolve(documentRefusal("document-reader-failed"));
      });
      reader.send(request, (error) => {
        if (error) reader.kill("SIGKILL");
        else options.onStart?.(reader);
      });
    });
  } finally {
    done();
  }
}
