import { documentRefusal, readDocument, type DocumentRequest } from "./read-document.ts";

/**
 * The reader process: it gets one document over IPC, reads it, answers, and ends. Whatever the
 * document does to it (memory, time, a crash of V8 itself) ends this process only; the bot that
 * started it (isolated-reader.ts) answers the person.
 */
process.once("message", async (request: DocumentRequest) => {
  let reply;
  try {
    reply = await readDocument(request);
  } catch {
    // Not a limit, not a known refusal: the file broke the reader in a way nobody foresaw.
    reply = documentRefusal("document-reader-failed");
  }
  process.send!(reply, () => process.disconnect());
});

// The bot went away: nobody is waiting for the answer.
process.once("disconnect", () => process.exit(0));
