// Tencent's per-account broadcast limits (doc section 2.10): 1 message per second, 2 broadcasts per hour, and
// identical content within 5 minutes dropped as a duplicate; the 8 KB body limit and the moderation of texts.
// Codes per doc section 8 (Tencent's V2TIMErrorCode.h); every rule can be relaxed or re-coded through
// EmulatorOptions.messageLimits.
import type { ReplyBody } from '../replies';
import { failure } from '../replies';
import type { AccountRecord, RecentSend } from '../state';
import type { MessageLimits } from '../types';

/** Over 1 message/s: ERR_SVR_GROUP_SEND_MSG_FREQ_LIMIT (a third-party integration's notes: broadcasts answer it). */
export const MESSAGE_PER_SECOND_LIMIT_ERROR = 10023;
/** Over 2 broadcasts/hour. UNCERTAIN that it has no code of its own: the same frequency code. */
export const MESSAGE_PER_HOUR_LIMIT_ERROR = 10023;
/** UNCERTAIN placeholder, only when messageLimits.duplicateReply is 'error': no source gives a duplicate code (10024 is not one). */
export const DUPLICATE_MESSAGE_ERROR = 10024;
/** ERR_SVR_COMM_SENSITIVE_TEXT: the text contains blocked words. */
export const SENSITIVE_TEXT_ERROR = 80001;
/** ERR_SVR_COMM_BODY_SIZE_LIMIT: the message body is over 8k. */
export const BODY_SIZE_LIMIT_ERROR = 80002;
/** ERR_SVR_COMM_BODY_SIZE_LIMIT's "8k"; UNCERTAIN that it is 8 × 1024 bytes of MsgBody JSON. */
export const MAX_BODY_BYTES = 8 * 1024;
/** ERR_SVR_GROUP_REVOKE_MSG_TIME_LIMIT: the recall time limit has passed. */
export const RECALL_TIME_LIMIT_RETCODE = 10031;
/** UNCERTAIN: what recalling a message recalled before answers; no source says. Read as "no such message". */
export const RECALL_ALREADY_RECALLED_DEFAULT_RETCODE = 10030;

const HOUR_MS = 3_600_000;

export interface ResolvedMessageLimits {
  perSecond: number;
  perHour: number;
  duplicateWindowMs: number;
  duplicateRule: 'content' | 'contentAndRandom';
  duplicateReply: 'original' | 'error';
  errorCodes: { perSecond: number; perHour: number; duplicate: number };
  maxBodyBytes: number;
  blockedWords: string[];
  recallTimeLimitSeconds: number;
  alreadyRecalledRetCode: number;
}

export function resolveMessageLimits(limits: MessageLimits): ResolvedMessageLimits {
  return {
    perSecond: limits.perSecond ?? 1,
    perHour: limits.perHour ?? 2,
    duplicateWindowMs: (limits.duplicateWindowSeconds ?? 300) * 1000,
    duplicateRule: limits.duplicateRule ?? 'content',
    duplicateReply: limits.duplicateReply ?? 'original',
    errorCodes: {
      perSecond: limits.errorCodes?.perSecond ?? MESSAGE_PER_SECOND_LIMIT_ERROR,
      perHour: limits.errorCodes?.perHour ?? MESSAGE_PER_HOUR_LIMIT_ERROR,
      duplicate: limits.errorCodes?.duplicate ?? DUPLICATE_MESSAGE_ERROR,
    },
    maxBodyBytes: limits.maxBodyBytes ?? MAX_BODY_BYTES,
    blockedWords: limits.blockedWords ?? [],
    recallTimeLimitSeconds: limits.recallTimeLimitSeconds ?? 0,
    alreadyRecalledRetCode: limits.alreadyRecalledRetCode ?? RECALL_ALREADY_RECALLED_DEFAULT_RETCODE,
  };
}

/** The body checks Tencent makes before any limit: at most 8 KB, no blocked word. Undefined when the body passes. */
export function refuseBody(msgBody: unknown[], limits: ResolvedMessageLimits): ReplyBody | undefined {
  const json = JSON.stringify(msgBody);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (limits.maxBodyBytes > 0 && bytes > limits.maxBodyBytes) {
    return failure(BODY_SIZE_LIMIT_ERROR, `MsgBody is ${bytes} bytes; at most ${limits.maxBodyBytes}.`);
  }
  const lower = json.toLowerCase();
  if (limits.blockedWords.some((word) => word !== '' && lower.includes(word.toLowerCase()))) return failure(SENSITIVE_TEXT_ERROR);
  return undefined;
}

export type SendVerdict = { kind: 'allowed' } | { kind: 'duplicate'; of: RecentSend } | { kind: 'rejected'; reply: ReplyBody };

/** Drops sends older than every window, so the list stays short however long the emulator runs. */
function prune(account: AccountRecord, nowMs: number, limits: ResolvedMessageLimits): void {
  const horizon = nowMs - Math.max(HOUR_MS, limits.duplicateWindowMs);
  account.recentSends = account.recentSends.filter((send) => send.atMs > horizon);
}

/** The duplicate check runs first: a retry of a delivered message is a duplicate, whatever the rate limits say. */
export function judgeSend(account: AccountRecord, content: string, random: number, nowMs: number, limits: ResolvedMessageLimits): SendVerdict {
  prune(account, nowMs, limits);
  const sends = account.recentSends;
  if (limits.duplicateWindowMs > 0) {
    const original = sends.find(
      (send) => nowMs - send.atMs < limits.duplicateWindowMs && send.content === content && (limits.duplicateRule === 'content' || send.random === random),
    );
    if (original) return { kind: 'duplicate', of: original };
  }
  const within = (ms: number) => sends.filter((send) => nowMs - send.atMs < ms).length;
  if (limits.perSecond > 0 && within(1000) >= limits.perSecond) {
    return { kind: 'rejected', reply: failure(limits.errorCodes.perSecond, `At most ${limits.perSecond} message(s) per second per official account; try again in 1 second.`) };
  }
  if (limits.perHour > 0 && within(HOUR_MS) >= limits.perHour) {
    const oldest = sends.filter((send) => nowMs - send.atMs < HOUR_MS)[0];
    const waitSeconds = oldest ? Math.ceil((oldest.atMs + HOUR_MS - nowMs) / 1000) : 3600;
    return {
      kind: 'rejected',
      reply: failure(limits.errorCodes.perHour, `At most ${limits.perHour} broadcasts per hour per official account; try again in ${waitSeconds} seconds.`),
    };
  }
  return { kind: 'allowed' };
}
