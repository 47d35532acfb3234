// Base-info fields shared by create_official_account and modify_official_account_base_info.
import type { AccountBaseInfo } from '../state';
import { BYTE_LIMITS, MAX_SUBSCRIBER_NUM_CEILING } from './limits';
import { INVALID_VALUE_ERROR, optionalInteger, optionalString, reject } from './validate';

export const BASE_INFO_FIELDS = ['Name', 'Introduction', 'FaceUrl', 'Organization', 'CustomString', 'MaxSubscriberNum'] as const;

/** The base-info fields present in the body, checked (types 20001, byte limits 6017); absent ones are left out. */
export function readBaseInfo(body: Record<string, unknown>): Partial<AccountBaseInfo> {
  const info: Partial<AccountBaseInfo> = {};
  for (const field of ['Name', 'Introduction', 'FaceUrl', 'Organization', 'CustomString'] as const) {
    const value = optionalString(body, field, BYTE_LIMITS[field]);
    if (value !== undefined) info[field] = value;
  }
  // UNCERTAIN whether Tencent allows an empty name; an account without one would be unlisted in every client.
  if (info.Name === '') reject(INVALID_VALUE_ERROR, 'Name must not be empty.');
  const maxSubscriberNum = optionalInteger(body, 'MaxSubscriberNum', 1, MAX_SUBSCRIBER_NUM_CEILING);
  if (maxSubscriberNum !== undefined) info.MaxSubscriberNum = maxSubscriberNum;
  return info;
}
