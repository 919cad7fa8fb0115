// The page's own glue: orders created from the thread are listed, and the messages the seller
// writes are handed to the shop's backend (it takes chatomni-send; without that listener the
// element sends through the proxy's POST /api/send).
const thread = document.querySelector('chatomni-thread');
const orders = document.querySelector('#orders');

thread.addEventListener('chatomni-order-created', (event) => {
  const item = document.createElement('li');
  item.textContent = event.detail.order.code; // customer-facing data: always as text
  orders.prepend(item);
  document.querySelector('.empty')?.remove();
});

thread.addEventListener('chatomni-send', (event) => {
  event.preventDefault();
  document.querySelector('#note').textContent = `Gửi qua hệ thống của shop: “${event.detail.text}”`;
});
