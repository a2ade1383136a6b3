# Importer warnings: what a person must check in the plan before importing it.
plan-warning-no-table = Không tìm thấy bảng nhiệm vụ (cần dòng tiêu đề có các cột "TT", "Nội dung", "Đơn vị chủ trì và phối hợp", "Thời gian thực hiện").
plan-warning-unnumbered-row = Sau dòng { $after } có một dòng không số thứ tự mở đầu bằng danh sách riêng ({ $count } nhiệm vụ, dòng { $line } của văn bản): đã giữ thành dòng riêng, cần kiểm tra lại.
plan-warning-time-missing = Dòng { $row }: ô thời gian thực hiện để trống; chưa gán tháng nào, cần bổ sung.
plan-warning-time-unreadable = Dòng { $row }: không đọc được thời gian "{ $time }"; chưa gán tháng nào, cần bổ sung.
plan-warning-time-recovered = Dòng { $row }: ô thời gian chỉ ghi "{ $time }", các số { $months } nằm lẫn ở ô đơn vị; đã hiểu là tháng { $months }.
plan-warning-units-missing = Dòng { $row }: không có đơn vị chủ trì, phối hợp.
plan-warning-row-numbers-skip = Số thứ tự nhảy từ { $from } lên { $to }: kiểm tra xem văn bản có bị mất dòng không.
plan-warning-row-without-tasks = Dòng { $row }: không có nhiệm vụ nào.
