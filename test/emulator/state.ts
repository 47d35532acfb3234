// In-memory Tencent-side data: apps, their official accounts (base info, subscribers, message history),
// destroyed account IDs and imported users. Handlers validate requests; this class only stores and answers.
import { mulberry32 } from './prng';
import type {
  EmulatorAccountSeed,
  EmulatorApp,
  MessageLimits,
  MessageSnapshot,
  OfficialAccountSnapshot,
  SubscriberMsgFlag,
  SubscriberSnapshot,
  UserProfile,
} from './types';

export const OFFICIAL_ACCOUNT_PREFIX = '@TOA#_';
/** System-assigned IDs look like '@TOA#_@TOA#dOEF' (doc section 1); custom IDs may not start with this. */
export const GENERATED_ID_PREFIX = '@TOA#_@TOA#';
export const DEFAULT_MAX_SUBSCRIBER_NUM = 100000;
const GENERATED_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const GENERATED_ID_LENGTH = 9;

/** Plain code-unit order, the order get_subscriber_info pages in. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Base-info fields a create or modify call may set. */
export interface AccountBaseInfo {
  Name: string;
  Introduction: string;
  FaceUrl: string;
  Organization: string;
  CustomString: string;
  MaxSubscriberNum: number;
}

interface SubscriberRecord {
  SubscribeTime: number;
  CustomString: string;
  MsgFlag: SubscriberMsgFlag;
  LastSendMsgTime: number;
}

export interface AccountRecord extends AccountBaseInfo {
  Official_Account: string;
  Owner_Account: string;
  LastMsgTime: number;
  CreateTime: number;
  subscribers: Map<string, SubscriberRecord>;
  /** Oldest first; MsgSeq ascending. */
  messages: MessageSnapshot[];
  nextMsgSeq: number;
  /** The delivered sends of the last hour or so, for the 1/s, 2/h and duplicate checks (pruned as they age). */
  recentSends: RecentSend[];
}

export interface RecentSend {
  atMs: number;
  /** JSON of the MsgBody as the caller sent it (before any BeforeSendMsg replacement). */
  content: string;
  random: number;
  MsgKey: string;
  MsgTime: number;
}

interface AppRecord {
  app: EmulatorApp;
  accounts: Map<string, AccountRecord>;
  destroyed: Set<string>;
  imported: Set<string>;
  /** Official account -> broadcasts delivered (kept when the account is destroyed). */
  deliveries: Map<string, number>;
}

export class EmulatorState {
  private readonly apps = new Map<number, AppRecord>();
  private readonly idDice: () => number;
  /** send_official_account_msg limits as configured (defaults applied where they are used). */
  messageLimits: MessageLimits = {};

  constructor(
    readonly nowMs: () => number,
    idSeed = 1,
  ) {
    this.idDice = mulberry32(idSeed ^ 0x5eed);
  }

  /** Adding an app that exists replaces its key and admins (lets tests rotate keys); its data stays. */
  addApp(app: EmulatorApp): void {
    if (!Number.isInteger(app.sdkAppId) || app.sdkAppId <= 0) throw new Error(`Invalid sdkAppId ${app.sdkAppId}`);
    const copy: EmulatorApp = { sdkAppId: app.sdkAppId, secretKey: app.secretKey, admins: [...app.admins] };
    const existing = this.apps.get(app.sdkAppId);
    if (existing) existing.app = copy;
    else this.apps.set(app.sdkAppId, { app: copy, accounts: new Map(), destroyed: new Set(), imported: new Set(), deliveries: new Map() });
    this.importUsers(app.sdkAppId, app.importedUsers ?? []);
  }

  app(sdkAppId: number): EmulatorApp | undefined {
    return this.apps.get(sdkAppId)?.app;
  }

  /** Throws on seeds Tencent would never hold, so mistakes in test setup surface early. Extends an existing account. */
  addAccount(seed: EmulatorAccountSeed): void {
    const app = this.appRecord(seed.sdkAppId);
    if (!seed.officialAccount.startsWith(OFFICIAL_ACCOUNT_PREFIX)) {
      throw new Error(`Official account ID ${JSON.stringify(seed.officialAccount)} must start with ${OFFICIAL_ACCOUNT_PREFIX}`);
    }
    if (!app.accounts.has(seed.officialAccount)) {
      const owner = seed.owner ?? app.app.admins[0] ?? 'administrator';
      this.importUsers(seed.sdkAppId, [owner]);
      this.createAccount(seed.sdkAppId, seed.officialAccount, owner, {
        Name: seed.name ?? seed.officialAccount.slice(OFFICIAL_ACCOUNT_PREFIX.length),
        Introduction: seed.introduction ?? '',
        FaceUrl: seed.faceUrl ?? '',
        Organization: seed.organization ?? '',
        CustomString: seed.customString ?? '',
        MaxSubscriberNum: seed.maxSubscriberNum ?? DEFAULT_MAX_SUBSCRIBER_NUM,
      });
      app.destroyed.delete(seed.officialAccount);
    }
    this.addSubscribers(seed.sdkAppId, seed.officialAccount, seed.subscribers ?? []);
  }

  createAccount(sdkAppId: number, officialAccount: string, owner: string, info: AccountBaseInfo): AccountRecord {
    const record: AccountRecord = {
      Official_Account: officialAccount,
      Owner_Account: owner,
      ...info,
      LastMsgTime: 0,
      CreateTime: this.nowSeconds(),
      subscribers: new Map(),
      messages: [],
      nextMsgSeq: 1,
      recentSends: [],
    };
    this.appRecord(sdkAppId).accounts.set(officialAccount, record);
    return record;
  }

  /** Removes the account and remembers its ID (130004 from then on; never reused). */
  destroyAccount(sdkAppId: number, officialAccount: string): AccountRecord | undefined {
    const app = this.appRecord(sdkAppId);
    const record = app.accounts.get(officialAccount);
    if (!record) return undefined;
    app.accounts.delete(officialAccount);
    app.destroyed.add(officialAccount);
    return record;
  }

  /** A fresh '@TOA#_@TOA#XXXXXXXXX' ID no account of the app has had (seeded, so runs repeat). */
  generateAccountId(sdkAppId: number): string {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < GENERATED_ID_LENGTH; i++) suffix += GENERATED_ID_ALPHABET[Math.floor(this.idDice() * GENERATED_ID_ALPHABET.length)];
      const id = GENERATED_ID_PREFIX + suffix;
      if (!this.isIdTaken(sdkAppId, id)) return id;
    }
  }

  /** Taken by a live account or by one that was destroyed. */
  isIdTaken(sdkAppId: number, officialAccount: string): boolean {
    const app = this.apps.get(sdkAppId);
    return (app?.accounts.has(officialAccount) ?? false) || (app?.destroyed.has(officialAccount) ?? false);
  }

  hasAccount(sdkAppId: number, officialAccount: string): boolean {
    return this.apps.get(sdkAppId)?.accounts.has(officialAccount) ?? false;
  }

  isDestroyed(sdkAppId: number, officialAccount: string): boolean {
    return this.apps.get(sdkAppId)?.destroyed.has(officialAccount) ?? false;
  }

  /** The live record (handlers mutate it); undefined for unknown or destroyed accounts. */
  accountRecord(sdkAppId: number, officialAccount: string): AccountRecord | undefined {
    return this.apps.get(sdkAppId)?.accounts.get(officialAccount);
  }

  accountIds(sdkAppId: number): string[] {
    return [...(this.apps.get(sdkAppId)?.accounts.keys() ?? [])].sort(compareIds);
  }

  accountSnapshot(sdkAppId: number, officialAccount: string): OfficialAccountSnapshot | undefined {
    const record = this.accountRecord(sdkAppId, officialAccount);
    if (!record) return undefined;
    return {
      Official_Account: record.Official_Account,
      Owner_Account: record.Owner_Account,
      Name: record.Name,
      Introduction: record.Introduction,
      FaceUrl: record.FaceUrl,
      Organization: record.Organization,
      CustomString: record.CustomString,
      MaxSubscriberNum: record.MaxSubscriberNum,
      SubscriberNum: record.subscribers.size,
      LastMsgTime: record.LastMsgTime,
      CreateTime: record.CreateTime,
    };
  }

  /** Test seeding: ignores MaxSubscriberNum and callbacks. */
  addSubscribers(sdkAppId: number, officialAccount: string, ids: string[]): void {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    const now = this.nowSeconds();
    for (const id of ids) if (!set.has(id)) set.set(id, newSubscriber(now));
    this.sortedIds.delete(set);
  }

  /** Returns true when the id was subscribed. */
  subscribe(sdkAppId: number, officialAccount: string, id: string): boolean {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    if (set.has(id)) return false;
    set.set(id, newSubscriber(this.nowSeconds()));
    this.sortedIds.delete(set);
    return true;
  }

  /** Returns true when the id was subscribed and is now removed. */
  unsubscribe(sdkAppId: number, officialAccount: string, id: string): boolean {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    this.sortedIds.delete(set);
    return set.delete(id);
  }

  /**
   * The account's subscriber IDs, sorted; kept until the next change, so reading 20 000 subscribers in pages
   * of 200 does not sort and copy all of them for every page (which made the emulator's own time per page
   * part of a benchmark's round trip). Callers must not change the array.
   */
  sortedSubscriberIds(sdkAppId: number, officialAccount: string): readonly string[] {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    let ids = this.sortedIds.get(set);
    if (!ids) {
      ids = [...set.keys()].sort(compareIds);
      this.sortedIds.set(set, ids);
    }
    return ids;
  }

  /** Copies of the given subscribers' records (IDs that do not subscribe are left out). */
  subscriberDetailsOf(sdkAppId: number, officialAccount: string, ids: readonly string[]): SubscriberSnapshot[] {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    return ids.flatMap((id) => {
      const record = set.get(id);
      return record ? [{ Subscriber_Account: id, ...record }] : [];
    });
  }

  isSubscribed(sdkAppId: number, officialAccount: string, id: string): boolean {
    return this.subscriberMap(sdkAppId, officialAccount).has(id);
  }

  subscribers(sdkAppId: number, officialAccount: string): string[] {
    return [...this.subscriberMap(sdkAppId, officialAccount).keys()].sort(compareIds);
  }

  /** Sorted [id, SubscribeTime] pairs. */
  subscriberEntries(sdkAppId: number, officialAccount: string): Array<[string, number]> {
    return this.subscriberDetails(sdkAppId, officialAccount).map((s) => [s.Subscriber_Account, s.SubscribeTime]);
  }

  /** Sorted by ID; copies, so callers cannot change the state through them. */
  subscriberDetails(sdkAppId: number, officialAccount: string): SubscriberSnapshot[] {
    return [...this.subscriberMap(sdkAppId, officialAccount).entries()]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([id, record]) => ({ Subscriber_Account: id, ...record }));
  }

  /** Throws when the user is not a subscriber (test setup mistake). */
  setSubscriberInfo(sdkAppId: number, officialAccount: string, id: string, info: { CustomString?: string; MsgFlag?: SubscriberMsgFlag }): void {
    const record = this.subscriberMap(sdkAppId, officialAccount).get(id);
    if (!record) throw new Error(`${JSON.stringify(id)} does not subscribe to ${officialAccount}`);
    if (info.CustomString !== undefined) record.CustomString = info.CustomString;
    if (info.MsgFlag !== undefined) record.MsgFlag = info.MsgFlag;
  }

  /** Accounts the user subscribes to, sorted by account ID, with the user's own subscription data. */
  subscriptionsOf(sdkAppId: number, id: string): Array<{ account: AccountRecord; SubscribeTime: number; CustomString: string }> {
    const found = [];
    for (const account of this.apps.get(sdkAppId)?.accounts.values() ?? []) {
      const own = account.subscribers.get(id);
      if (own) found.push({ account, SubscribeTime: own.SubscribeTime, CustomString: own.CustomString });
    }
    return found.sort((a, b) => compareIds(a.account.Official_Account, b.account.Official_Account));
  }

  messages(sdkAppId: number, officialAccount: string): MessageSnapshot[] {
    const record = this.accountRecord(sdkAppId, officialAccount);
    if (!record) throw new Error(`Unknown official account ${JSON.stringify(officialAccount)} in SDKAppID ${sdkAppId}`);
    return record.messages.map((message) => ({ ...message, MsgBody: structuredClone(message.MsgBody) }));
  }

  setMessageLimits(limits: MessageLimits): void {
    this.messageLimits = { ...this.messageLimits, ...limits, errorCodes: { ...this.messageLimits.errorCodes, ...limits.errorCodes } };
  }

  /** Stores a delivered broadcast and counts it. */
  recordDelivery(sdkAppId: number, account: AccountRecord, message: MessageSnapshot, send: RecentSend): void {
    account.messages.push(message);
    account.recentSends.push(send);
    account.LastMsgTime = message.MsgTime;
    const deliveries = this.appRecord(sdkAppId).deliveries;
    deliveries.set(account.Official_Account, (deliveries.get(account.Official_Account) ?? 0) + 1);
  }

  deliveryCount(sdkAppId: number, officialAccount?: string): number {
    const deliveries = this.apps.get(sdkAppId)?.deliveries;
    if (!deliveries) return 0;
    if (officialAccount !== undefined) return deliveries.get(officialAccount) ?? 0;
    let total = 0;
    for (const count of deliveries.values()) total += count;
    return total;
  }

  importUsers(sdkAppId: number, ids: string[]): void {
    const imported = this.appRecord(sdkAppId).imported;
    for (const id of ids) imported.add(id);
  }

  /** Extra: UserIDs multiaccount_import lists in FailAccounts instead of importing them (tests of partial failure). */
  readonly failingImports = new Set<string>();

  /**
   * Extra: add_subscriber answers Result 0 for a UserID that is not imported. UNCERTAIN (doc section 2.6): Tencent
   * may answer a top-level 70107 instead. Off by default, so that tests may subscribe any ID without importing it.
   */
  subscribersMustBeImported = false;

  private readonly profiles = new Map<number, Map<string, UserProfile>>();

  /** multiaccount_import: an existing user's Nick and FaceUrl are replaced by the ones given (doc section 9). */
  importUser(sdkAppId: number, id: string, profile: UserProfile): void {
    this.importUsers(sdkAppId, [id]);
    if (profile.Nick === undefined && profile.FaceUrl === undefined) return;
    let users = this.profiles.get(sdkAppId);
    if (!users) {
      users = new Map();
      this.profiles.set(sdkAppId, users);
    }
    users.set(id, { ...users.get(id), ...profile });
  }

  userProfile(sdkAppId: number, id: string): UserProfile | undefined {
    const profile = this.profiles.get(sdkAppId)?.get(id);
    return profile && { ...profile };
  }

  /**
   * Imported = an admin, a user given in importedUsers / importUsers(), an account owner, or a subscriber of any
   * account of the app (subscribing on Tencent needs an imported user, so seeded subscribers must be imported).
   */
  isImported(sdkAppId: number, id: string): boolean {
    const app = this.apps.get(sdkAppId);
    if (!app) return false;
    if (app.app.admins.includes(id) || app.imported.has(id)) return true;
    for (const account of app.accounts.values()) if (account.Owner_Account === id || account.subscribers.has(id)) return true;
    return false;
  }

  private appRecord(sdkAppId: number): AppRecord {
    const app = this.apps.get(sdkAppId);
    if (!app) throw new Error(`Unknown SDKAppID ${sdkAppId}; add the app before its accounts`);
    return app;
  }

  private subscriberMap(sdkAppId: number, officialAccount: string): Map<string, SubscriberRecord> {
    const account = this.accountRecord(sdkAppId, officialAccount);
    if (!account) throw new Error(`Unknown official account ${JSON.stringify(officialAccount)} in SDKAppID ${sdkAppId}; call addAccount first`);
    return account.subscribers;
  }

  /** Sorted IDs per subscriber map, dropped on every change to that map. */
  private readonly sortedIds = new WeakMap<Map<string, SubscriberRecord>, string[]>();

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

function newSubscriber(now: number): SubscriberRecord {
  return { SubscribeTime: now, CustomString: '', MsgFlag: 'AcceptAndNotify', LastSendMsgTime: 0 };
}
