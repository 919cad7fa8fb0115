/**
 * Attachments from upstream (TPOS REST messages, socket payloads) → the domain model, as
 * normalize.ts does for the rest: for the thread and the sockets, so it comes with their chunks.
 */
import type { Attachment, AttachmentType } from '../model/index.js';
import { safeHttpUrl } from '../util/url.js';
import { field, isRecord, optText } from './fields.js';

const ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'template',
]);

function attachmentType(value: unknown): AttachmentType {
  const type = typeof value === 'string' ? value.toLowerCase() : '';
  if (type === 'photo' || type === 'animated_image_share') return 'image';
  return (ATTACHMENT_TYPES.has(type) ? type : 'unknown') as AttachmentType;
}

/**
 * Attachments in any of the known shapes: REST `[{Type, Payload:{Url}}]`, webhook
 * `[{type, payload:{url}}]`, and Graph `{data:[{image_data:{url}}, {video_data}, {file_url}]}`.
 * At most 20 are kept.
 */
export function normalizeAttachments(raw: unknown): Attachment[] {
  const list = Array.isArray(raw)
    ? raw
    : Array.isArray(field(raw, 'data'))
      ? (field(raw, 'data') as unknown[])
      : [];
  const out: Attachment[] = [];
  for (const item of list.slice(0, 20)) {
    if (!isRecord(item)) continue;
    const payload = item.Payload ?? item.payload;
    const image = field(item, 'image_data');
    const video = field(item, 'video_data');
    let type = attachmentType(item.Type ?? item.type);
    if (type === 'unknown') {
      const mime = typeof item.mime_type === 'string' ? item.mime_type : '';
      if (image || mime.startsWith('image/')) type = 'image';
      else if (video || mime.startsWith('video/')) type = 'video';
      else if (mime.startsWith('audio/')) type = 'audio';
      else if (item.file_url) type = 'file';
    }
    const url = safeHttpUrl(
      field(payload, 'Url') ??
        field(payload, 'url') ??
        field(image, 'url') ??
        field(video, 'url') ??
        item.file_url ??
        item.url,
    );
    const previewUrl = safeHttpUrl(
      field(payload, 'PreviewUrl') ?? field(video, 'preview_url') ?? field(image, 'preview_url'),
    );
    const name = optText(
      field(payload, 'Name') ?? field(payload, 'Title') ?? field(payload, 'title') ?? item.name,
      500,
    );
    const attachment: Attachment = { type };
    if (url) attachment.url = url;
    if (previewUrl) attachment.previewUrl = previewUrl;
    if (name) attachment.name = name;
    out.push(attachment);
  }
  return out;
}
