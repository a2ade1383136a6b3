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
cli-usage-jobs-run = jobs run TÊN [--at THỜI_ĐIỂM]       chạy một việc định kỳ (monthly-push, reminders) tại thời điểm cho trước
cli-error-job-unknown = Không có việc định kỳ "{ $name }"; các việc: { $names }.
cli-error-bad-time = Không đọc được thời điểm "{ $value }" (ví dụ: 2018-03-01T08:00:00+07:00).
jobs-run-done = Đã chạy { $key }: xếp hàng { $enqueued } tin nhắn mới, { $already } tin đã có từ lần chạy trước.
cli-error-file-missing = Thiếu đường dẫn tệp.
cli-error-file-unreadable = Không đọc được tệp { $path } ({ $reason }).
cli-error-unexpected = Lỗi không mong đợi: { $reason }
cli-usage-plan-import = plan import TỆP                nhập kế hoạch (văn bản hoặc JSON đã sửa) vào cơ sở dữ liệu
cli-usage-plan-list = plan list                        liệt kê các kế hoạch đã nhập
cli-usage-agencies-import = agencies import TỆP.csv      nạp danh mục cơ quan, đơn vị và khối thi đua
cli-usage-agencies-list = agencies list                    liệt kê cơ quan, đơn vị
cli-usage-awards-import = awards import [TỆP.csv]        nạp danh mục danh hiệu, hình thức khen thưởng (mặc định: danh mục kèm theo)
cli-usage-awards-list = awards list                      liệt kê danh mục khen thưởng
cli-database-external = Cơ sở dữ liệu: MongoDB theo MONGODB_URI.
cli-database-mongodb-memory-server = Cơ sở dữ liệu: mongod nhúng, dữ liệu lưu tại { $path }.
cli-database-emulator = Cơ sở dữ liệu: bộ giả lập MongoDB nhúng, lưu tại { $path } — chỉ để dùng thử, khi vận hành thật hãy đặt MONGODB_URI.
cli-error-csv = Tệp CSV có { $count } lỗi; lỗi đầu tiên ở dòng { $line }, cột { $column }: { $message }
cli-error-plan-json = Tệp JSON của kế hoạch có { $count } lỗi; lỗi đầu tiên ở "{ $path }": { $message }
plan-import-error-no-year = Kế hoạch không ghi năm: thêm "year" vào JSON rồi nhập lại.
plan-import-error-no-tasks = Không tìm thấy nhiệm vụ nào trong kế hoạch: không nhập gì.
plan-import-created = Đã nhập kế hoạch "{ $title }" (mã { $id }).
plan-import-updated = Đã cập nhật kế hoạch "{ $title }" (mã { $id }); báo cáo đã có được giữ nguyên.
plan-import-unchanged = Kế hoạch "{ $title }" đã có, nội dung không đổi: không thay đổi gì.
plan-import-counts = Nhiệm vụ: { $total } (mới { $added }, giữ { $updated }, thôi theo dõi { $retired }).
plan-import-unresolved = { $count } đơn vị chưa khớp với cơ quan nào (thêm tên gọi khác cho cơ quan, rồi nhập lại):
plan-list-empty = Chưa có kế hoạch nào.
agencies-import-done = Đã nạp danh mục: { $created } cơ quan mới, { $updated } cập nhật, { $unchanged } không đổi; { $blocs } khối thi đua.
agencies-count = { $count } cơ quan, đơn vị trong { $blocs } khối thi đua.
agencies-no-bloc = (không thuộc khối)
awards-import-done = Đã nạp danh mục khen thưởng: { $created } mới, { $updated } cập nhật, { $unchanged } không đổi.
awards-count = { $count } danh hiệu, hình thức khen thưởng.
award-scope-collective = tập thể
award-scope-individual = cá nhân
award-scope-both = tập thể và cá nhân
agency-kind-people-committee = UBND
agency-kind-council = Hội đồng
agency-kind-department = sở, ban, ngành
agency-kind-party = cơ quan Đảng
agency-kind-district = huyện, thành phố
agency-kind-mass-organization = đoàn thể
agency-kind-press = cơ quan báo chí
agency-kind-central = cơ quan Trung ương
agency-kind-armed-forces = lực lượng vũ trang
agency-kind-enterprise = doanh nghiệp
agency-kind-other = khác

# Chat.
welcome-unknown = Xin chào! Đây là trợ lý theo dõi, đôn đốc công tác thi đua, khen thưởng của Ban Thi đua – Khen thưởng, Sở Nội vụ. Bạn chưa được đăng ký: hãy xin Ban Thi đua – Khen thưởng một đường dẫn mời (dạng t.me/…?start=…) rồi mở đường dẫn đó.
button-report-number = 📝 Báo cáo { $number }
due-lead = Chủ trì
due-coordinating = Phối hợp
due-footer = Bấm nút số tương ứng để báo cáo tiến độ, hoặc trả lời (reply) tin nhắn này.
push-heading = 📅 <b>Nhiệm vụ tháng { $month }/{ $year }</b> — { $agency }
reminder-heading = ⏰ <b>Nhắc báo cáo tháng { $month }/{ $year }</b> — { $agency }: còn { $count } nhiệm vụ chưa báo cáo.
role-lead = Chủ trì
role-coordinating = Phối hợp
status-done = Hoàn thành
status-in-progress = Đang thực hiện
status-blocked = Gặp vướng mắc
status-not-started = Chưa triển khai
status-silent = Chưa báo cáo
status-heading = Tình hình tháng { $month }/{ $year }
status-nothing-due = Tháng này không có nhiệm vụ nào đến hạn.
status-agency-nothing-due = Đơn vị không có nhiệm vụ nào trong tháng này.
status-agencies-responsible = { $count } đơn vị
silent-heading = Đơn vị chưa báo cáo tháng { $month }/{ $year }: { $count }
silent-none = Tất cả đơn vị đã báo cáo. 👍
silent-missing = { $count } nhiệm vụ
silent-no-officer = chưa có cán bộ đầu mối
overdue-heading = Nhiệm vụ quá hạn chưa hoàn thành: { $count }
overdue-none = Không có nhiệm vụ nào quá hạn.
