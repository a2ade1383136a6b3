import { Schema, model } from "mongoose";

/**
 * An image put at a public address for a network that takes photos only by URL (Zalo): the
 * digest's chart. The address is unguessable and stops working when the image expires; any
 * instance can serve it, since it lives in the database.
 */
const publishedImageSchema = new Schema(
  {
    token: { type: String, required: true },
    png: { type: Buffer, required: true },
    expireAt: { type: Date, required: true },
  },
  { timestamps: true },
);
publishedImageSchema.index({ token: 1 }, { unique: true });
publishedImageSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export const PublishedImageModel = model("PublishedImage", publishedImageSchema);
