// official_account_open_http_svc/delete_subscriber
// Body: {"Official_Account": string, "SubscriberToDel_Account": string[]} (the field name in every doc sample;
// the add_subscriber shape some sources show is rejected as an unknown field, doc section 5 #1).
import { success } from '../replies';
import { readSubscriberStrings, subscribeAccountList } from './subscriberList';
import { liveAccount, objectWith, rejecting, requiredString } from './validate';

/** Per-subscriber Result: 0 failed (still subscribed), 1 removed, 2 was not subscribed. */
export const deleteSubscriber = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'SubscriberToDel_Account']);
  const officialAccount = requiredString(body, 'Official_Account');
  const ids = readSubscriberStrings(body, 'SubscriberToDel_Account', context.maxIdsPerCall);
  liveAccount(officialAccount, context);

  const deleted: string[] = [];
  const SubscriberList = ids.map((id) => {
    if (context.resultZero(id)) return { Subscriber_Account: id, Result: 0 };
    const removed = context.state.unsubscribe(context.sdkAppId, officialAccount, id);
    if (removed) deleted.push(id);
    return { Subscriber_Account: id, Result: removed ? 1 : 2 };
  });
  if (deleted.length > 0) {
    context.callbacks.after('OfficialAccount.CallbackAfterDeleteSubscriber', {
      Official_Account: officialAccount,
      Operator_Account: context.identifier,
      SubscribeAccountList: subscribeAccountList(deleted),
    });
  }
  return success({ SubscriberList: SubscriberList.filter((entry) => !context.omitResult?.(entry.Subscriber_Account)) });
});
