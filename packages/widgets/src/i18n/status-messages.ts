/**
 * The texts of `<chatomni-status>`'s badges and buttons, Vietnamese first: added to the tables
 * by its view (status-view.ts), whose chunk they go with.
 */
export const statusVi = {
  connection: 'Kết nối',
  attempt: 'lần {0}',
  connected: 'đã kết nối',
  connecting: 'đang kết nối',
  disconnected: 'mất kết nối',
  realtime: 'Realtime',
  polling: 'Polling',
  offline: 'Ngoại tuyến',
  refresh: 'Làm mới',
  auto: 'Auto',
  lastEvent: 'Sự kiện cuối: {0}',
  noEvents: 'Chưa có sự kiện',
  tabFollower: 'Dùng chung kết nối của một tab khác',
  connectionSummary: 'Chat: {0}, RT: {1}',
  roomRejected: 'Phòng realtime bị từ chối',
  roomRejectedHint:
    'Máy chủ realtime từ chối phòng {0} dù đăng nhập vẫn hợp lệ. Danh sách vẫn được cập nhật định kỳ; sẽ thử lại sau vài phút.',
  degraded: 'không nhận được sự kiện',
};

export const statusEn: Record<keyof typeof statusVi, string> = {
  connection: 'Connection',
  attempt: 'attempt {0}',
  connected: 'connected',
  connecting: 'connecting',
  disconnected: 'disconnected',
  realtime: 'Realtime',
  polling: 'Polling',
  offline: 'Offline',
  refresh: 'Refresh',
  auto: 'Auto',
  lastEvent: 'Last event: {0}',
  noEvents: 'No events yet',
  tabFollower: 'Sharing the connection of another tab',
  connectionSummary: 'Chat: {0}, RT: {1}',
  roomRejected: 'Realtime room rejected',
  roomRejectedHint:
    'The realtime server refuses the room {0} although the login is valid. The list is still refreshed by polling; retrying in a few minutes.',
  degraded: 'delivers no events',
};
