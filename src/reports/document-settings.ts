/**
 * What the periodic report says of its issuer and signer, set once for a province (REPORT_* in
 * .env; .env.example lists them). The defaults are Lai Châu's Sở Nội vụ, as in the samples.
 */
export interface DocumentSettings {
  /** The issuing body's parent, in capitals: "UBND TỈNH LAI CHÂU"; empty when there is none. */
  issuerParent: string;
  /** The issuing body, in capitals: "SỞ NỘI VỤ". */
  issuer: string;
  /** The report's symbol after the number: "BC-SNV". */
  symbol: string;
  /** The place written before the date: "Lai Châu". */
  place: string;
  /** "Kính gửi": to whom; empty leaves the line out. */
  recipient: string;
  /** TM., KT. and the like, in capitals: "KT. GIÁM ĐỐC"; empty when the head signs. */
  signerAuthority: string;
  signerTitle: string;
  /** Left empty for the signer to write, unless given. */
  signerName: string;
  /** Nơi nhận, one recipient each: "Như trên", "Lưu: VT, TĐKT". */
  copies: string[];
  /** The secretariat's own .docx template; the shipped one when absent. */
  template?: string;
}

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  issuerParent: "UBND TỈNH LAI CHÂU",
  issuer: "SỞ NỘI VỤ",
  symbol: "BC-SNV",
  place: "Lai Châu",
  recipient: "Ủy ban nhân dân tỉnh Lai Châu",
  signerAuthority: "KT. GIÁM ĐỐC",
  signerTitle: "PHÓ GIÁM ĐỐC",
  signerName: "",
  copies: ["Như trên", "Lưu: VT, TĐKT"],
};
