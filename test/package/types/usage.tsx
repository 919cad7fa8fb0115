// How a React + TypeScript app uses the package; test/package/package.test.ts type-checks it
// against the built dist/ (each @ts-expect-error must stay an error, or tsc fails).
import type {} from '@chatomni/widgets/jsx-react';
import { ChatomniInbox, ChatomniStatus, ChatomniThread } from '@chatomni/widgets/react';
import { getSession, type ChatomniOrderCreatedEvent } from '@chatomni/widgets/core';

export function Wrappers({ onOrder }: { onOrder: (code: string) => void }) {
  return (
    <>
      <ChatomniStatus session="shop" />
      <ChatomniInbox
        session="shop"
        noLogin
        config={{ pollInterval: 5000 }}
        onChatomniSelect={(e) => e.detail.conversationId.toUpperCase()}
      />
      <ChatomniThread
        session="shop"
        onChatomniOrderCreated={(e) => onOrder(e.detail.order.code)}
        onChatomniSend={(e) => e.preventDefault()}
      />
      {/* @ts-expect-error the inbox fires no order events */}
      <ChatomniInbox onChatomniOrderCreated={() => {}} />
      {/* @ts-expect-error noLogin is a boolean */}
      <ChatomniInbox noLogin="yes" />
    </>
  );
}

export function Tags() {
  const created = (e: ChatomniOrderCreatedEvent) => e.detail.order.code;
  return (
    <>
      <chatomni-inbox session="shop" no-login poll-interval={5000} />
      <chatomni-thread conversation-id="c1" onchatomni-order-created={created} />
      {/* @ts-expect-error poll-interval is a number */}
      <chatomni-status poll-interval="soon" />
    </>
  );
}

export const session = getSession('shop', { tenant: 'shop.tpos.vn' });
