// Strict request-body checks shared by the official-account handlers. A failed check throws RequestRejected,
// which rejecting() turns into the reply, so handlers read as a list of checks.
import type { ReplyBody } from '../replies';
import { failure } from '../replies';
import type { AccountRecord } from '../state';
import { OFFICIAL_ACCOUNT_PREFIX } from '../state';
import type { CommandHandler, HandlerContext } from './context';
import { isRecord } from './context';

/**
 * A body field the command does not define. Tencent's servers are not documented to reject these, but the
 * emulator does so that a misspelt key (e.g. the Java SDK's `OfficialAccount`, doc section 5 #2) fails loudly in
 * tests instead of being ignored. 20001 ("invalid request packet") because the packet, not a value, is wrong,
 * the same code a missing or wrongly named required key gets.
 */
export const UNKNOWN_FIELD_ERROR = 20001;
/** A field of the wrong JSON type, or a required field missing: the packet is malformed. */
export const MALFORMED_PACKET_ERROR = 20001;
/** A well-typed value outside its documented range (too long, too many, empty, unknown enum value). */
export const INVALID_VALUE_ERROR = 6017;

export class RequestRejected extends Error {
  constructor(readonly reply: ReplyBody) {
    super(reply.ErrorInfo);
  }
}

export function reject(errorCode: number, detail?: string): never {
  throw new RequestRejected(failure(errorCode, detail));
}

/** Wraps a handler so that checks may throw RequestRejected. */
export function rejecting(handler: CommandHandler): CommandHandler {
  return async (body, context) => {
    try {
      return await handler(body, context);
    } catch (error) {
      if (error instanceof RequestRejected) return error.reply;
      throw error;
    }
  };
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The body as an object holding only the named fields. */
export function objectWith(value: unknown, allowed: readonly string[], where = 'The request body'): Record<string, unknown> {
  if (!isRecord(value)) reject(MALFORMED_PACKET_ERROR, `${where} must be a JSON object.`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) reject(UNKNOWN_FIELD_ERROR, `${where} has an unknown field ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}.`);
  }
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined) reject(MALFORMED_PACKET_ERROR, `${field} is required.`);
  if (typeof value !== 'string') reject(MALFORMED_PACKET_ERROR, `${field} must be a string.`);
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string, maxBytes?: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') reject(MALFORMED_PACKET_ERROR, `${field} must be a string.`);
  if (maxBytes !== undefined) checkBytes(field, value, maxBytes);
  return value;
}

export function checkBytes(field: string, value: string, maxBytes: number): void {
  const bytes = utf8Bytes(value);
  if (bytes > maxBytes) reject(INVALID_VALUE_ERROR, `${field} is ${bytes} bytes in UTF-8; at most ${maxBytes} are allowed.`);
}

/** An integer field: wrong type 20001, outside [min, max] 6017. */
export function optionalInteger(body: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) reject(MALFORMED_PACKET_ERROR, `${field} must be an integer.`);
  if (value < min || value > max) reject(INVALID_VALUE_ERROR, `${field} must be from ${min} to ${max}, got ${value}.`);
  return value;
}

export function requiredArray(body: Record<string, unknown>, field: string, maxItems: number): unknown[] {
  const value = body[field];
  if (value === undefined) reject(MALFORMED_PACKET_ERROR, `${field} is required.`);
  if (!Array.isArray(value)) reject(MALFORMED_PACKET_ERROR, `${field} must be an array.`);
  if (value.length === 0) reject(INVALID_VALUE_ERROR, `${field} is empty.`);
  if (value.length > maxItems) reject(INVALID_VALUE_ERROR, `${field} holds ${value.length} items; at most ${maxItems} are allowed per call.`);
  return value;
}

/** 130007 for an ID without the prefix, 130004 for one this SDKAppID does not have (never created, or destroyed). */
export function liveAccount(officialAccount: string, context: HandlerContext): AccountRecord {
  if (!officialAccount.startsWith(OFFICIAL_ACCOUNT_PREFIX)) reject(130007, `Official_Account must start with ${OFFICIAL_ACCOUNT_PREFIX}.`);
  const record = context.state.accountRecord(context.sdkAppId, officialAccount);
  if (!record) {
    reject(130004, context.state.isDestroyed(context.sdkAppId, officialAccount) ? '(It was destroyed.)' : undefined);
  }
  return record;
}

/** Custom codes a Before callback may return for Tencent to pass to the caller (doc section 4.3). */
export function isPassThroughCallbackCode(code: unknown): code is number {
  return typeof code === 'number' && Number.isInteger(code) && code >= 120001 && code <= 130000;
}

/** The reply of a Before callback that passes a custom code through, or undefined. */
export function passedThrough(reply: Record<string, unknown> | undefined): ReplyBody | undefined {
  if (!reply || !isPassThroughCallbackCode(reply.ErrorCode)) return undefined;
  return { ErrorCode: reply.ErrorCode, ErrorInfo: typeof reply.ErrorInfo === 'string' ? reply.ErrorInfo : '' };
}
