// Public types of the Tencent Chat REST emulator. Other test, demo and benchmark
// code is written against these shapes, so change them only additively.

export interface EmulatorApp {
  sdkAppId: number;
  secretKey: string;
  /** Identifiers that are App admins (only admins may call the REST API). */
  admins: string[];
}

export interface EmulatorAccountSeed {
  sdkAppId: number;
  officialAccount: string;
  subscribers?: string[];
}

export interface EmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Serve HTTPS with this PEM key and certificate (for 127.0.0.1) instead of plain HTTP; default plain HTTP. */
  tls?: { key: string; cert: string };
  /** Default: [DEFAULT_APP]. */
  apps?: EmulatorApp[];
  /** Default: []. */
  accounts?: EmulatorAccountSeed[];
  /** Ids per delete_subscriber/add_subscriber call; default 100; more -> ErrorCode 6017. */
  maxIdsPerCall?: number;
  /** Per SDKAppID, sliding 1 s window; default 200; 0 disables. */
  rateLimitPerSecond?: number;
  /** Added before replying to each call; default 0. */
  latencyMs?: number;
  /** Clock for UserSig expiry checks and subscribe times; default Date.now. */
  nowMs?: () => number;
  /** PRNG seed for fault rates; default 1. */
  seed?: number;
  /**
   * Where the emulator sends Tencent's third-party callbacks (see handlers/context.ts EmulatorCallbacks).
   * Default: none are sent. Not serialisable, so the child-process emulator builds its own from plain options.
   */
  callbacks?: import('./handlers/context').EmulatorCallbacks;
  /** Extra (not in the original API): called once per call when its outcome is final. Used by the CLI to log. */
  onCallComplete?: (call: CallRecord) => void;
}

export const DEFAULT_APP: EmulatorApp = {
  sdkAppId: 1400000000,
  secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
  admins: ['administrator'],
};

export type CallOutcome = 'ok' | 'error' | 'http502' | 'socketReset' | 'rateLimited';

export interface CallRecord {
  seq: number;
  /** Arrival time (performance.timeOrigin + performance.now()), taken when the request arrives. */
  atMs: number;
  repliedAtMs?: number;
  method: string;
  /** e.g. '/v4/official_account_open_http_svc/delete_subscriber' (never includes the query, so never the usersig). */
  path: string;
  /** e.g. 'official_account_open_http_svc/delete_subscriber' */
  command: string;
  sdkAppId?: number;
  identifier?: string;
  random?: string;
  contenttype?: string;
  /** Parsed JSON body, or the raw string if unparsable. */
  body: unknown;
  /** Provisional ('ok') while the call is in flight; final once repliedAtMs is set. */
  outcome: CallOutcome;
  httpStatus?: number;
  /** The JSON reply when one was sent. */
  reply?: unknown;
  /** ErrorCode of the reply. */
  errorCode?: number;
}

export type ScriptedFault =
  | 'ok'
  | 'http502'
  | 'socketReset'
  | 'expired70001'
  /** e.g. 20005, 60007, 60011, 60018, 60019, 10004, 70050 */
  | { errorCode: number; errorInfo?: string }
  /** These subscriber ids get Result 0 (not deleted / not added) in this call. */
  | { resultZero: string[] }
  /** These subscriber ids are left out of this call's SubscriberList (the reply is silent about them). */
  | { omitResults: string[] }
  /** This call only is delayed by this much, on top of the global latency. */
  | { latencyMs: number };

export interface FaultRates {
  http502?: number;
  socketReset?: number;
  error20005?: number;
  /** Replies 60007. */
  throttle?: number;
  expired70001?: number;
  /** Per subscriber id in delete_subscriber/add_subscriber. */
  resultZero?: number;
}

export interface TencentChatEmulator {
  /** 'http://127.0.0.1:PORT', or 'https://…' with the tls option (no trailing slash). */
  url: string;
  port: number;
  /** Every request, in arrival order. */
  calls: CallRecord[];
  setLatency(ms: number): void;
  /** Probabilities 0..1 applied per call (resultZero per subscriber), deterministic PRNG. */
  setRates(rates: FaultRates): void;
  /** Queue consumed one entry per authenticated call of that command; scripted entries take precedence over rates. */
  script(command: string, faults: ScriptedFault[]): void;
  clearFaults(): void;
  addApp(app: EmulatorApp): void;
  addAccount(seed: EmulatorAccountSeed): void;
  addSubscribers(sdkAppId: number, officialAccount: string, ids: string[]): void;
  /** Current set, sorted. */
  subscribers(sdkAppId: number, officialAccount: string): string[];
  resetCalls(): void;
  /** Max number of arrivals in any half-open window [t, t+windowMs). */
  maxCallsInWindow(windowMs?: number, filter?: (c: CallRecord) => boolean): number;
  /** Closes the server and all sockets (keep-alive too). */
  stop(): Promise<void>;
}
