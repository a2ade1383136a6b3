/**
 * The form in which unit names are compared: plans write the same agency as "Ủy ban", "Uỷ ban",
 * "Thi đua – Khen thưởng" or "Thi đua - Khen thưởng", with stray full stops and spaces.
 */
const OLD_TONE_PLACEMENT: [RegExp, string][] = [
  [/uỷ/g, "ủy"],
  [/oà/g, "òa"],
  [/oá/g, "óa"],
  [/oả/g, "ỏa"],
  [/oã/g, "õa"],
  [/oạ/g, "ọa"],
  [/oè/g, "òe"],
  [/oé/g, "óe"],
  [/oẻ/g, "ỏe"],
  [/oẽ/g, "õe"],
  [/oẹ/g, "ọe"],
  [/uý/g, "úy"],
  [/uỳ/g, "ùy"],
  [/uỹ/g, "ũy"],
  [/uỵ/g, "ụy"],
];

export function nameKey(name: string): string {
  let key = name.normalize("NFC").toLocaleLowerCase("vi");
  for (const [pattern, replacement] of OLD_TONE_PLACEMENT) key = key.replace(pattern, replacement);
  return key
    .replace(/[–—‐-]/g, "-")
    .replace(/\s*-\s*/g, " - ")
    .replace(/[.;:,()"“”]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
