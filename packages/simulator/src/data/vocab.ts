/** Word lists for realistic Vietnamese shop data. */

export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
] as const;

export const MIDDLE_NAMES = [
  'Thị',
  'Văn',
  'Ngọc',
  'Minh',
  'Thu',
  'Thanh',
  'Hoài',
  'Bảo',
  'Quỳnh',
  'Gia',
  'Kim',
  'Mỹ',
  'Đức',
  'Hữu',
] as const;

export const GIVEN_NAMES = [
  'Anh',
  'Hà',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Phượng',
  'Trang',
  'Trâm',
  'Tuyết',
  'Vy',
  'Yến',
  'Châu',
  'Dung',
  'Hằng',
  'Thảo',
  'Oanh',
  'Duyên',
  'Hùng',
  'Khoa',
  'Nam',
  'Phúc',
  'Tâm',
  'Tuấn',
  'Sơn',
  'Long',
] as const;

/** Facebook display names are often "Given Middle" or nicknames. */
export const NICKNAMES = [
  'Bé Na',
  'Mẹ Bống',
  'Su Su',
  'Hoa Phượng',
  'Cún Con',
  'Thỏ Ngọc',
  'Mèo Mun',
  'Bông Gòn',
] as const;

export const SHOP_NAMES = [
  'Tomato Fashion - Thời Trang Nữ',
  'Cà Chua Boutique',
  'Nhà Mơ Store',
  'Hồng Hạc Shop Đầm Váy',
  'Sắc Màu Kids',
  'Gấu Bông Xinh',
  'Áo Dài Cô Ba',
  'Giày Dép Minh Anh',
] as const;

export const CITIES = [
  ['Quận 1', 'TP. Hồ Chí Minh'],
  ['Quận Bình Thạnh', 'TP. Hồ Chí Minh'],
  ['TP. Thủ Đức', 'TP. Hồ Chí Minh'],
  ['Quận Cầu Giấy', 'Hà Nội'],
  ['Quận Hoàn Kiếm', 'Hà Nội'],
  ['Quận Hải Châu', 'Đà Nẵng'],
  ['TP. Biên Hòa', 'Đồng Nai'],
  ['TP. Cần Thơ', 'Cần Thơ'],
  ['TP. Nha Trang', 'Khánh Hòa'],
] as const;

export const STREETS = [
  'Lê Lợi',
  'Nguyễn Huệ',
  'Trần Hưng Đạo',
  'Hai Bà Trưng',
  'Điện Biên Phủ',
  'Võ Văn Tần',
  'Phan Đình Phùng',
  'Lý Thường Kiệt',
  'Cách Mạng Tháng Tám',
] as const;

export const CUSTOMER_MESSAGES = [
  'Shop ơi còn size M không ạ?',
  'Cho mình xin giá với ạ',
  'Mẫu này còn màu đỏ không shop',
  'Ship về Hà Nội mất mấy ngày vậy shop?',
  'Mình lấy 2 cái nha',
  'Chốt đơn giúp em ạ',
  'Áo này chất liệu gì vậy ạ',
  'Shop có freeship không?',
  'Em cao 1m58 nặng 48kg mặc size nào ạ',
  'Đã chuyển khoản rồi nha shop',
  'Khi nào có hàng lại vậy shop',
  'Cho xem thêm ảnh thật với',
  'Đơn của mình giao chưa shop?',
  'ok shop',
  'Cảm ơn shop nhiều ❤️',
  'Mình đổi size được không ạ',
  'Địa chỉ shop ở đâu vậy',
  'Giá sỉ bao nhiêu shop ơi',
] as const;

export const COMMENTS = [
  'lv do',
  'chốt 1 cái size L',
  'giá bao nhiêu ạ',
  'inbox em nha',
  'còn không shop',
  'lấy mẫu số 3',
  'xin giá',
  'đặt 2 cái màu trắng',
  'size M còn không',
  'mã 15 còn không shop',
  '❤️❤️',
  'chốt',
] as const;

export const SHOP_REPLIES = [
  'Dạ còn ạ, chị cho em xin SĐT và địa chỉ nhé',
  'Dạ mẫu này giá 189k ạ',
  'Shop đã inbox chị rồi ạ',
  'Dạ đơn của chị đã được giao cho bên vận chuyển ạ',
  'Dạ size M còn ạ',
  'Cảm ơn chị đã ủng hộ shop ạ ❤️',
  'Dạ shop freeship cho đơn từ 500k ạ',
  'Dạ chị chờ shop một chút nhé',
] as const;

export const POST_TITLES = [
  'LIVE xả kho đầm váy 99k',
  'Hàng mới về - Áo sơ mi lụa',
  'Livestream tối nay 20h: săn sale',
  'Set bộ đi biển siêu xinh',
  'Giày sandal hè 2025',
  'LIVE chốt đơn quần jean',
] as const;

export const POST_DESCRIPTIONS = [
  'Chốt đơn comment: mã + size. Freeship đơn từ 500k.',
  'Hàng có sẵn, giao toàn quốc.',
  'Comment số điện thoại để được tư vấn nhanh.',
  '',
] as const;

export const PRODUCT_NAMES = [
  'Đầm maxi hoa nhí',
  'Áo sơ mi lụa trắng',
  'Quần jean ống rộng',
  'Chân váy xếp ly',
  'Áo thun cotton form rộng',
] as const;

/** Partner statuses as `GET /api/common/getpartnerstatus` returns them (captured). */
export const PARTNER_STATUSES = [
  { value: '#5cb85c', text: 'Bình thường' },
  { value: '#d1332e', text: 'Bom hàng' },
  { value: '#f0ad4e', text: 'Cảnh báo' },
  { value: '#5bc0de', text: 'Khách sỉ' },
  { value: '#d9534f', text: 'Nguy hiểm' },
  { value: '#337ab7', text: 'Thân thiết' },
  { value: '#9b59b6', text: 'Vip' },
] as const;

/** Order status colours as `GET /api/common/getstylestatusorder` returns them (captured). */
export const ORDER_STATUS_STYLES = { Nháp: '#808080', 'Đơn hàng': '#27c24c', Hủy: '#ff0000' };

export const MAIL_TEMPLATES = [
  {
    Name: 'Xác nhận đơn hàng',
    BodyPlain: 'Chào {partner.name}, shop đã nhận đơn {order.code}. Cảm ơn bạn!',
  },
  { Name: 'Xin địa chỉ', BodyPlain: 'Dạ chị cho em xin SĐT và địa chỉ nhận hàng ạ.' },
  { Name: 'Hết hàng', BodyPlain: 'Dạ mẫu này tạm hết, shop sẽ báo chị khi có hàng lại ạ.' },
] as const;
