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
cli-error-file-missing = A file path is missing.
cli-error-file-unreadable = Cannot read the file { $path } ({ $reason }).
cli-error-unexpected = Unexpected error: { $reason }
