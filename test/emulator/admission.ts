// The checks Tencent's gateway makes before a command runs, in its order. They need
// only the request line, so they run synchronously when the request arrives; that keeps
// the rate limiter and the fault dice in arrival order however bodies interleave.
import type { CommandHandler } from './handlers';
import { COMMAND_HANDLERS } from './handlers';
import type { SlidingWindowRateLimiter } from './rateLimit';
import type { ReplyBody } from './replies';
import { failure } from './replies';
import type { EmulatorState } from './state';
import { verifyUserSig } from './verifyUserSig';

export interface RequestTarget {
  path: string;
  command: string;
  query: URLSearchParams;
}

export type Admission =
  | { admitted: false; outcome: 'error' | 'rateLimited'; reply: ReplyBody }
  | { admitted: true; handler: CommandHandler; sdkAppId: number; identifier: string };

export interface AdmissionInput {
  method: string;
  target: RequestTarget | undefined;
  atMs: number;
  nowSeconds: number;
  state: EmulatorState;
  limiter: SlidingWindowRateLimiter;
}

const MAX_RANDOM = 4294967295;

/** Undefined when the request line cannot be parsed at all. */
export function parseTarget(rawUrl: string | undefined): RequestTarget | undefined {
  try {
    const url = new URL(rawUrl ?? '', 'http://127.0.0.1');
    return { path: url.pathname, command: url.pathname.replace(/^\/v4\//, ''), query: url.searchParams };
  } catch {
    return undefined;
  }
}

/** A non-empty query parameter; empty values count as missing, as they do for Tencent. */
function param(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

function isUint32Text(text: string | undefined): boolean {
  return text !== undefined && /^\d{1,10}$/.test(text) && Number(text) <= MAX_RANDOM;
}

function reject(errorCode: number, detail?: string): Admission {
  return { admitted: false, outcome: 'error', reply: failure(errorCode, detail) };
}

export function admit(input: AdmissionInput): Admission {
  const { target, state } = input;
  if (input.method !== 'POST') return reject(60002, 'Only POST is supported.');
  if (!target) return reject(60002);
  const handler = target.path.startsWith('/v4/') ? COMMAND_HANDLERS.get(target.command) : undefined;
  if (!handler) return reject(60009);

  const query = target.query;
  const sdkAppIdText = param(query, 'sdkappid');
  if (sdkAppIdText === undefined) return reject(60012);
  const identifier = param(query, 'identifier');
  const userSig = param(query, 'usersig');
  if (identifier === undefined || userSig === undefined) return reject(60004);
  if (query.get('contenttype') !== 'json') return reject(60002, 'contenttype must be json.');
  if (!isUint32Text(param(query, 'random'))) return reject(60002, 'random must be an unsigned 32-bit integer.');

  const sdkAppId = /^\d{1,15}$/.test(sdkAppIdText) ? Number(sdkAppIdText) : NaN;
  const app = state.app(sdkAppId);
  if (!app) return reject(70020);
  if (!input.limiter.tryAdmit(sdkAppId, input.atMs)) {
    return { admitted: false, outcome: 'rateLimited', reply: failure(60007) };
  }

  const verdict = verifyUserSig({ userSig, sdkAppId, identifier, secretKey: app.secretKey, nowSeconds: input.nowSeconds });
  // The reason never contains the UserSig itself, so it is safe to return.
  if (!verdict.ok) return reject(verdict.errorCode, `(${verdict.reason})`);
  if (!app.admins.includes(identifier)) return reject(60010);
  return { admitted: true, handler, sdkAppId, identifier };
}

/** Query fields kept in CallRecord; the usersig is deliberately not among them. */
export function recordedQueryFields(query: URLSearchParams | undefined): {
  sdkAppId?: number;
  identifier?: string;
  random?: string;
  contenttype?: string;
} {
  if (!query) return {};
  const sdkAppIdText = query.get('sdkappid');
  const fields: { sdkAppId?: number; identifier?: string; random?: string; contenttype?: string } = {};
  if (sdkAppIdText !== null && /^\d{1,15}$/.test(sdkAppIdText)) fields.sdkAppId = Number(sdkAppIdText);
  const identifier = query.get('identifier');
  if (identifier !== null) fields.identifier = identifier;
  const random = query.get('random');
  if (random !== null) fields.random = random;
  const contenttype = query.get('contenttype');
  if (contenttype !== null) fields.contenttype = contenttype;
  return fields;
}
