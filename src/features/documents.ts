import { Composer } from "grammy";
import { PLAN_IMPORT, type PlanImportArgs } from "../../conversations/plan-import.ts";
import { readAgencyCsv } from "../agencies/agency-csv.ts";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { importAgencies } from "../services/import-agencies.ts";
import { downloadTelegramFile, FileTooLargeError } from "../services/telegram-files.ts";
import { actsForSecretariat } from "../chat/roles.ts";

/**
 * Files sent to the bot in a private chat by the secretariat: a plan (text, .docx, JSON) leads
 * into the import preview; a .csv loads the agency directory.
 */
const MAX_CSV = 2 * 1024 * 1024;

export function documentsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.on("message:document", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    if (!actsForSecretariat(ctx)) return void (await ctx.reply(ctx.t("documents-secretariat-only")));
    const { file_id: fileId, file_name: fileName = "plan.txt" } = ctx.message.document;
    const actor = { telegramId: ctx.from.id, name: ctx.member!.displayName };
    if (fileName.toLowerCase().endsWith(".csv")) {
      let bytes: Buffer;
      try {
        bytes = await downloadTelegramFile(ctx.api, fileId, MAX_CSV, deps.config.telegramApiRoot);
      } catch (error) {
        return void (await ctx.reply(ctx.t(error instanceof FileTooLargeError ? "plan-doc-too-large" : "plan-doc-download")));
      }
      const read = readAgencyCsv(bytes.toString("utf8"));
      if ("problems" in read) {
        const first = read.problems[0]!;
        return void (await ctx.reply(ctx.t("cli-error-csv", { line: first.line, column: first.column || "-", message: first.message, count: read.problems.length })));
      }
      const result = await importAgencies(read.rows, { via: "chat", ...actor }, deps.clock.now());
      return void (await ctx.reply(ctx.t("agencies-import-done", { ...result })));
    }
    const args: PlanImportArgs = { fileId, fileName, actor };
    await ctx.conversation.enter(PLAN_IMPORT, args);
  });
  return feature;
}
