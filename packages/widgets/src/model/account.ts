/** What the shop's account tells besides conversations: pages, customer info, templates. */
import type { OrderRef } from './conversation.js';

export interface Page {
  id: string;
  name: string;
  /** http(s) logo URL or undefined. */
  logoUrl?: string;
  /** CRMTeam id of the page (used by customer info). */
  teamId: string;
}

export interface CustomerInfo {
  partner?: {
    id: string;
    name: string;
    phone?: string;
    address?: string;
    statusText?: string;
  };
  /** Latest order of the customer. */
  order?: OrderRef & { createdAt?: number; note?: string };
  /** Total revenue from the customer, in VND. */
  revenue?: number;
}

export interface MessageTemplate {
  id: string;
  name: string;
  /** Plain-text body. */
  body: string;
}
