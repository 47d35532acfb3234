// UserSig (TLSSigAPIv2, HMAC-SHA256 flavour) written from the Tencent reference
// implementations, independent of the product code so it can catch its mistakes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

export interface UserSigPayload {
  'TLS.ver': string;
  'TLS.identifier': string;
  'TLS.sdkappid': number;
  'TLS.time': number;
  'TLS.expire': number;
  'TLS.sig': string;
  'TLS.userbuf'?: string;
}

export interface VerifyUserSigInput {
  userSig: string;
  sdkAppId: number;
  identifier: string;
  secretKey: string;
  nowSeconds: number;
}

/** ErrorCodes Tencent uses for each kind of UserSig failure. */
export type UserSigErrorCode = 70001 | 70003 | 70009 | 70013 | 70014;

export type VerifyUserSigResult =
  | { ok: true; payload: UserSigPayload }
  | { ok: false; errorCode: UserSigErrorCode; reason: string };

/** The exact text that is HMAC-signed; note time comes before expire. */
export function userSigSignedContent(identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string): string {
  const base = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  return userbuf === undefined ? base : `${base}TLS.userbuf:${userbuf}\n`;
}

/** Standard base64 of HMAC-SHA256; the console key is used as UTF-8 bytes, not hex-decoded. */
export function userSigHmac(secretKey: string, identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(userSigSignedContent(identifier, sdkAppId, time, expire, userbuf))
    .digest('base64');
}

const URL_SAFE_BASE64 = /^[A-Za-z0-9*_-]+$/;

/** Reverses Tencent's URL-safe base64 and inflates; throws on anything malformed. */
export function decodeUserSig(userSig: string): UserSigPayload {
  // Buffer.from(..., 'base64') silently skips foreign characters, so check the alphabet first.
  if (!URL_SAFE_BASE64.test(userSig)) throw new Error('UserSig contains characters outside the URL-safe base64 alphabet');
  const standardBase64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  const json = inflateSync(Buffer.from(standardBase64, 'base64')).toString('utf8');
  const parsed: unknown = JSON.parse(json);
  if (!isUserSigPayload(parsed)) throw new Error('UserSig JSON lacks required TLS.* fields');
  return parsed;
}

function isUserSigPayload(value: unknown): value is UserSigPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['TLS.ver'] === 'string' &&
    typeof v['TLS.identifier'] === 'string' &&
    Number.isInteger(v['TLS.sdkappid']) &&
    Number.isInteger(v['TLS.time']) &&
    Number.isInteger(v['TLS.expire']) &&
    typeof v['TLS.sig'] === 'string' &&
    (v['TLS.userbuf'] === undefined || typeof v['TLS.userbuf'] === 'string')
  );
}

function constantTimeEqual(a: string, b: string): boolean {
  const bufA = Buffer.from(a, 'utf8');
  const bufB = Buffer.from(b, 'utf8');
  // Length is not secret (a SHA-256 base64 is always 44 chars); only the content comparison must be constant-time.
  return bufA.length === bufB.length && timingSafeEqual(bufA, bufB);
}

/** Checks in Tencent's order: parse, sdkappid, identifier, signature, expiry. Reasons never contain the UserSig. */
export function verifyUserSig(input: VerifyUserSigInput): VerifyUserSigResult {
  let payload: UserSigPayload;
  try {
    payload = decodeUserSig(input.userSig);
  } catch (error) {
    return { ok: false, errorCode: 70003, reason: (error as Error).message };
  }
  if (payload['TLS.sdkappid'] !== input.sdkAppId) {
    return { ok: false, errorCode: 70014, reason: `UserSig was issued for SDKAppID ${payload['TLS.sdkappid']}` };
  }
  if (payload['TLS.identifier'] !== input.identifier) {
    return { ok: false, errorCode: 70013, reason: `UserSig was issued for identifier ${JSON.stringify(payload['TLS.identifier'])}` };
  }
  const expected = userSigHmac(
    input.secretKey,
    payload['TLS.identifier'],
    payload['TLS.sdkappid'],
    payload['TLS.time'],
    payload['TLS.expire'],
    payload['TLS.userbuf'],
  );
  if (!constantTimeEqual(expected, payload['TLS.sig'])) {
    return { ok: false, errorCode: 70009, reason: 'HMAC does not match the secret key of this SDKAppID' };
  }
  if (input.nowSeconds > payload['TLS.time'] + payload['TLS.expire']) {
    return { ok: false, errorCode: 70001, reason: `UserSig expired at ${payload['TLS.time'] + payload['TLS.expire']}` };
  }
  return { ok: true, payload };
}

/**
 * Test-side signer, the Tencent Node reference way (JSON key order, zlib.deflateSync, URL-safe base64),
 * so tests can create UserSigs without our product code.
 */
export function signUserSigForTests(sdkAppId: number, key: string, identifier: string, expireSeconds: number, nowSeconds: number): string {
  const payload: UserSigPayload = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': nowSeconds,
    'TLS.expire': expireSeconds,
    'TLS.sig': userSigHmac(key, identifier, sdkAppId, nowSeconds, expireSeconds),
  };
  return deflateSync(Buffer.from(JSON.stringify(payload), 'utf8'))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}
