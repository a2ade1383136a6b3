/** The kinds of unit a provincial plan names, as the emulation secretariat groups them. */
export const AGENCY_KINDS = [
  "people-committee", // UBND tỉnh
  "council", // Hội đồng Thi đua – Khen thưởng
  "department", // sở, ban, ngành
  "party", // cơ quan Đảng
  "district", // huyện, thành phố (abolished on 1/7/2025)
  "commune", // xã, phường, đặc khu (directly under the province since 1/7/2025)
  "mass-organization", // đoàn thể
  "press", // cơ quan báo chí
  "central", // cơ quan Trung ương trên địa bàn
  "armed-forces", // lực lượng vũ trang
  "enterprise", // doanh nghiệp
  "other",
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export function isAgencyKind(value: string): value is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(value);
}
