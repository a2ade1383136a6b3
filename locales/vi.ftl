# Importer warnings: what a person must check in the plan before importing it.
plan-row = Dòng { $row }
plan-row-unnumbered = Dòng không số sau dòng { $after }
plan-warning-no-table = Không tìm thấy bảng nhiệm vụ (cần dòng tiêu đề có các cột "TT", "Nội dung", "Đơn vị chủ trì và phối hợp", "Thời gian thực hiện").
plan-warning-unnumbered-row = Sau dòng { $after } có một dòng không số thứ tự mở đầu bằng danh sách riêng ({ $count } nhiệm vụ, dòng { $line } của văn bản): đã giữ thành dòng riêng, cần kiểm tra lại.
plan-warning-time-missing = { $row }: ô thời gian thực hiện để trống; chưa gán tháng nào, cần bổ sung.
plan-warning-time-unreadable = { $row }: không đọc được thời gian "{ $time }"; chưa gán tháng nào, cần bổ sung.
plan-warning-time-recovered = { $row }: ô thời gian chỉ ghi "{ $time }", các số { $months } nằm lẫn ở ô đơn vị; đã hiểu là tháng { $months }.
plan-warning-units-missing = { $row }: không có đơn vị chủ trì, phối hợp.
plan-warning-row-numbers-skip = Số thứ tự nhảy từ { $from } lên { $to }: kiểm tra xem văn bản có bị mất dòng không.
plan-warning-row-without-tasks = { $row }: không có nhiệm vụ nào.

# Reading back a plan for review.
plan-review-all-agencies = Các cơ quan, đơn vị, địa phương
plan-review-lead = Chủ trì
plan-review-coordinating = Phối hợp
plan-review-no-units = (chưa có đơn vị)
plan-review-number = Số { $number }
plan-review-issued = ngày { $date }
plan-review-year = năm { $year }
plan-review-task-count = { $count } nhiệm vụ
plan-review-row = Dòng { $row }
plan-review-row-unnumbered = Dòng không số
plan-review-warnings = Cần kiểm tra ({ $count }):

# A milestone's time window.
time-due = Hạn { $date }
time-all-year = Thường xuyên (cả năm)
time-none = Chưa có thời gian
time-months = Tháng { $months }

# Command line.
cli-usage-header = Cách dùng: npm run cli -- <lệnh> [tùy chọn] [--lang vi|en]
cli-usage-plan-parse = plan parse TỆP [--json]      đọc kế hoạch, in bảng nhiệm vụ để rà soát (hoặc JSON)
cli-error-file-missing = Thiếu đường dẫn tệp.
cli-error-file-unreadable = Không đọc được tệp { $path } ({ $reason }).
cli-error-unexpected = Lỗi không mong đợi: { $reason }
