# Importer warnings: what a person must check in the plan before importing it.
plan-row = Row { $row }
plan-row-unnumbered = The unnumbered row after row { $after }
plan-warning-no-table = No task table found (it needs a header row with the columns "TT", "Nội dung", "Đơn vị chủ trì và phối hợp", "Thời gian thực hiện").
plan-warning-unnumbered-row = After row { $after } an unnumbered row opens with a list of its own ({ $count } tasks, line { $line } of the text): kept as a separate row, please check it.
plan-warning-time-missing = { $row }: the time cell is empty; no month assigned, please add one.
plan-warning-time-unreadable = { $row }: could not read the time "{ $time }"; no month assigned, please add one.
plan-warning-time-recovered = { $row }: the time cell reads only "{ $time }" and the numbers { $months } sat in the units cell; read as months { $months }.
plan-warning-units-missing = { $row }: no lead or coordinating unit.
plan-warning-row-numbers-skip = Row numbers jump from { $from } to { $to }: check whether the document lost a row.
plan-warning-row-without-tasks = { $row }: no task in it.

# Reading back a plan for review.
plan-review-all-agencies = All agencies and localities
plan-review-lead = Lead
plan-review-coordinating = Coordinating
plan-review-no-units = (no unit yet)
plan-review-number = No. { $number }
plan-review-issued = dated { $date }
plan-review-year = year { $year }
plan-review-task-count = { $count ->
    [one] 1 task
   *[other] { $count } tasks
}
plan-review-row = Row { $row }
plan-review-row-unnumbered = Unnumbered row
plan-review-warnings = To check ({ $count }):

# A milestone's time window.
time-due = Due { $date }
time-all-year = Ongoing (all year)
time-none = No time given
time-months = Month(s) { $months }

# Command line.
cli-usage-header = Usage: npm run cli -- <command> [options] [--lang vi|en]
cli-usage-plan-parse = plan parse FILE [--json]      read a plan, print its tasks for review (or JSON)
cli-usage-jobs-run = jobs run NAME [--at INSTANT]        run a scheduled job (monthly-push, reminders) as of a given time
cli-error-job-unknown = No scheduled job "{ $name }"; the jobs are: { $names }.
cli-error-bad-time = Cannot read the time "{ $value }" (for example 2018-03-01T08:00:00+07:00).
jobs-run-done = Ran { $key }: queued { $enqueued } new message(s); { $already } were queued by an earlier run.
cli-error-file-missing = A file path is missing.
cli-error-file-unreadable = Cannot read the file { $path } ({ $reason }).
cli-error-unexpected = Unexpected error: { $reason }
cli-usage-plan-import = plan import FILE                 import a plan (text, or corrected JSON) into the database
cli-usage-plan-list = plan list                        list the imported plans
cli-usage-agencies-import = agencies import FILE.csv       load the directory of agencies and emulation blocs
cli-usage-agencies-list = agencies list                    list the agencies
cli-usage-awards-import = awards import [FILE.csv]       load the award catalogue (default: the shipped one)
cli-usage-awards-list = awards list                      list the award catalogue
cli-database-external = Database: MongoDB at MONGODB_URI.
cli-database-mongodb-memory-server = Database: embedded mongod, data kept in { $path }.
cli-database-emulator = Database: embedded MongoDB emulator, saved to { $path } — for trying out only; set MONGODB_URI for real use.
cli-error-csv = The CSV file has { $count } problem(s); the first at line { $line }, column { $column }: { $message }
cli-error-plan-json = The plan JSON has { $count } problem(s); the first at "{ $path }": { $message }
plan-import-error-no-year = The plan gives no year: add "year" to the JSON and import again.
plan-import-error-no-tasks = No task found in the plan: nothing imported.
plan-import-created = Imported the plan "{ $title }" (id { $id }).
plan-import-updated = Updated the plan "{ $title }" (id { $id }); existing reports are kept.
plan-import-unchanged = The plan "{ $title }" is already there with the same content: nothing changed.
plan-import-counts = Tasks: { $total } ({ $added } new, { $updated } kept, { $retired } retired).
plan-import-unresolved = { $count } unit name(s) match no agency (add them as aliases, then import again):
plan-list-empty = No plan yet.
agencies-import-done = Directory loaded: { $created } new agencies, { $updated } updated, { $unchanged } unchanged; { $blocs } emulation blocs.
agencies-count = { $count } agencies in { $blocs } emulation blocs.
agencies-no-bloc = (no bloc)
awards-import-done = Award catalogue loaded: { $created } new, { $updated } updated, { $unchanged } unchanged.
awards-count = { $count } titles and forms of commendation.
award-scope-collective = collectives
award-scope-individual = individuals
award-scope-both = collectives and individuals
agency-kind-people-committee = People's Committee
agency-kind-council = Council
agency-kind-department = department
agency-kind-party = Party body
agency-kind-district = district or city
agency-kind-mass-organization = mass organisation
agency-kind-press = press
agency-kind-central = central agency
agency-kind-armed-forces = armed forces
agency-kind-enterprise = enterprise
agency-kind-other = other

# Chat.
welcome-unknown = Hello! This is the follow-up assistant of the Emulation and Commendation Board, Department of Home Affairs. You are not registered yet: ask the Board for an invite link (t.me/…?start=…) and open it.
button-report-number = 📝 Report { $number }
due-lead = Lead
due-coordinating = Coordinating
due-footer = Press the matching number to report progress, or reply to this message.
push-heading = 📅 <b>Tasks for { $month }/{ $year }</b> — { $agency }
reminder-heading = ⏰ <b>Report reminder { $month }/{ $year }</b> — { $agency }: { $count } task(s) not reported yet.
role-lead = Lead
role-coordinating = Coordinating
status-done = Done
status-in-progress = In progress
status-blocked = Blocked
status-not-started = Not started
status-silent = No report
status-heading = Status for { $month }/{ $year }
status-nothing-due = No task is due this month.
status-agency-nothing-due = The agency has no task this month.
status-agencies-responsible = { $count } agencies
silent-heading = Agencies without a report for { $month }/{ $year }: { $count }
silent-none = Every agency has reported. 👍
silent-missing = { $count } task(s)
silent-no-officer = no focal officer yet
overdue-heading = Overdue tasks not done: { $count }
overdue-none = No task is overdue.
