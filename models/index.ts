/** Every model, so that one import registers them all with mongoose. */
export { AgencyModel } from "./agency.ts";
export { AuditEntryModel } from "./audit-entry.ts";
export { AwardTypeModel } from "./award-type.ts";
export { EmulationBlocModel } from "./emulation-bloc.ts";
export { InviteModel } from "./invite.ts";
export { MemberModel } from "./member.ts";
export { MilestoneModel } from "./milestone.ts";
export { NominationReportModel } from "./nomination-report.ts";
export { NominationRoundModel } from "./nomination-round.ts";
export { PlanModel } from "./plan.ts";
export { ProgressReportModel } from "./progress-report.ts";
export { JobRunModel } from "./job-run.ts";
export { OutboxMessageModel } from "./outbox-message.ts";
export { SettingModel } from "./setting.ts";
export { GroupNoticeModel } from "./group-notice.ts";
export { DigestSnapshotModel } from "./digest-snapshot.ts";
export { CalendarDayModel } from "./calendar-day.ts";
