// Reading the subscriber-ID lists of add_subscriber and delete_subscriber.
import { INVALID_VALUE_ERROR, MALFORMED_PACKET_ERROR, objectWith, reject, requiredArray, requiredString } from './validate';

function checkId(id: string, field: string): string {
  if (id === '') reject(INVALID_VALUE_ERROR, `${field} holds an empty UserID.`);
  return id;
}

/** add_subscriber's [{"Subscriber_Account": string}]. */
export function readSubscriberObjects(body: Record<string, unknown>, field: string, maxIds: number): string[] {
  const items = requiredArray(body, field, maxIds);
  return items.map((item) => checkId(requiredString(objectWith(item, ['Subscriber_Account'], `Each ${field} item`), 'Subscriber_Account'), field));
}

/** delete_subscriber's [string]. */
export function readSubscriberStrings(body: Record<string, unknown>, field: string, maxIds: number): string[] {
  const items = requiredArray(body, field, maxIds);
  return items.map((item) => {
    if (typeof item !== 'string') reject(MALFORMED_PACKET_ERROR, `${field} must be an array of UserID strings.`);
    return checkId(item, field);
  });
}

export function subscribeAccountList(ids: string[]): Array<{ Subscriber_Account: string }> {
  return ids.map((id) => ({ Subscriber_Account: id }));
}
