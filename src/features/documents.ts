import { Composer } from "grammy";
import { PLAN_IMPORT, type PlanImportArgs } from "../../conversations/plan-import.ts";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { megabytes } from "../documents/document-limits.ts";
import { readDocumentIsolated } from "../documents/isolated-reader.ts";
import { maxBytesOf } from "../documents/read-document.ts";
import { isUnsupportedPlanFile } from "../plan/read-plan-document.ts";
import { importAgencies } from "../services/import-agencies.ts";
import { downloadTelegramFile, FileTooLargeError } from "../services/telegram-files.ts";
import { actsForSecretariat } from "../chat/roles.ts";

/**
 * Files sent to the bot in a private chat by the secretariat: a plan (text, .docx, JSON) leads
 * into the import preview; a .csv loads the agency directory. Files are read in a process of
 * their own (src/documents/), so a hostile one gets a sentence and the bot keeps answering.
 */
export function documentsFeature(deps: BotDeps) {
  const readDocument = deps.readDocument ?? readDocumentIsolated;
  const feature = new Composer<BotContext>();
  feature.on("message:document", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    if (!actsForSecretariat(ctx)) return void (await ctx.reply(ctx.t("documents-secretariat-only")));
    const { file_id: fileId, file_name: fileName = "plan.txt", file_size: size = 0 } = ctx.message.document;
    const kind = fileName.toLowerCase().endsWith(".csv") ? "agency-csv" : "plan";
    // Telegram states the size: a file too large is refused before it is fetched.
    if (size > maxBytesOf(kind)) return void (await ctx.reply(ctx.t("document-too-large", { max: megabytes(maxBytesOf(kind)) })));
    const actor = { telegramId: ctx.from.id, name: ctx.member!.displayName };
    if (kind === "agency-csv") {
      let bytes: Buffer;
      try {
        bytes = await downloadTelegramFile(ctx.api, fileId, maxBytesOf(kind), deps.config.telegramApiRoot);
      } catch (error) {
        return void (await ctx.reply(error instanceof FileTooLargeError ? ctx.t("document-too-large", { max: megabytes(error.maxBytes) }) : ctx.t("plan-doc-download")));
      }
      const read = await readDocument({ kind, fileName, bytes });
      if (!read.ok) return void (await ctx.reply(ctx.t(read.problem, read.params)));
      if ("problems" in read.value) {
        const first = read.value.problems[0]!;
        return void (await ctx.reply(ctx.t("cli-error-csv", { line: first.line, column: first.column || "-", message: first.message, count: read.value.problems.length })));
      }
      const result = await importAgencies(read.value.rows, { via: "chat", ...actor }, deps.clock.now());
      return void (await ctx.reply(ctx.t("agencies-import-done", { ...result })));
    }
    if (isUnsupportedPlanFile(fileName)) return void (await ctx.reply(ctx.t("plan-doc-unsupported")));
    const args: PlanImportArgs = { fileId, fileName, actor };
    await ctx.conversation.enter(PLAN_IMPORT, args);
  });
  return feature;
}
