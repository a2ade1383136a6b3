/**
 * The Ministry's statistical forms of emulation and commendation (Thông tư 02/2023/TT-BNV, Biểu
 * 0602.N "Số lượng khen thưởng cấp Nhà nước" and 0603.N "Số lượng khen thưởng cấp bộ, ban, ngành,
 * đoàn thể Trung ương và tỉnh"), in their own rows (by "Mã số") and columns, with only the cells
 * dondoc truly knows filled: the counts of collectives and individuals by award, from the year's
 * nomination rounds. Every other cell is left empty for the secretariat (the writer marks it), and
 * the totals are sums, so what the secretariat adds is counted. Biểu 0601.N (emulation movements),
 * 0604.N and 0605.N (the bodies and officials doing the work) hold nothing dondoc knows.
 *
 * Plain data in and out; src/reports/statistical-forms-xlsx.ts writes the workbook.
 */
export type Scope = "collective" | "individual";

export interface FormColumn {
  key: string;
  /** The heading over one or more columns, then the column's own ("Tập thể", "Cá nhân"). */
  group: string;
  label: string;
  /** The column number the form prints under the headings ("1", "2" …). */
  number: string;
  /** Which awards' counts go here, and for whom; none: dondoc does not know it. */
  awards?: string[];
  scope?: Scope;
}

export interface FormRow {
  code: string;
  label: string;
  unit: string;
  /** A heading row: no cells. */
  heading?: boolean;
  /** The row is the sum of these rows (by code). */
  sumOf?: string[];
  /** The row holds the counts of this scope. */
  scope?: Scope;
}

export interface FormDefinition {
  code: string;
  sheet: string;
  title: string;
  columns: FormColumn[];
  rows: FormRow[];
}

/** A cell: a number dondoc knows, a sum of other cells, or empty for the secretariat. */
export type FormCell = { kind: "value"; value: number } | { kind: "sum"; rows?: string[]; columns?: string[]; value: number } | { kind: "empty" };

export interface FilledForm {
  form: FormDefinition;
  /** By row code, then column key ("total" is the first column). */
  cells: Map<string, Map<string, FormCell>>;
}

export interface AwardCount {
  award: string;
  collective: number;
  individual: number;
}

const INDIVIDUAL_KINDS = [
  ["+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người"],
  ["+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người"],
  ["+ Doanh nhân", "Người"],
  ["+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người"],
  ["+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân, …)", "Người"],
] as const;

const METHODS = ["- Thường xuyên", "- Chuyên đề", "- Đột xuất", "- Đối ngoại", "- Cống hiến", "- Niên hạn", "- Kháng chiến"];

const code = (number: number) => String(number).padStart(2, "0");

/** Biểu 0602.N: state and government awards, each in collectives and individuals. */
export function stateForm(medals: { code: string; name: string }[]): FormDefinition {
  const pair = (key: string, group: string, number: string, awards: string[] | undefined, scopes: Scope[] = ["collective", "individual"]): FormColumn[] =>
    scopes.map((scope) => ({ key: `${key}:${scope}`, group, label: scope === "collective" ? "Tập thể" : "Cá nhân", number, awards, scope }));
  const columns: FormColumn[] = [
    ...(medals.length > 0 ? medals.flatMap((medal) => pair(medal.code, medal.name, "2", [medal.code])) : pair("medals", "Các loại huân chương, huy chương", "2", undefined)),
    ...pair("ho-chi-minh-prize", "Giải thưởng Hồ Chí Minh", "3", undefined, ["individual"]),
    ...pair("state-prize", "Giải thưởng Nhà nước", "4", undefined, ["individual"]),
    ...pair("honour", "Danh hiệu vinh dự nhà nước", "5", undefined),
    ...pair("CO-TD-CHINH-PHU", "Cờ thi đua của Chính phủ", "6", ["CO-TD-CHINH-PHU"], ["collective"]),
    ...pair("BK-THU-TUONG", "Bằng khen của Thủ tướng Chính phủ", "7", ["BK-THU-TUONG"]),
    ...pair("CSTD-TOAN-QUOC", "Chiến sĩ thi đua toàn quốc", "8", ["CSTD-TOAN-QUOC"], ["individual"]),
    ...pair("other", "Các hình thức khen thưởng khác", "9", undefined),
  ];
  const counted = ["06", "08", "09"];
  return {
    code: "0602.N/BNV-TĐKT",
    sheet: "0602.N",
    title: "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
    columns,
    rows: [
      { code: "01", label: "Tổng số", unit: "", sumOf: counted },
      { code: "", label: "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", unit: "", heading: true },
      { code: "02", label: "- Bộ, ban, ngành, đoàn thể Trung ương", unit: "Bộ, ngành" },
      // The province's own proposals: all of them come from it.
      { code: "03", label: "- Tỉnh, thành phố trực thuộc Trung ương", unit: "Tỉnh, TP", sumOf: counted },
      { code: "", label: "2. Chia theo đối tượng khen thưởng", unit: "", heading: true },
      { code: "06", label: "- Tập thể", unit: "Tập thể", scope: "collective" },
      { code: "07", label: "Trong đó: Doanh nghiệp", unit: "Doanh nghiệp" },
      { code: "08", label: "- Hộ gia đình", unit: "Hộ" },
      { code: "09", label: "- Cá nhân", unit: "Người", scope: "individual" },
      ...INDIVIDUAL_KINDS.map(([label, unit], index) => ({ code: code(10 + index), label, unit })),
      { code: "", label: "3. Chia theo phương thức khen thưởng", unit: "", heading: true },
      ...METHODS.map((label, index) => ({ code: code(15 + index), label, unit: "" })),
    ],
  };
}

/** Biểu 0603.N: the province's own awards. */
export function provinceForm(): FormDefinition {
  const column = (key: string, label: string, number: string, awards?: string[]): FormColumn => ({ key, group: "Chia ra", label, number, awards });
  return {
    code: "0603.N/BNV-TĐKT",
    sheet: "0603.N",
    title: "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    columns: [
      column("BK-CHU-TICH-UBND-TINH", "Bằng khen", "2", ["BK-CHU-TICH-UBND-TINH"]),
      column("CSTD-TINH", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", "3", ["CSTD-TINH"]),
      column("CO-TD-TINH", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", "4", ["CO-TD-TINH"]),
      column("badge", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", "5"),
    ],
    rows: [
      { code: "01", label: "Tổng số", unit: "", sumOf: ["02", "04", "05"] },
      { code: "", label: "1. Chia theo đối tượng khen thưởng", unit: "", heading: true },
      { code: "02", label: "- Tập thể", unit: "Tập thể", scope: "collective" },
      { code: "03", label: "Trong đó: Doanh nghiệp", unit: "Doanh nghiệp" },
      { code: "04", label: "- Hộ gia đình", unit: "Hộ" },
      { code: "05", label: "- Cá nhân", unit: "Người", scope: "individual" },
      ...INDIVIDUAL_KINDS.map(([label, unit], index) => ({ code: code(6 + index), label, unit })),
      { code: "", label: "2. Chia theo phương thức khen thưởng", unit: "", heading: true },
      ...METHODS.map((label, index) => ({ code: code(11 + index), label, unit: "" })),
    ],
  };
}

/** Fills a form from the year's counts: known cells with numbers, totals as sums, the rest empty. */
export function fillForm(form: FormDefinition, counts: AwardCount[]): FilledForm {
  const sumFor = (awards: string[], scope: Scope) => counts.filter((count) => awards.includes(count.award)).reduce((total, count) => total + count[scope], 0);
  const cells = new Map<string, Map<string, FormCell>>();
  const known = (row: FormRow, column: FormColumn): FormCell => {
    if (!row.scope || !column.awards) return { kind: "empty" };
    // A column for one scope holds nothing in the other scope's row.
    if (column.scope && column.scope !== row.scope) return { kind: "empty" };
    return { kind: "value", value: sumFor(column.awards, row.scope) };
  };
  const valueOf = (cell: FormCell | undefined) => (cell && cell.kind !== "empty" ? cell.value : 0);
  for (const row of form.rows.filter((entry) => !entry.heading && !entry.sumOf)) {
    const line = new Map(form.columns.map((column) => [column.key, known(row, column)] as const));
    cells.set(row.code, line);
  }
  for (const row of form.rows.filter((entry) => entry.sumOf)) {
    const line = new Map(form.columns.map((column) => [column.key, { kind: "sum", rows: row.sumOf, value: row.sumOf!.reduce((total, code) => total + valueOf(cells.get(code)?.get(column.key)), 0) } as FormCell] as const));
    cells.set(row.code, line);
  }
  for (const row of form.rows.filter((entry) => !entry.heading)) {
    const line = cells.get(row.code)!;
    line.set("total", { kind: "sum", columns: form.columns.map((column) => column.key), value: form.columns.reduce((total, column) => total + valueOf(line.get(column.key)), 0) });
  }
  return { form, cells };
}
