import { readFile } from "node:fs/promises";
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { HEADER_COLUMNS, RULE_SHARE, ruleUnder, ruleUnderBodyLine, SIZE } from "./official-layout.ts";
import type { ReportDocument } from "./periodic-report.ts";

/**
 * Fills a .docx template with the periodic report, through docxtemplater: the default template
 * shipped in data/templates/, or the secretariat's own (the same tags, its house style). A
 * template that is no .docx, or whose tags do not close, is refused with the reason, before
 * anything is written.
 */
export const DEFAULT_REPORT_TEMPLATE = new URL("../../data/templates/bao-cao-dinh-ky.docx", import.meta.url);

export class ReportTemplateError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ReportTemplateError";
  }
}

interface TemplateErrorDetail {
  properties?: { explanation?: string; errors?: TemplateErrorDetail[] };
  message?: string;
}

function firstReason(error: unknown): string {
  const detail = error as TemplateErrorDetail;
  const nested = detail.properties?.errors?.[0];
  return (nested?.properties?.explanation ?? detail.properties?.explanation ?? detail.message ?? String(error)).replace(/\s+/g, " ").trim();
}

function compiled(template: Buffer): Docxtemplater {
  try {
    return new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true, nullGetter: () => "" });
  } catch (error) {
    throw new ReportTemplateError(firstReason(error));
  }
}

/** Reads the template, the given file or the shipped default, and checks that it compiles. */
export async function readReportTemplate(path?: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path ?? DEFAULT_REPORT_TEMPLATE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportTemplateError(code === "ENOENT" || code === "EISDIR" ? `${path}: ${code === "ENOENT" ? "no such file" : "a folder"}` : firstReason(error));
  }
  compiled(bytes);
  return bytes;
}

/** The rules drawn under the issuing body, the motto and the summary, measured to their text. */
function rules(document: ReportDocument) {
  return {
    issuerRule: ruleUnder(document.issuer, SIZE.issuer, HEADER_COLUMNS.left, RULE_SHARE),
    mottoRule: ruleUnder(document.motto, SIZE.motto, HEADER_COLUMNS.right, 1),
    summaryRule: ruleUnderBodyLine(document.summary, SIZE.summary, RULE_SHARE),
  };
}

/** The filled document's bytes; a ReportTemplateError for a template that cannot be used. */
export function renderReportDocx(template: Buffer, document: ReportDocument): Buffer {
  const engine = compiled(template);
  try {
    engine.render({ ...document, ...rules(document) });
  } catch (error) {
    throw new ReportTemplateError(firstReason(error));
  }
  return engine.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}
