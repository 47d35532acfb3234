// Sends Tencent's third-party callbacks (webhooks) the way Tencent Chat does: POST to the app's callback URL
// with the query `SdkAppid, CallbackCommand, contenttype=json, ClientIP, OptPlatform, RequestTime[, Sign]`
// and a JSON body carrying CallbackCommand and EventTime (ms). Written from Tencent's docs independently of
// the node's contract file (nodes/.../tencent/callbacks.ts), so a mistake there is not mirrored here.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { EmulatorCallbacks } from './handlers/context';

/** Tencent waits this long for a Before callback's reply (documented for Before Send Message; fixed). */
export const CALLBACK_TIMEOUT_MS = 2000;
/** The caller's address; REST calls reach the emulator from this machine. */
const CLIENT_IP = '127.0.0.1';
const OPT_PLATFORM_REST = 'RESTAPI';

export interface CallbackRecord {
  seq: number;
  kind: 'before' | 'after';
  command: string;
  sdkAppId: number;
  /** The URL as sent, minus the Sign. */
  url: string;
  /** The body as sent (with CallbackCommand and EventTime). */
  body: Record<string, unknown>;
  signed: boolean;
  /** performance.timeOrigin + performance.now(), as the call log. */
  sentAtMs: number;
  repliedAtMs?: number;
  httpStatus?: number;
  /** The reply's JSON, or its text when it is not JSON. */
  reply?: unknown;
  /** 'timeout' or the network error, when no reply came. */
  error?: string;
}

export interface CallbackTarget {
  url?: string;
  token?: string;
}

function nowMsPrecise(): number {
  return performance.timeOrigin + performance.now();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tencent's Sign: lower-case hex SHA-256 of token + RequestTime. */
export function tencentCallbackSign(token: string, requestTime: string): string {
  return createHash('sha256').update(token + requestTime, 'utf8').digest('hex');
}

/**
 * One sender per emulator; `forApp` gives the EmulatorCallbacks a handler gets for a call of that app.
 * Without a URL nothing is sent or logged (the handlers then behave as if no callback were configured).
 */
export class CallbackSender {
  readonly log: CallbackRecord[] = [];
  private target: CallbackTarget;
  private nextSeq = 1;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(target: CallbackTarget = {}, private readonly clockMs: () => number = Date.now) {
    this.target = { ...target };
  }

  setTarget(url: string | undefined, token?: string): void {
    this.target = { url, token };
  }

  /** Resolves once every callback sent so far has its reply (or failed). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  forApp(sdkAppId: number): EmulatorCallbacks {
    return {
      after: (command, body) => {
        void this.send('after', sdkAppId, command, body);
      },
      before: async (command, body) => {
        const record = await this.send('before', sdkAppId, command, body);
        if (record?.httpStatus !== 200 || !isRecord(record.reply)) return undefined;
        return record.reply;
      },
    };
  }

  private send(kind: CallbackRecord['kind'], sdkAppId: number, command: string, body: Record<string, unknown>): Promise<CallbackRecord | undefined> {
    const { url, token } = this.target;
    if (!url) return Promise.resolve(undefined);
    const requestTime = String(Math.floor(this.clockMs() / 1000));
    const target = new URL(url);
    target.searchParams.set('SdkAppid', String(sdkAppId));
    target.searchParams.set('CallbackCommand', command);
    target.searchParams.set('contenttype', 'json');
    target.searchParams.set('ClientIP', CLIENT_IP);
    target.searchParams.set('OptPlatform', OPT_PLATFORM_REST);
    target.searchParams.set('RequestTime', requestTime);
    const loggedUrl = target.toString();
    if (token) target.searchParams.set('Sign', tencentCallbackSign(token, requestTime));
    const sentBody = { CallbackCommand: command, ...body, EventTime: body.EventTime ?? this.clockMs() };
    const record: CallbackRecord = {
      seq: this.nextSeq++,
      kind,
      command,
      sdkAppId,
      url: loggedUrl,
      body: sentBody,
      signed: Boolean(token),
      sentAtMs: nowMsPrecise(),
    };
    this.log.push(record);
    const delivery = this.deliver(target, record).then(() => record);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  private async deliver(target: URL, record: CallbackRecord): Promise<void> {
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(record.body),
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      });
      const text = await response.text();
      record.httpStatus = response.status;
      try {
        record.reply = JSON.parse(text) as unknown;
      } catch {
        record.reply = text;
      }
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      record.error = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : String((error as Error)?.message ?? error);
    } finally {
      record.repliedAtMs = nowMsPrecise();
    }
  }
}
