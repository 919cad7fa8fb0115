export * from './chatomni-select.js';
export * from './chatomni-create-order.js';
export * from './chatomni-order-created.js';
export * from './chatomni-info.js';
export * from './chatomni-message-template.js';
export * from './chatomni-send.js';
