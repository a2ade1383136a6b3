import { Schema, model } from "mongoose";

/**
 * The bytes of an evidence file whose network keeps it only for a while (a photo sent on Zalo is
 * an address that may stop working): kept here, with the report that cites it, for good.
 */
const evidenceFileSchema = new Schema(
  {
    bytes: { type: Buffer, required: true },
    mimeType: { type: String, default: "application/octet-stream" },
    size: { type: Number, required: true },
    source: { type: String, required: true },
  },
  { timestamps: true },
);

export const EvidenceFileModel = model("EvidenceFile", evidenceFileSchema);
