// Seed data for the CLI: the built-in demo seed and a validating reader for seed files.
import type { EmulatorAccountSeed, EmulatorApp } from './types';
import { DEFAULT_APP } from './types';

/**
 * Seed file shape: {"apps"?: EmulatorApp[] (default [DEFAULT_APP]), "accounts"?: EmulatorAccountSeed[]}; apps may list
 * importedUsers, accounts may give owner, name, introduction, faceUrl, organization, customString, maxSubscriberNum.
 */
export interface EmulatorSeed {
  apps: EmulatorApp[];
  accounts: EmulatorAccountSeed[];
}

function demoUserIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `user${String(index + 1).padStart(3, '0')}`);
}

/** DEFAULT_APP plus @TOA#_demo_news with subscribers user001..user100. */
export const DEMO_SEED: EmulatorSeed = {
  apps: [DEFAULT_APP],
  accounts: [{ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: '@TOA#_demo_news', subscribers: demoUserIds(100) }],
};

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function parseApp(value: unknown, where: string): EmulatorApp {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (!Number.isInteger(v.sdkAppId)) throw new Error(`${where}.sdkAppId must be an integer`);
  if (typeof v.secretKey !== 'string' || v.secretKey === '') throw new Error(`${where}.secretKey must be a non-empty string`);
  if (!isStringArray(v.admins)) throw new Error(`${where}.admins must be an array of strings`);
  if (v.importedUsers !== undefined && !isStringArray(v.importedUsers)) throw new Error(`${where}.importedUsers must be an array of strings`);
  return { sdkAppId: v.sdkAppId as number, secretKey: v.secretKey, admins: v.admins, ...(v.importedUsers ? { importedUsers: v.importedUsers } : {}) };
}

const ACCOUNT_TEXT_FIELDS = ['owner', 'name', 'introduction', 'faceUrl', 'organization', 'customString'] as const;

function parseAccount(value: unknown, where: string): EmulatorAccountSeed {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (!Number.isInteger(v.sdkAppId)) throw new Error(`${where}.sdkAppId must be an integer`);
  if (typeof v.officialAccount !== 'string') throw new Error(`${where}.officialAccount must be a string`);
  if (v.subscribers !== undefined && !isStringArray(v.subscribers)) throw new Error(`${where}.subscribers must be an array of strings`);
  const account: EmulatorAccountSeed = { sdkAppId: v.sdkAppId as number, officialAccount: v.officialAccount, subscribers: v.subscribers };
  for (const field of ACCOUNT_TEXT_FIELDS) {
    const value = v[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new Error(`${where}.${field} must be a string`);
    account[field] = value;
  }
  if (v.maxSubscriberNum !== undefined) {
    if (!Number.isInteger(v.maxSubscriberNum) || (v.maxSubscriberNum as number) < 1) throw new Error(`${where}.maxSubscriberNum must be a positive integer`);
    account.maxSubscriberNum = v.maxSubscriberNum as number;
  }
  return account;
}

/**
 * `count` accounts @TOA#_demo_1 … of the app, each followed by `subscribers` users user0001 … (the same users for
 * every account, so a user's subscription list has `count` entries). For `npm run emulator -- --accounts N --subscribers M`.
 */
export function generatedAccounts(sdkAppId: number, count: number, subscribers: number): EmulatorAccountSeed[] {
  const width = Math.max(4, String(subscribers).length);
  const ids = Array.from({ length: subscribers }, (_, index) => `user${String(index + 1).padStart(width, '0')}`);
  return Array.from({ length: count }, (_, index) => ({
    sdkAppId,
    officialAccount: `@TOA#_demo_${index + 1}`,
    name: `Demo account ${index + 1}`,
    subscribers: ids,
  }));
}

/** Throws with the path of the first bad field, so a broken seed file is easy to fix. */
export function parseSeedFile(jsonText: string): EmulatorSeed {
  const parsed: unknown = JSON.parse(jsonText);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('Seed file must hold a JSON object');
  const seed = parsed as Record<string, unknown>;
  const apps = seed.apps === undefined ? [DEFAULT_APP] : seed.apps;
  const accounts = seed.accounts ?? [];
  if (!Array.isArray(apps)) throw new Error('apps must be an array');
  if (!Array.isArray(accounts)) throw new Error('accounts must be an array');
  return {
    apps: apps.map((app, index) => parseApp(app, `apps[${index}]`)),
    accounts: accounts.map((account, index) => parseAccount(account, `accounts[${index}]`)),
  };
}
