import type { Role } from "../../models/member.ts";

/**
 * Every command, with its Vietnamese name (the default) beside the English one, and who sees
 * it in their command menu. Descriptions are `command-<key>` in the locales.
 */
export interface CommandSpec {
  key: string;
  vi: string;
  en: string;
  /** Shown to these roles; "everyone" also covers people without a role. */
  for: (Role | "everyone")[];
  /** Shown in the bound secretariat group's menu. */
  inGroup?: boolean;
}

export const COMMANDS: CommandSpec[] = [
  { key: "start", vi: "start", en: "start", for: ["everyone"] },
  { key: "help", vi: "trogiup", en: "help", for: ["everyone"] },
  { key: "language", vi: "ngonngu", en: "language", for: ["focal", "secretariat", "leader", "admin"] },
  { key: "report", vi: "baocao", en: "report", for: ["focal"] },
  { key: "cancel", vi: "huy", en: "cancel", for: ["focal", "secretariat"] },
  { key: "away", vi: "vang", en: "away", for: ["focal", "secretariat"] },
  { key: "link", vi: "lienket", en: "link", for: ["focal", "secretariat", "leader", "admin"] },
  { key: "here", vi: "nhantinday", en: "here", for: ["focal", "secretariat", "leader", "admin"] },
  { key: "status", vi: "tinhhinh", en: "status", for: ["secretariat"], inGroup: true },
  { key: "missing", vi: "chuabaocao", en: "missing", for: ["secretariat"], inGroup: true },
  { key: "overdue", vi: "quahan", en: "overdue", for: ["secretariat"], inGroup: true },
  { key: "remind", vi: "nhacnho", en: "remind", for: ["secretariat"], inGroup: true },
  { key: "failed", vi: "guiloi", en: "failed", for: ["secretariat"], inGroup: true },
  { key: "export", vi: "xuatbaocao", en: "export", for: ["secretariat"], inGroup: true },
  { key: "period-report", vi: "baocaoky", en: "periodreport", for: ["secretariat"], inGroup: true },
  { key: "statistical-forms", vi: "bieuthongke", en: "statforms", for: ["secretariat"], inGroup: true },
  { key: "close-year", vi: "dongnam", en: "closeyear", for: ["secretariat"] },
  { key: "dashboard", vi: "bangtheodoi", en: "dashboard", for: ["focal", "secretariat", "leader", "admin"], inGroup: true },
  { key: "digest", vi: "tonghop", en: "digest", for: ["secretariat", "leader"], inGroup: true },
  { key: "nominations", vi: "khenthuong", en: "nominations", for: ["secretariat", "leader"], inGroup: true },
  { key: "new-round", vi: "modot", en: "newround", for: ["secretariat"] },
  { key: "round", vi: "dot", en: "round", for: ["secretariat"] },
  { key: "invite", vi: "moi", en: "invite", for: ["secretariat", "admin"] },
  { key: "agencies", vi: "coquan", en: "agencies", for: ["secretariat", "admin"] },
  { key: "members", vi: "thanhvien", en: "members", for: ["secretariat", "admin"] },
  { key: "calendar", vi: "lich", en: "calendar", for: ["secretariat", "admin"] },
  { key: "bind", vi: "gannhom", en: "bind", for: ["secretariat"] },
];

export function commandSpec(key: string): CommandSpec {
  const spec = COMMANDS.find((command) => command.key === key);
  if (!spec) throw new Error(`unknown command ${key}`);
  return spec;
}
