import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * Who does the work only one instance may do (the schedules, the outbox, long polling), and
 * until when: the holder renews it while alive; when it dies, another instance takes it.
 */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);

// A lease run out a day ago (an instance that has gone for good) is cleared away.
leaseSchema.index({ until: 1 }, { expireAfterSeconds: 86_400 });

export type Lease = InferSchemaType<typeof leaseSchema>;
export const LeaseModel = model("Lease", leaseSchema);
