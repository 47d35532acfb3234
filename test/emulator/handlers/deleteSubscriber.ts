// official_account_open_http_svc/delete_subscriber
// Body: {"Official_Account": string, "SubscriberToDel_Account": string[]} (the field name in every doc sample).
import { failure, success } from '../replies';
import type { CommandHandler } from './context';
import { checkIdCount, checkOfficialAccount, isRecord, isStringArray } from './context';

/** Per-subscriber Result: 0 failed (still subscribed), 1 removed, 2 was not subscribed. */
export const deleteSubscriber: CommandHandler = (body, context) => {
  if (!isRecord(body) || typeof body.Official_Account !== 'string') {
    return failure(20001, 'Official_Account must be a string.');
  }
  const ids = body.SubscriberToDel_Account;
  if (!isStringArray(ids)) return failure(20001, 'SubscriberToDel_Account must be an array of UserID strings.');
  const countError = checkIdCount('SubscriberToDel_Account', ids.length, context.maxIdsPerCall);
  if (countError) return countError;
  const accountError = checkOfficialAccount(body.Official_Account, context);
  if (accountError) return accountError;

  const officialAccount = body.Official_Account;
  const SubscriberList = ids.map((id) => {
    if (context.resultZero(id)) return { Subscriber_Account: id, Result: 0 };
    const removed = context.state.unsubscribe(context.sdkAppId, officialAccount, id);
    return { Subscriber_Account: id, Result: removed ? 1 : 2 };
  });
  return success({ SubscriberList: SubscriberList.filter((entry) => !context.omitResult?.(entry.Subscriber_Account)) });
};
