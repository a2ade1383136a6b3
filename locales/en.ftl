# Importer warnings: what a person must check in the plan before importing it.
plan-warning-no-table = No task table found (it needs a header row with the columns "TT", "Nội dung", "Đơn vị chủ trì và phối hợp", "Thời gian thực hiện").
plan-warning-unnumbered-row = After row { $after } an unnumbered row opens with a list of its own ({ $count } tasks, line { $line } of the text): kept as a separate row, please check it.
plan-warning-time-missing = Row { $row }: the time cell is empty; no month assigned, please add one.
plan-warning-time-unreadable = Row { $row }: could not read the time "{ $time }"; no month assigned, please add one.
plan-warning-time-recovered = Row { $row }: the time cell reads only "{ $time }" and the numbers { $months } sat in the units cell; read as months { $months }.
plan-warning-units-missing = Row { $row }: no lead or coordinating unit.
plan-warning-row-numbers-skip = Row numbers jump from { $from } to { $to }: check whether the document lost a row.
plan-warning-row-without-tasks = Row { $row }: no task in it.
