// official_account_open_http_svc/add_subscriber
// Body: {"Official_Account": string, "SubscriberList": [{"Subscriber_Account": string}]}.
import { failure, success } from '../replies';
import type { CommandHandler } from './context';
import { checkIdCount, checkOfficialAccount, isRecord } from './context';

function subscriberIds(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const ids: string[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.Subscriber_Account !== 'string') return undefined;
    ids.push(item.Subscriber_Account);
  }
  return ids;
}

/** Per-subscriber Result: 0 failed, 1 added, 2 already subscribed. */
export const addSubscriber: CommandHandler = (body, context) => {
  if (!isRecord(body) || typeof body.Official_Account !== 'string') {
    return failure(20001, 'Official_Account must be a string.');
  }
  const ids = subscriberIds(body.SubscriberList);
  if (!ids) return failure(20001, 'SubscriberList must be an array of {"Subscriber_Account": string}.');
  const countError = checkIdCount('SubscriberList', ids.length, context.maxIdsPerCall);
  if (countError) return countError;
  const accountError = checkOfficialAccount(body.Official_Account, context);
  if (accountError) return accountError;

  const officialAccount = body.Official_Account;
  const SubscriberList = ids.map((id) => {
    if (context.resultZero(id)) return { Subscriber_Account: id, Result: 0 };
    const added = context.state.subscribe(context.sdkAppId, officialAccount, id);
    return { Subscriber_Account: id, Result: added ? 1 : 2 };
  });
  return success({ SubscriberList });
};
