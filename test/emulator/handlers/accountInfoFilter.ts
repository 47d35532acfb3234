// ResponseFilter handling shared by get_official_account_info and get_subscribed_official_account_list.
import type { AccountRecord } from '../state';
import { isRecord } from './context';
import { INVALID_VALUE_ERROR, MALFORMED_PACKET_ERROR, objectWith, reject } from './validate';

/** The values OfficialAccountBaseInfoFilter accepts (doc section 2.4); also every field returned when it is absent. */
export const BASE_INFO_FILTER_VALUES = [
  'CreateTime',
  'Name',
  'Owner_Account',
  'LastMsgTime',
  'SubscriberNum',
  'Introduction',
  'FaceUrl',
  'Organization',
  'CustomString',
] as const;
export type BaseInfoFilterValue = (typeof BASE_INFO_FILTER_VALUES)[number];

export const SELF_INFO_FILTER_VALUES = ['SubscribeTime', 'CustomString'] as const;
export type SelfInfoFilterValue = (typeof SELF_INFO_FILTER_VALUES)[number];

/** A filter list: absent → every allowed value; each entry must be one of them (6017), duplicates collapse. */
export function readFilterList<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (value === undefined) return [...allowed];
  if (!Array.isArray(value)) reject(MALFORMED_PACKET_ERROR, `${field} must be an array of strings.`);
  const picked = new Set<T>();
  for (const entry of value) {
    if (typeof entry !== 'string') reject(MALFORMED_PACKET_ERROR, `${field} must be an array of strings.`);
    if (!(allowed as readonly string[]).includes(entry)) {
      reject(INVALID_VALUE_ERROR, `${field} has an unknown value ${JSON.stringify(entry)}; allowed: ${allowed.join(', ')}.`);
    }
    picked.add(entry as T);
  }
  return allowed.filter((name) => picked.has(name));
}

/** The ResponseFilter object with the given filter keys; absent → {}. */
export function readResponseFilter(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const value = body.ResponseFilter;
  if (value === undefined) return {};
  if (!isRecord(value)) reject(MALFORMED_PACKET_ERROR, 'ResponseFilter must be an object.');
  return objectWith(value, keys, 'ResponseFilter');
}

/** The account's base info reduced to the filter, in the filter's canonical order. */
export function baseInfo(account: AccountRecord, fields: readonly BaseInfoFilterValue[]): Record<string, unknown> {
  const all: Record<BaseInfoFilterValue, unknown> = {
    CreateTime: account.CreateTime,
    Name: account.Name,
    Owner_Account: account.Owner_Account,
    LastMsgTime: account.LastMsgTime,
    SubscriberNum: account.subscribers.size,
    Introduction: account.Introduction,
    FaceUrl: account.FaceUrl,
    Organization: account.Organization,
    CustomString: account.CustomString,
  };
  return Object.fromEntries(fields.map((field) => [field, all[field]]));
}
