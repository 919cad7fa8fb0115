/** Shared test helpers: real fetch, real socket.io-client, a real simulator. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { RunningSimulator } from '../src/index.js';

export const TOMATO = 'tomato.tpos.vn';
export const CACHUA = 'cachua.tpos.vn';

/** The fields of a `/token` answer, sorted (the same in both profiles). */
export const TOKEN_ANSWER_KEYS = [
  '.expires',
  '.issued',
  'access_token',
  'expires_in',
  'refresh_token',
  'token_type',
  'userId',
  'userName',
];

/** Parsed JSON in assertions; tests check shapes by value, so it is loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** fetch + JSON parse (body undefined when not JSON). */
export async function call<T = Json>(
  url: string,
  init: RequestInit & { json?: unknown; token?: string } = {},
): Promise<Answer<T>> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Logs in through `/token` with the password grant. */
export async function login(sim: RunningSimulator, username = 'demo', password = 'demo123') {
  const res = await call(`${sim.restUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'tmtWebApp',
      grant_type: 'password',
      username,
      password,
      scope: 'profile',
    }).toString(),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body as { access_token: string; refresh_token: string };
}

/** POST to the control API. */
export function control<T = Json>(sim: RunningSimulator, path: string, json: unknown = {}) {
  return call<T>(`${sim.restUrl}/__sim/${path}`, { method: 'POST', json });
}

export function search(sim: RunningSimulator, token: string, body: Record<string, unknown>) {
  return call(`${sim.restUrl}/api-ms/chatomni/v1/conversations/search`, {
    method: 'POST',
    token,
    json: body,
  });
}

export interface SocketOptions {
  room?: string;
  token?: string;
  /** Engine.IO reconnection; off by default so tests see every disconnect. */
  reconnection?: boolean;
}

/** A socket.io-client socket on `/chatomni` (not yet waited for). */
export function socketTo(url: string, opts: SocketOptions = {}): Socket {
  return io(`${url}/chatomni`, {
    transports: ['websocket'],
    query: opts.room === undefined ? {} : { room: opts.room },
    auth: opts.token === undefined ? {} : { token: opts.token },
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
}

/** Resolves with the first `event` argument(s), rejects after `ms`. */
export function once<T = unknown>(
  socket: { once(event: string, listener: (arg: T) => void): unknown },
  event: string,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (arg: T) => {
      clearTimeout(timer);
      resolve(arg);
    });
  });
}

/** Connects and resolves once connected; rejects with the connect_error. */
export function connected(socket: Socket, ms = 5000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Collects every `event` on a socket. */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (arg: T) => seen.push(arg));
  return seen;
}

/** Waits until `check` is true, polling every 20 ms, failing after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function decodeJwt(token: string): Json {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** The sorted keys of an object, for exact field-set assertions. */
export function keysOf(value: unknown): string[] {
  assert.ok(value && typeof value === 'object' && !Array.isArray(value), `not an object: ${value}`);
  return Object.keys(value).sort();
}

/** The simulator's control view of a conversation (`GET /__sim/conversations/<id>`). */
export async function simConversation(sim: RunningSimulator, id: string): Promise<Json> {
  const res = await call(`${sim.restUrl}/__sim/conversations/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** `GET /__sim/counters`. */
export async function counters(sim: RunningSimulator): Promise<Json> {
  return (await call(`${sim.restUrl}/__sim/counters`)).body;
}
