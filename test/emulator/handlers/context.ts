// What every command handler gets, and the checks the official-account commands share.
import type { ReplyBody } from '../replies';
import { failure } from '../replies';
import { OFFICIAL_ACCOUNT_PREFIX } from '../state';
import type { EmulatorState } from '../state';

export interface HandlerContext {
  state: EmulatorState;
  sdkAppId: number;
  /** The admin making the call. */
  identifier: string;
  maxIdsPerCall: number;
  /** Fault injection: true when this subscriber's operation must fail (Result 0). */
  resultZero: (subscriberId: string) => boolean;
  /** Leaves a subscriber out of the reply's result list (fault injection). */
  omitResult?: (subscriberId: string) => boolean;
  /** Third-party callbacks (webhooks) Tencent would send for this call; a no-op unless a callback URL is configured. */
  callbacks: EmulatorCallbacks;
}

/**
 * How a command handler raises Tencent's third-party callbacks. `after` is fire-and-forget (Tencent ignores
 * the reply); `before` waits for the receiver's reply and resolves to its JSON body, or to undefined when no
 * callback URL is configured or the receiver failed (the command then proceeds, as with no callback).
 */
export interface EmulatorCallbacks {
  /** e.g. after('OfficialAccount.CallbackAfterDeleteSubscriber', { Official_Account, ... }) */
  after(callbackCommand: string, body: Record<string, unknown>): void;
  before(callbackCommand: string, body: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
}

export const NO_CALLBACKS: EmulatorCallbacks = {
  after: () => undefined,
  before: async () => undefined,
};

/** Handlers may wait (a Before callback); the reply goes out after the global latency either way. */
export type CommandHandler = (body: unknown, context: HandlerContext) => ReplyBody | Promise<ReplyBody>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** 6017 for an empty list or one over the per-call limit; undefined when the count is fine. */
export function checkIdCount(field: string, count: number, maxIdsPerCall: number): ReplyBody | undefined {
  if (count === 0) return failure(6017, `${field} is empty.`);
  if (count > maxIdsPerCall) return failure(6017, `${field} holds ${count} accounts; at most ${maxIdsPerCall} are allowed per call.`);
  return undefined;
}

/** 130007 for a malformed ID, 130004 for an account this SDKAppID does not have; undefined when it exists. */
export function checkOfficialAccount(officialAccount: string, context: HandlerContext): ReplyBody | undefined {
  if (!officialAccount.startsWith(OFFICIAL_ACCOUNT_PREFIX)) {
    return failure(130007, `Official_Account must start with ${OFFICIAL_ACCOUNT_PREFIX}.`);
  }
  if (!context.state.hasAccount(context.sdkAppId, officialAccount)) return failure(130004);
  return undefined;
}
