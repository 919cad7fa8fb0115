import type { sendVi } from './send-messages.js';
import type { shortcutsVi } from './shortcut-messages.js';
import type { statusVi } from './status-messages.js';
import type { threadVi } from './thread-messages.js';

/**
 * The visible strings of the elements, Vietnamese, which is their default language: inline in
 * the first load. `{0}`, `{1}` are positional arguments filled by `msg()`. English is in
 * messages-en.ts, a chunk loaded when an element is English. The texts of the open
 * conversation (thread-messages.ts, send-messages.ts), of the `?` dialog
 * (shortcut-messages.ts) and of `<chatomni-status>` (status-messages.ts) come with their
 * chunks, in both languages.
 */
export const vi = {
  loading: 'Đang tải…',
  retry: 'Thử lại',
  close: 'Đóng',
  loginTitle: 'Đăng nhập TPOS',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signIn: 'Đăng nhập',
  signingIn: 'Đang đăng nhập…',
  remember: 'Ghi nhớ đăng nhập',
  logout: 'Đăng xuất',
  loginRequired: 'Cần đăng nhập',
  'login.invalid_credentials': 'Sai tên đăng nhập hoặc mật khẩu',
  'login.network': 'Không kết nối được máy chủ',
  'login.server': 'Máy chủ đang lỗi, vui lòng thử lại sau',
  conversations: 'Cuộc hội thoại',
  search: 'Tìm tên, SĐT, tin nhắn',
  filters: 'Bộ lọc',
  all: 'Tất cả',
  messages: 'Tin nhắn',
  comments: 'Bình luận',
  unread: 'Chưa đọc',
  unreplied: 'Chưa trả lời',
  hasPhone: 'Có SĐT',
  hasAddress: 'Có địa chỉ',
  hasOrder: 'Có đơn',
  allPages: 'Tất cả trang',
  page: 'Trang',
  type: 'Loại',
  empty: 'Không có cuộc hội thoại nào',
  loadError: 'Không tải được danh sách',
  'load.network': 'Không kết nối được máy chủ.',
  'load.timeout': 'Máy chủ không trả lời kịp.',
  'load.bad-body': 'Máy chủ trả về dữ liệu không đọc được.',
  'load.unauthorized': 'Cần đăng nhập lại.',
  'load.server': 'Máy chủ đang lỗi, vui lòng thử lại sau.',
  justNow: 'Vừa xong',
  minutesAgo: '{0} phút trước',
  hoursAgo: '{0} giờ trước',
  you: 'Bạn: ',
  attachment: '[Tệp đính kèm]',
  newMessageFrom: 'Tin nhắn mới từ {0}',
  chooseConversation: 'Chọn một cuộc hội thoại',
  sound: 'Âm báo tin nhắn mới',
  noText: 'Không có nội dung chữ',
  listTruncated: 'Chỉ hiển thị {0} cuộc hội thoại mới nhất: máy chủ không trả thêm.',
  orderNoCode: 'Đơn mới (chưa có mã)',
  partError: 'Không tải được phần này của trang. Kiểm tra kết nối mạng rồi thử lại.',
};

/** The key of a string of the first load. */
export type CoreMessageKey = keyof typeof vi;

/** The key of a visible string. */
export type MessageKey =
  | CoreMessageKey
  | keyof typeof sendVi
  | keyof typeof threadVi
  | keyof typeof shortcutsVi
  | keyof typeof statusVi;
