import { Schema, model } from "mongoose";

/**
 * A private chat with the Zalo bot: Zalo's string id, the number the bot's features know it by,
 * and the choices last offered there, so that a reply "2" is read against the question the
 * person sees, on whichever instance it arrives.
 */
const choiceSchema = new Schema(
  {
    number: { type: Number, default: null },
    label: { type: String, required: true },
    data: { type: String, required: true },
  },
  { _id: false },
);

const zaloChatSchema = new Schema(
  {
    zaloId: { type: String, required: true },
    chatId: { type: Number, required: true },
    displayName: { type: String, default: "" },
    /** Message numbers handed out for this chat (Zalo's own ids are strings). */
    lastMessageId: { type: Number, default: 0 },
    /** The choices of the last question or menu (a dialogue's, /ngonngu's…). */
    choices: { type: [choiceSchema], default: [] },
    choicesMessageId: { type: Number, default: null },
    choicesAt: { type: Date, default: null },
    /** The tasks of the last push or reminder, all its pages: what "3" or "3 xong" names outside a dialogue. */
    reportChoices: { type: [choiceSchema], default: [] },
    reportChoicesMessageId: { type: Number, default: null },
    reportChoicesAt: { type: Date, default: null },
  },
  { timestamps: true },
);
zaloChatSchema.index({ zaloId: 1 }, { unique: true });
zaloChatSchema.index({ chatId: 1 }, { unique: true });

export const ZaloChatModel = model("ZaloChat", zaloChatSchema);
