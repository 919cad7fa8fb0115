/** The realtime envelopes of docs/tpos-protocol.md §5, built from stored records. */
import type {
  SimComment,
  SimConversation,
  SimItem,
  SimMessage,
  SimOrder,
  SimTenant,
  Staff,
} from './data/model.js';
import type { SimProfile } from './options.js';
import { SHAPES, project, socketIdOf } from './recorded.js';
import { utc, vnMs, vnSeconds } from './time.js';

/** What kind of envelope an event carries; decides the event names of the seed dialect. */
export type EventCategory = 'chat' | 'order' | 'product';

export interface SimEvent {
  category: EventCategory;
  envelope: Record<string, unknown>;
}

export function staffRef(staff: Staff | undefined): Staff | null {
  return staff ? { Id: staff.Id, Name: staff.Name, UserName: staff.UserName } : null;
}

/** Facebook Messenger webhook-style `Data` of a message. */
export function messengerData(conv: SimConversation, m: SimMessage): Record<string, unknown> {
  return {
    id: m.fbId,
    message: m.text,
    from: { id: m.isOwner ? conv.pageId : conv.psid },
    to: { data: [{ id: m.isOwner ? conv.psid : conv.pageId }] },
    created_time: vnSeconds(m.at),
    attachments: m.attachments.length
      ? {
          data: m.attachments.map((a, i) => ({
            id: `${m.fbId}_${i}`,
            mime_type: a.type === 'image' ? 'image/jpeg' : 'application/octet-stream',
            ...(a.type === 'image' ? { image_data: { url: a.url, preview_url: a.url } } : {}),
            ...(a.type !== 'image' ? { file_url: a.url } : {}),
          })),
        }
      : null,
    webhook_attachments: m.attachments.map((a) => ({ type: a.type, payload: { url: a.url } })),
  };
}

/** Facebook Graph-style `Data` of a comment. */
export function commentData(
  tenant: SimTenant,
  conv: SimConversation,
  c: SimComment,
  parent: SimComment | undefined,
): Record<string, unknown> {
  const page = tenant.pages.find((p) => p.id === conv.pageId);
  const image = c.attachments.find((a) => a.type === 'image');
  return {
    id: c.fbId,
    ...(parent ? { parent: { id: parent.fbId } } : {}),
    message: c.text,
    created_time: vnSeconds(c.at),
    from: c.isOwner
      ? { id: conv.pageId, name: page?.name ?? '' }
      : { id: conv.psid, name: conv.name },
    object: { id: c.objectId },
    is_hidden: c.isHidden,
    can_reply_privately: !c.isOwner,
    ...(image ? { attachment: { type: 'photo', media: { image: { src: image.url } } } } : {}),
  };
}

/**
 * `on-events` envelope of a Messenger message or comment (MessageType 11 / 12). The recorded
 * profile sends the captured fields only, every time in `+07:00`, and socket ids that differ
 * from the REST ones ({@link socketIdOf}).
 */
export function chatEnvelope(
  profile: SimProfile,
  tenant: SimTenant,
  conv: SimConversation,
  item: SimItem,
  parent?: SimComment,
): SimEvent {
  const isComment = item.kind === 'comment';
  const recorded = profile === 'recorded';
  const envelope = {
    Conversation: {
      Id: conv.id,
      ChannelType: 4,
      ChannelId: conv.pageId,
      UserId: conv.psid,
      Name: conv.name,
      HasPhone: conv.phone !== null,
      HasAddress: conv.address !== null,
      UpdatedTime: recorded ? vnMs(conv.lastAt) : utc(conv.lastAt),
    },
    Message: {
      Id: socketIdOf(profile, item.id),
      ChannelType: 4,
      ChannelId: conv.pageId,
      UserId: conv.psid,
      Message: item.text,
      MessageType: isComment ? 12 : 11,
      ContentType: item.attachments[0]?.type ?? 'text',
      ObjectId: isComment ? item.objectId : null,
      ParentId: isComment ? socketIdOf(profile, item.parentId) : null,
      IsOwner: item.isOwner,
      Data: isComment ? commentData(tenant, conv, item, parent) : messengerData(conv, item),
      CreatedById: item.staff?.Id ?? null,
      CreatedBy: staffRef(item.staff),
      CreatedTime: vnMs(item.at),
      ChannelCreatedTime: vnMs(item.at),
    },
    EventName: 'chatomni.on-message',
  };
  const sent = recorded ? project(envelope, SHAPES.chatEnvelope) : envelope;
  return { category: 'chat', envelope: sent as Record<string, unknown> };
}

/** `SaleOnline_Order` created/updated envelope. */
export function orderEnvelope(order: SimOrder, action: 'created' | 'updated'): SimEvent {
  const label = action === 'created' ? 'create_order_with_code' : 'update_order_with_code';
  return {
    category: 'order',
    envelope: {
      Type: 'SaleOnline_Order',
      Message: `${order.staff.Name}: label.${label} ${order.Code}.`,
      Data: {
        Facebook_PostId: order.PostId,
        Facebook_UserName: order.name,
        Facebook_ASUserId: order.psid,
        Facebook_CommentId: order.CommentId,
        Id: order.Id,
        Code: order.Code,
        Session: order.Session,
        SessionIndex: order.SessionIndex,
      },
      EventName: action,
    },
  };
}

export type ProductEventKind = 'template' | 'product' | 'inventory' | 'invoice' | 'image-updated';

/** Catalogue and invoice envelopes (lower-case keys), and `product.image-updated`. */
export function productEnvelope(
  kind: ProductEventKind,
  p: { id: number; name: string; code: string; price: number; imageUrl: string },
  staff: Staff,
  companyId: number,
): SimEvent {
  if (kind === 'image-updated') {
    return {
      category: 'product',
      envelope: {
        Type: 'Product',
        Data: { ProductId: p.id, ImageUrl: p.imageUrl },
        EventName: 'product.image-updated',
      },
    };
  }
  const type = {
    template: 'ProductTemplate',
    product: 'Product',
    inventory: 'ProductInventory',
    invoice: 'FastSaleOrder',
  }[kind];
  const data =
    kind === 'invoice'
      ? { Id: p.id, Number: `INV/2025/${p.id}`, AmountTotal: p.price, State: 'open' }
      : { Id: p.id, Name: p.name, DefaultCode: p.code, ListPrice: p.price, ImageUrl: p.imageUrl };
  return {
    category: 'product',
    envelope: {
      type,
      action: kind === 'inventory' ? 'updated' : 'created',
      message: `${staff.Name}: ${type} ${kind === 'invoice' ? data.Id : p.name}`,
      data,
      companyId,
      userId: staff.Id,
    },
  };
}
