import { useState, version } from 'react';
import {
  ChatomniInbox,
  ChatomniStatus,
  ChatomniThread,
  type ChatomniOrderCreatedEvent,
  type ChatomniSendEvent,
} from '@chatomni/widgets/react';

interface CreatedOrder {
  code: string;
  conversationId: string;
}

/** The shop's admin page: the inbox and the open conversation, and the orders created from it. */
export function App() {
  const [orders, setOrders] = useState<CreatedOrder[]>([]);
  const [note, setNote] = useState('');

  const onOrderCreated = (event: ChatomniOrderCreatedEvent) => {
    const { order, conversationId } = event.detail;
    setOrders((list) => [{ code: order.code, conversationId }, ...list]);
  };
  // This shop sends through its own backend, so it takes chatomni-send; without this handler
  // the element sends through the proxy's POST /api/send.
  const onSend = (event: ChatomniSendEvent) => {
    event.preventDefault();
    setNote(`Gửi qua hệ thống của shop: “${event.detail.text}”`);
  };

  return (
    <div className="admin">
      <header className="topbar">
        <strong>Cà Chua Shop · Quản trị</strong>
        <small id="react-version">React {version}</small>
        <ChatomniStatus />
      </header>
      <main className="panes">
        <ChatomniInbox className="inbox" />
        <ChatomniThread
          className="thread"
          onChatomniOrderCreated={onOrderCreated}
          onChatomniSend={onSend}
        />
        <aside className="side">
          <h2>Đơn vừa tạo</h2>
          {orders.length === 0 ? <p className="empty">Chưa có đơn nào.</p> : null}
          <ul id="orders">
            {orders.map((o) => (
              <li key={o.code}>{o.code}</li>
            ))}
          </ul>
          <p id="note">{note}</p>
        </aside>
      </main>
    </div>
  );
}
