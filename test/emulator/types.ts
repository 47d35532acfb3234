// Public types of the Tencent Chat REST emulator. Other test, demo and benchmark
// code is written against these shapes, so change them only additively.

export interface EmulatorApp {
  sdkAppId: number;
  secretKey: string;
  /** Identifiers that are App admins (only admins may call the REST API). */
  admins: string[];
  /**
   * Extra (not in the original API): UserIDs imported into the app (as account_import would), besides the admins.
   * create_official_account requires its Owner_Account to be imported; see EmulatorState.isImported for the rest.
   */
  importedUsers?: string[];
}

export interface EmulatorAccountSeed {
  sdkAppId: number;
  officialAccount: string;
  subscribers?: string[];
  /** Base info of a seeded account; each defaults as noted. Owner default: the app's first admin. */
  owner?: string;
  /** Default: the ID without its @TOA#_ prefix. */
  name?: string;
  introduction?: string;
  faceUrl?: string;
  organization?: string;
  customString?: string;
  /** Default 100000. */
  maxSubscriberNum?: number;
}

/** How send_official_account_msg enforces Tencent's per-account limits; every field optional, defaults strict. */
export interface MessageLimits {
  /** Messages per account within any 1 s; default 1; 0 disables. */
  perSecond?: number;
  /** Broadcasts per account within any 3600 s; default 2; 0 disables. */
  perHour?: number;
  /** The duplicate check's window in seconds; default 300; 0 disables. */
  duplicateWindowSeconds?: number;
  /** UNCERTAIN (doc section 5 #10): 'content' (default, the doc's wording) or 'contentAndRandom' (the Java SDK's). */
  duplicateRule?: 'content' | 'contentAndRandom';
  /**
   * UNCERTAIN: what the caller of a dropped duplicate sees. 'original' (default): OK with the first message's
   * MsgKey and MsgTime, nothing delivered; 'error': ErrorCode errorCodes.duplicate (no source gives one).
   */
  duplicateReply?: 'original' | 'error';
  /**
   * Codes of the limits; defaults in handlers/messageRules.ts (10023 for both rate limits). Set 60018 / 60019 here
   * to reach the codes older versions of this emulator answered.
   */
  errorCodes?: { perSecond?: number; perHour?: number; duplicate?: number };
  /** Largest MsgBody (UTF-8 JSON bytes) accepted; more answers 80002. Default 8192 (8 KB); 0 disables. */
  maxBodyBytes?: number;
  /** Words Tencent's moderation blocks: a MsgBody containing one (any case) answers 80001. Default none. */
  blockedWords?: string[];
  /** Recall: messages older than this many seconds answer RetCode 10031 (time limit passed). Default 0: no limit (D60811). */
  recallTimeLimitSeconds?: number;
  /** Recall: the RetCode for a message recalled before. UNCERTAIN (no source); default 10030 (no such message). Set 10031 for the old behaviour. */
  alreadyRecalledRetCode?: number;
}

/** A user's profile as multiaccount_import sets it (Tencent's field names). */
export interface UserProfile {
  Nick?: string;
  FaceUrl?: string;
}

/** An official account as the emulator holds it (Tencent's field names). */
export interface OfficialAccountSnapshot {
  Official_Account: string;
  Owner_Account: string;
  Name: string;
  Introduction: string;
  FaceUrl: string;
  Organization: string;
  CustomString: string;
  MaxSubscriberNum: number;
  SubscriberNum: number;
  /** Unix seconds of the last delivered broadcast; 0 = never. */
  LastMsgTime: number;
  /** Unix seconds. */
  CreateTime: number;
}

export type SubscriberMsgFlag = 'AcceptAndNotify' | 'AcceptNotNotify' | 'Discard';

export interface SubscriberSnapshot {
  Subscriber_Account: string;
  /** Unix seconds. */
  SubscribeTime: number;
  CustomString: string;
  MsgFlag: SubscriberMsgFlag;
  LastSendMsgTime: number;
}

/** A stored broadcast. */
export interface MessageSnapshot {
  MsgSeq: number;
  /** '<MsgSeq>_1_<MsgTime>' */
  MsgKey: string;
  /** Unix seconds. */
  MsgTime: number;
  MsgRandom: number;
  MsgBody: unknown[];
  CloudCustomData: string;
  OnlineOnlyFlag: number;
  SendMsgControl: string[];
  OfflinePushInfo?: unknown;
  /** Subscribers at the time of sending (all of them; the emulator has no presence, so OnlineOnlyFlag does not narrow it). */
  recipients: number;
  recalled: boolean;
}

export interface EmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Address to listen on; default 127.0.0.1. `0.0.0.0` lets n8n in a Docker container reach it. */
  host?: string;
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
  /**
   * Where the emulator POSTs Tencent's callbacks (e.g. an n8n trigger's Production URL), when `callbacks` is not
   * given. Serialisable, so the child-process emulator and the CLI take it too. Default: none are sent.
   */
  callbackUrl?: string;
  /** The console's callback authentication token: callbacks then carry a Sign. */
  callbackToken?: string;
  /** send_official_account_msg limits; default strict (1/s, 2/h, 5-minute duplicate check). */
  messageLimits?: MessageLimits;
  /** Extra: UserIDs multiaccount_import lists in FailAccounts instead of importing them; default none. */
  failingImports?: string[];
  /**
   * Extra: add_subscriber answers Result 0 for a UserID that was never imported (UNCERTAIN: Tencent may answer 70107
   * for the whole call). Default false: any UserID may subscribe.
   */
  subscribersMustBeImported?: boolean;
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
  /** The command runs (state changes, callbacks fire), then the connection is reset instead of replying. */
  | 'lostReply'
  /** e.g. 20005, 60007, 60011, 60018, 60019, 10004, 70050 */
  | { errorCode: number; errorInfo?: string }
  /** These subscriber ids get Result 0 (not deleted / not added) in this call; MsgKeys of a recall get RetCode 10002. */
  | { resultZero: string[] }
  /** These subscriber ids (add/delete) or MsgKeys (recall) are left out of this call's result list (the reply is silent about them). */
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
  /** Per subscriber id in delete_subscriber/add_subscriber, per MsgKey in official_account_msg_recall. */
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
  /** Extra: the account as stored, or undefined when it does not exist (never created, or destroyed). */
  account(sdkAppId: number, officialAccount: string): OfficialAccountSnapshot | undefined;
  /** Extra: whether the ID belonged to an account that was destroyed (such IDs answer 130004 and cannot be reused). */
  isDestroyed(sdkAppId: number, officialAccount: string): boolean;
  /** Extra: every official account ID of the app, sorted. */
  accountIds(sdkAppId: number): string[];
  /** Extra: subscribers with their SubscribeTime, CustomString and MsgFlag, sorted by ID. */
  subscriberDetails(sdkAppId: number, officialAccount: string): SubscriberSnapshot[];
  /** Extra: sets a subscriber's CustomString and/or MsgFlag (MsgFlag has no REST command). */
  setSubscriberInfo(sdkAppId: number, officialAccount: string, subscriber: string, info: { CustomString?: string; MsgFlag?: SubscriberMsgFlag }): void;
  /** Extra: the account's stored broadcasts, oldest first, recalled ones included (flagged). */
  messages(sdkAppId: number, officialAccount: string): MessageSnapshot[];
  /** Extra: distinct broadcasts delivered (duplicates dropped and silently discarded sends are not counted); all accounts when omitted. */
  deliveryCount(sdkAppId: number, officialAccount?: string): number;
  /** Extra: replaces the given message limits (others keep their values). */
  setMessageLimits(limits: MessageLimits): void;
  /** Extra: marks UserIDs as imported into the app (as account_import would). */
  importUsers(sdkAppId: number, ids: string[]): void;
  /** Extra: whether the UserID is a user of the app (what account_check answers). */
  isImported(sdkAppId: number, id: string): boolean;
  /** Extra: the Nick and FaceUrl multiaccount_import last set for the user, if any. */
  userProfile(sdkAppId: number, id: string): UserProfile | undefined;
  /** Extra: replaces the UserIDs multiaccount_import lists in FailAccounts instead of importing them. */
  setFailingImports(ids: string[]): void;
  resetCalls(): void;
  /** Max number of arrivals in any half-open window [t, t+windowMs). */
  maxCallsInWindow(windowMs?: number, filter?: (c: CallRecord) => boolean): number;
  /** Points the callbacks at this URL and token (no URL: send none). Has no effect when options.callbacks was given. */
  setCallback(url: string | undefined, token?: string): void;
  /** Every callback sent so far, with its reply (a live array, like `calls`). */
  callbackLog: import('./callbacks').CallbackRecord[];
  /** Resolves once every callback sent so far has its reply (or failed). */
  callbacksSettled(): Promise<void>;
  /** Closes the server and all sockets (keep-alive too). */
  stop(): Promise<void>;
}
