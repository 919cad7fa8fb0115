/**
 * The texts of the `?` dialog, Vietnamese first: added to the tables by the dialog, whose chunk
 * they go with.
 */
export const shortcutsVi = {
  shortcuts: 'Phím tắt',
  shortcutsHint: 'Phím tắt không dùng khi đang gõ trong một ô nhập.',
  'shortcut.next': 'Hội thoại tiếp theo',
  'shortcut.previous': 'Hội thoại trước',
  'shortcut.next-unread': 'Hội thoại chưa đọc tiếp theo',
  'shortcut.search': 'Tìm kiếm hội thoại',
  'shortcut.templates': 'Mở tin nhắn mẫu',
  'shortcut.info': 'Mở thông tin khách hàng',
  'shortcut.compose': 'Soạn tin nhắn',
  'shortcut.close': 'Đóng bảng hoặc ảnh đang mở',
  'shortcut.help': 'Hiện danh sách phím tắt',
};

export const shortcutsEn: Record<keyof typeof shortcutsVi, string> = {
  shortcuts: 'Keyboard shortcuts',
  shortcutsHint: 'Shortcuts do nothing while you type in a field.',
  'shortcut.next': 'Next conversation',
  'shortcut.previous': 'Previous conversation',
  'shortcut.next-unread': 'Next unread conversation',
  'shortcut.search': 'Search conversations',
  'shortcut.templates': 'Open message templates',
  'shortcut.info': 'Open customer info',
  'shortcut.compose': 'Write a message',
  'shortcut.close': 'Close the open panel or image',
  'shortcut.help': 'Show the shortcuts',
};
