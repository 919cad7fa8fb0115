/** Small builders of realistic values, shared by generation and live events. */
import type { Prng } from './prng.js';
import type { SimAttachment, Staff } from './model.js';
import {
  CITIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  NICKNAMES,
  STREETS,
  CUSTOMER_MESSAGES,
  COMMENTS,
  SHOP_REPLIES,
} from './vocab.js';

/** A Mongo-style 24-hex id whose first 8 digits are the creation second. */
export function objectId(rng: Prng, ms: number): string {
  return (
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8) + rng.hex(16)
  );
}

/** A GUID string as .NET prints it. */
export function guid(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** A customer's Facebook name: "Họ Đệm Tên", "Tên Họ" or a nickname. */
export function personName(rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.08) return rng.pick(NICKNAMES);
  if (roll < 0.3) return `${rng.pick(GIVEN_NAMES)} ${rng.pick(FAMILY_NAMES)}`;
  return `${rng.pick(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES)} ${rng.pick(GIVEN_NAMES)}`;
}

/** A Vietnamese mobile number `09xxxxxxxx`. */
export function phone(rng: Prng): string {
  return `09${rng.int(0, 99_999_999).toString().padStart(8, '0')}`;
}

export function address(rng: Prng): string {
  const [district, city] = rng.pick(CITIES);
  return `${rng.int(1, 399)} ${rng.pick(STREETS)}, ${district}, ${city}`;
}

/** A fake https image URL; it does not need to load. */
export function imageUrl(rng: Prng): string {
  return `https://picsum.photos/seed/${rng.hex(12)}/640/800`;
}

export function imageAttachments(rng: Prng, count = 1): SimAttachment[] {
  return Array.from({ length: count }, () => ({ type: 'image', url: imageUrl(rng) }));
}

export function customerText(rng: Prng): string {
  return rng.pick(CUSTOMER_MESSAGES);
}

export function commentText(rng: Prng, withPhone: string | null): string {
  const text = rng.pick(COMMENTS);
  return withPhone && rng.chance(0.3) ? `${text} ${withPhone}` : text;
}

export function shopReply(rng: Prng): string {
  return rng.pick(SHOP_REPLIES);
}

/** The staff of a tenant: its logins first, then two generated colleagues. */
export function makeStaff(rng: Prng, logins: { username: string; displayName: string }[]): Staff[] {
  const staff = logins.map((u) => ({ Id: guid(rng), Name: u.displayName, UserName: u.username }));
  for (let i = 1; i <= 2; i++) {
    staff.push({ Id: guid(rng), Name: personName(rng), UserName: `nhanvien${i}` });
  }
  return staff;
}
