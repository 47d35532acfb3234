// What every command handler gets, and the checks the official-account commands share.
import type { ReplyBody } from '../replies';
import type { EmulatorState } from '../state';

export interface HandlerContext {
  state: EmulatorState;
  sdkAppId: number;
  /** The admin making the call. */
  identifier: string;
  maxIdsPerCall: number;
  /** Fault injection: true when this subscriber's operation (or this MsgKey's recall) must fail. */
  resultZero: (subscriberId: string) => boolean;
  /** Leaves a subscriber (or MsgKey) out of the reply's result list (fault injection). */
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
