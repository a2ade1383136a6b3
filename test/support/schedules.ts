/** The default schedules, as the tests use them. */
export const TEST_SCHEDULES = {
  monthlyPush: "0 8 1 * *",
  reminders: "30 8 10,20 * *",
  dailySummary: "0 17 * * *",
  weeklyDigest: "30 7 * * 1",
  nominationDeadlines: "5 * * * *",
  groupNotices: "*/5 * * * *",
  escalation: "0 9 * * *",
};
