// official_account_open_http_svc/add_subscriber
// Body: {"Official_Account": string, "SubscriberList": [{"Subscriber_Account": string}]} (1..maxIdsPerCall).
// Per-subscriber Result: 0 failed, 1 added, 2 already subscribed. Result 0 also for users the
// BeforeAddSubscriber callback refused, and for users past MaxSubscriberNum (UNCERTAIN: both undocumented).
import { success } from '../replies';
import { isStringArray } from './context';
import { subscribeAccountList, readSubscriberObjects } from './subscriberList';
import { liveAccount, objectWith, rejecting, requiredString } from './validate';

export const addSubscriber = rejecting(async (raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'SubscriberList']);
  const officialAccount = requiredString(body, 'Official_Account');
  const ids = readSubscriberObjects(body, 'SubscriberList', context.maxIdsPerCall);
  const before = liveAccount(officialAccount, context);

  // Tencent asks before subscribing, so only users who would be new are put to the callback.
  const newcomers = [...new Set(ids)].filter((id) => !before.subscribers.has(id) && !context.resultZero(id));
  const verdict =
    newcomers.length === 0
      ? undefined
      : await context.callbacks.before('OfficialAccount.CallbackBeforeAddSubscriber', {
          Official_Account: officialAccount,
          Operator_Account: context.identifier,
          SubscribeAccountList: subscribeAccountList(newcomers),
        });
  const refuseAll = verdict?.ErrorCode === 1;
  const refused = new Set(isStringArray(verdict?.RefusedSubscribers_Account) ? verdict.RefusedSubscribers_Account : []);

  // The account may have been destroyed while the callback was pending.
  const account = liveAccount(officialAccount, context);
  const wasFull = account.subscribers.size >= account.MaxSubscriberNum;
  const added: string[] = [];
  const SubscriberList = ids.map((id) => {
    if (context.resultZero(id)) return { Subscriber_Account: id, Result: 0 };
    if (context.state.subscribersMustBeImported && !context.state.isImported(context.sdkAppId, id)) return { Subscriber_Account: id, Result: 0 };
    if (account.subscribers.has(id)) return { Subscriber_Account: id, Result: 2 };
    if (refuseAll || refused.has(id) || account.subscribers.size >= account.MaxSubscriberNum) return { Subscriber_Account: id, Result: 0 };
    context.state.subscribe(context.sdkAppId, officialAccount, id);
    added.push(id);
    return { Subscriber_Account: id, Result: 1 };
  });

  if (added.length > 0) {
    context.callbacks.after('OfficialAccount.CallbackAfterAddSubscriber', {
      Official_Account: officialAccount,
      Operator_Account: context.identifier,
      SubscribeAccountList: subscribeAccountList(added),
    });
  }
  if (!wasFull && account.subscribers.size >= account.MaxSubscriberNum) {
    context.callbacks.after('OfficialAccount.CallbackAfterOfficialAccountFull', { Official_Account: officialAccount });
  }
  return success({ SubscriberList: SubscriberList.filter((entry) => !context.omitResult?.(entry.Subscriber_Account)) });
});
