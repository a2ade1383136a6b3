import type { DueList } from "./due-milestones.ts";

/** Splits a due list into pages of at most `size` milestones (lead ones first) to keep messages short. */
export function paginateDueList(list: DueList, size = 10): { page: DueList; firstNumber: number }[] {
  const all = [...list.lead.map((m) => ({ m, role: "lead" as const })), ...list.coordinating.map((m) => ({ m, role: "coordinating" as const }))];
  const pages: { page: DueList; firstNumber: number }[] = [];
  for (let start = 0; start < all.length; start += size) {
    const slice = all.slice(start, start + size);
    pages.push({
      page: { lead: slice.filter((x) => x.role === "lead").map((x) => x.m), coordinating: slice.filter((x) => x.role === "coordinating").map((x) => x.m) },
      firstNumber: start + 1,
    });
  }
  return pages;
}
