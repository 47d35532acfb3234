// In-memory Tencent-side data: apps, their official accounts and subscriber sets.
import type { EmulatorAccountSeed, EmulatorApp } from './types';

export const OFFICIAL_ACCOUNT_PREFIX = '@TOA#_';

/** Plain code-unit order, the order get_subscriber_info pages in. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class EmulatorState {
  private readonly apps = new Map<number, EmulatorApp>();
  /** sdkAppId -> official account -> subscriber id -> SubscribeTime (unix seconds). */
  private readonly accounts = new Map<number, Map<string, Map<string, number>>>();

  constructor(private readonly nowMs: () => number) {}

  /** Adding an app that exists replaces its key and admins (lets tests rotate keys). */
  addApp(app: EmulatorApp): void {
    if (!Number.isInteger(app.sdkAppId) || app.sdkAppId <= 0) throw new Error(`Invalid sdkAppId ${app.sdkAppId}`);
    this.apps.set(app.sdkAppId, { sdkAppId: app.sdkAppId, secretKey: app.secretKey, admins: [...app.admins] });
    if (!this.accounts.has(app.sdkAppId)) this.accounts.set(app.sdkAppId, new Map());
  }

  app(sdkAppId: number): EmulatorApp | undefined {
    return this.apps.get(sdkAppId);
  }

  /** Throws on seeds Tencent would never hold, so mistakes in test setup surface early. */
  addAccount(seed: EmulatorAccountSeed): void {
    const accounts = this.accounts.get(seed.sdkAppId);
    if (!accounts) throw new Error(`Unknown SDKAppID ${seed.sdkAppId}; add the app before its accounts`);
    if (!seed.officialAccount.startsWith(OFFICIAL_ACCOUNT_PREFIX)) {
      throw new Error(`Official account ID ${JSON.stringify(seed.officialAccount)} must start with ${OFFICIAL_ACCOUNT_PREFIX}`);
    }
    if (!accounts.has(seed.officialAccount)) accounts.set(seed.officialAccount, new Map());
    this.addSubscribers(seed.sdkAppId, seed.officialAccount, seed.subscribers ?? []);
  }

  hasAccount(sdkAppId: number, officialAccount: string): boolean {
    return this.accounts.get(sdkAppId)?.has(officialAccount) ?? false;
  }

  addSubscribers(sdkAppId: number, officialAccount: string, ids: string[]): void {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    const now = this.nowSeconds();
    for (const id of ids) if (!set.has(id)) set.set(id, now);
  }

  /** Returns true when the id was subscribed. */
  subscribe(sdkAppId: number, officialAccount: string, id: string): boolean {
    const set = this.subscriberMap(sdkAppId, officialAccount);
    if (set.has(id)) return false;
    set.set(id, this.nowSeconds());
    return true;
  }

  /** Returns true when the id was subscribed and is now removed. */
  unsubscribe(sdkAppId: number, officialAccount: string, id: string): boolean {
    return this.subscriberMap(sdkAppId, officialAccount).delete(id);
  }

  subscribers(sdkAppId: number, officialAccount: string): string[] {
    return [...this.subscriberMap(sdkAppId, officialAccount).keys()].sort(compareIds);
  }

  /** Sorted [id, SubscribeTime] pairs. */
  subscriberEntries(sdkAppId: number, officialAccount: string): Array<[string, number]> {
    return [...this.subscriberMap(sdkAppId, officialAccount).entries()].sort((a, b) => compareIds(a[0], b[0]));
  }

  /** account_check treats admins and subscribers of any account of the app as imported users. */
  isImported(sdkAppId: number, id: string): boolean {
    if (this.apps.get(sdkAppId)?.admins.includes(id)) return true;
    for (const set of this.accounts.get(sdkAppId)?.values() ?? []) if (set.has(id)) return true;
    return false;
  }

  private subscriberMap(sdkAppId: number, officialAccount: string): Map<string, number> {
    const set = this.accounts.get(sdkAppId)?.get(officialAccount);
    if (!set) throw new Error(`Unknown official account ${JSON.stringify(officialAccount)} in SDKAppID ${sdkAppId}; call addAccount first`);
    return set;
  }

  private nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}
