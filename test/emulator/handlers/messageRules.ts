// Tencent's per-account broadcast limits (doc section 2.10): 1 message per second, 2 broadcasts per hour, and
// identical content within 5 minutes dropped as a duplicate. Their error codes are undocumented, so each is a
// named placeholder here, and every rule can be relaxed or re-coded through EmulatorOptions.messageLimits.
import type { ReplyBody } from '../replies';
import { failure } from '../replies';
import type { AccountRecord, RecentSend } from '../state';
import type { MessageLimits } from '../types';

/** UNCERTAIN: over 1 message/s. Tencent's documented "too frequent, retry later" code, so clients back off and retry. */
export const MESSAGE_PER_SECOND_LIMIT_ERROR = 60018;
/** UNCERTAIN: over 2 broadcasts/hour. The sibling "too frequent" code, so it is told apart from the 1/s limit. */
export const MESSAGE_PER_HOUR_LIMIT_ERROR = 60019;
/** UNCERTAIN: a duplicate, when messageLimits.duplicateReply is 'error'. Chosen outside every documented table. */
export const DUPLICATE_MESSAGE_ERROR = 10024;

const HOUR_MS = 3_600_000;

export interface ResolvedMessageLimits {
  perSecond: number;
  perHour: number;
  duplicateWindowMs: number;
  duplicateRule: 'content' | 'contentAndRandom';
  duplicateReply: 'original' | 'error';
  errorCodes: { perSecond: number; perHour: number; duplicate: number };
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
  };
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
