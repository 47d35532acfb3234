// Signed REST calls to an emulator for the emulator's own tests, and a recording fake of the callback sender.
import { Agent, request } from 'undici';
import type { EmulatorCallbacks } from './handlers';
import { DEFAULT_APP } from './types';
import { signUserSigForTests } from './verifyUserSig';

export const OA = 'official_account_open_http_svc';

export interface Reply {
  status: number;
  json: Record<string, unknown>;
}

export interface EmulatorClient {
  /** POSTs `body` to /v4/<command> as DEFAULT_APP's admin, signed for the clock's current time. */
  call(command: string, body: unknown): Promise<Reply>;
  /** call() for `${OA}/<name>`. */
  oa(name: string, body: unknown): Promise<Reply>;
  /** Idempotent. */
  close(): Promise<void>;
}

export function emulatorClient(url: () => string, nowSeconds: () => number): EmulatorClient {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 50 });
  const app = DEFAULT_APP;
  const admin = app.admins[0] as string;
  async function call(command: string, body: unknown): Promise<Reply> {
    const userSig = signUserSigForTests(app.sdkAppId, app.secretKey, admin, 86400, nowSeconds());
    const query = `sdkappid=${app.sdkAppId}&identifier=${admin}&usersig=${encodeURIComponent(userSig)}&random=7&contenttype=json`;
    const response = await request(`${url()}/v4/${command}?${query}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      dispatcher,
    });
    const text = await response.body.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Non-JSON replies (502) leave json empty; tests check status.
    }
    return { status: response.statusCode, json };
  }
  let closed: Promise<void> | undefined;
  return { call, oa: (name, body) => call(`${OA}/${name}`, body), close: () => (closed ??= dispatcher.close()) };
}

export interface RecordedCallback {
  kind: 'before' | 'after';
  command: string;
  body: Record<string, unknown>;
}

/**
 * A callback sender that records what the handlers raise. `replies` answers Before callbacks by command
 * (a function may inspect the body); no entry means "no callback configured" (undefined).
 */
export function recordingCallbacks(
  replies: Record<string, Record<string, unknown> | ((body: Record<string, unknown>) => Record<string, unknown> | undefined)> = {},
): { events: RecordedCallback[]; callbacks: EmulatorCallbacks; of(command: string): RecordedCallback[] } {
  const events: RecordedCallback[] = [];
  const callbacks: EmulatorCallbacks = {
    after(command, body) {
      events.push({ kind: 'after', command, body: structuredClone(body) });
    },
    async before(command, body) {
      events.push({ kind: 'before', command, body: structuredClone(body) });
      const reply = replies[command];
      return typeof reply === 'function' ? reply(body) : reply;
    },
  };
  return { events, callbacks, of: (command) => events.filter((event) => event.command.endsWith(command)) };
}
