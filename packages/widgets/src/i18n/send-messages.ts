/**
 * The texts of sending, Vietnamese first: one reason per `SendErrorCode` (typed, so a new code
 * cannot go untranslated), the statuses of an outgoing message, the composer and "Nhắn riêng".
 * Spread into the tables of `messages.ts`.
 */
import type { SendErrorCode } from '../model/index.js';

type SendReasons = Record<`send.${SendErrorCode}`, string>;

const reasonsVi: SendReasons = {
  'send.bad_request': 'Yêu cầu gửi không hợp lệ.',
  'send.unauthorized': 'Cần đăng nhập lại, rồi thử lại.',
  'send.page_not_allowed': 'Tài khoản TPOS của bạn không được gửi tin thay trang này.',
  'send.send_in_progress': 'Tin nhắn vẫn đang được gửi.',
  'send.payload_too_large': 'Ảnh lớn hơn 8 MB: chọn ảnh nhỏ hơn.',
  'send.unsupported_media_type': 'Chỉ gửi được ảnh JPEG, PNG, GIF hoặc WebP.',
  'send.text_too_long': 'Tin nhắn dài quá 2.000 ký tự.',
  'send.idempotency_key_reused': 'Mã gửi đã dùng cho tin khác: gửi lại sẽ dùng mã mới.',
  'send.outside_window':
    'Khách nhắn lần cuối hơn 24 giờ trước: Facebook chỉ cho trang trả lời khi khách nhắn lại.',
  'send.recipient_unavailable':
    'Khách không nhận được tin nhắn (đã chặn trang hoặc tắt nhận tin nhắn).',
  'send.page_token_invalid':
    'Kết nối Facebook của trang đã hết hạn: hãy kết nối lại trang trong TPOS.',
  'send.message_invalid': 'Facebook từ chối tin nhắn này vì không hợp lệ.',
  'send.permission_denied': 'Ứng dụng của trang chưa có quyền gửi tin nhắn Messenger.',
  'send.reply_already_sent':
    'Bình luận này đã được nhắn riêng: Facebook chỉ cho nhắn riêng một lần mỗi bình luận.',
  'send.comment_too_old': 'Bình luận đã quá 7 ngày: Facebook không cho nhắn riêng nữa.',
  'send.rate_limited': 'Facebook đang giới hạn số tin nhắn trang được gửi.',
  'send.graph_unavailable': 'Facebook đang tạm gián đoạn.',
  'send.graph_error': 'Facebook báo lỗi khi gửi tin nhắn.',
  'send.bad_gateway': 'Không kết nối được TPOS để lấy thông tin trang.',
  'send.gateway_timeout': 'TPOS không trả lời kịp.',
  'send.send_unconfirmed':
    'Facebook không xác nhận: tin có thể đã được gửi. Xem lại cuộc hội thoại trước khi gửi lại.',
  'send.network': 'Mất kết nối mạng.',
  'send.timeout': 'Máy chủ không trả lời kịp.',
  'send.server': 'Máy chủ đang lỗi.',
};

const reasonsEn: SendReasons = {
  'send.bad_request': 'The send request was invalid.',
  'send.unauthorized': 'Please sign in again, then retry.',
  'send.page_not_allowed': 'Your TPOS account may not send as this page.',
  'send.send_in_progress': 'The message is still being sent.',
  'send.payload_too_large': 'The image is larger than 8 MB: choose a smaller one.',
  'send.unsupported_media_type': 'Only JPEG, PNG, GIF or WebP images can be sent.',
  'send.text_too_long': 'The message is longer than 2,000 characters.',
  'send.idempotency_key_reused':
    'The send key was used for another message: sending again uses a new one.',
  'send.outside_window':
    'The customer last wrote more than 24 h ago: Facebook lets the page answer only once the customer writes again.',
  'send.recipient_unavailable':
    'The customer cannot receive messages (blocked the page or turned messages off).',
  'send.page_token_invalid':
    "The page's Facebook connection has expired: reconnect the page in TPOS.",
  'send.message_invalid': 'Facebook refused this message as invalid.',
  'send.permission_denied': "The page's app is not allowed to send Messenger messages.",
  'send.reply_already_sent':
    'This comment already got its private message: Facebook allows one per comment.',
  'send.comment_too_old':
    'The comment is more than 7 days old: Facebook no longer allows a private message.',
  'send.rate_limited': 'Facebook is limiting how many messages the page may send.',
  'send.graph_unavailable': 'Facebook is temporarily unavailable.',
  'send.graph_error': 'Facebook reported an error while sending.',
  'send.bad_gateway': "TPOS could not be reached for the page's details.",
  'send.gateway_timeout': 'TPOS did not answer in time.',
  'send.send_unconfirmed':
    'Facebook did not confirm: the message may have been sent. Check the conversation before sending again.',
  'send.network': 'The connection was lost.',
  'send.timeout': 'The server did not answer in time.',
  'send.server': 'The server failed.',
};

export const sendVi = {
  ...reasonsVi,
  sending: 'Đang gửi…',
  sent: 'Đã gửi',
  notSent: 'Chưa gửi được',
  retryIn: 'Thử lại sau {0}.',
  retryLater: 'Thử lại sau ít phút.',
  seconds: '{0} giây',
  minutes: '{0} phút',
  sendAgain: 'Gửi lại',
  sendChecking: 'Facebook chưa xác nhận: đang kiểm tra xem tin đã được gửi chưa…',
  discard: 'Bỏ',
  attachImage: 'Đính kèm ảnh',
  removeImage: 'Bỏ ảnh',
  imageToSend: 'Ảnh sẽ gửi',
  textCounter: '{0}/{1} ký tự',
  privateReply: 'Nhắn riêng',
  privateReplyTo: 'Nhắn riêng qua Messenger…',
  privateReplyNote:
    'Tin nhắn riêng đến Messenger của khách. Mỗi bình luận chỉ nhắn riêng được một lần, trong 7 ngày.',
  'privateReply.sent': 'Đã nhắn riêng cho bình luận này (Facebook chỉ cho một lần mỗi bình luận)',
  'privateReply.too-old': 'Bình luận đã quá 7 ngày: Facebook không cho nhắn riêng nữa',
  'privateReply.no-comment-id': 'Chưa có mã bình luận Facebook nên chưa nhắn riêng được',
};

export const sendEn: Record<keyof typeof sendVi, string> = {
  ...reasonsEn,
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retryIn: 'Retry in {0}.',
  retryLater: 'Retry in a few minutes.',
  seconds: '{0} s',
  minutes: '{0} min',
  sendAgain: 'Send again',
  sendChecking: 'Facebook did not confirm: checking whether it went out…',
  discard: 'Discard',
  attachImage: 'Attach an image',
  removeImage: 'Remove the image',
  imageToSend: 'Image to send',
  textCounter: '{0}/{1} characters',
  privateReply: 'Private message',
  privateReplyTo: 'Private message in Messenger…',
  privateReplyNote:
    "Goes to the customer's Messenger. Each comment can get one private message, within 7 days.",
  'privateReply.sent': 'This comment already got its private message (Facebook allows one)',
  'privateReply.too-old': 'The comment is more than 7 days old: Facebook no longer allows one',
  'privateReply.no-comment-id': 'The Facebook comment id is not known yet',
};
