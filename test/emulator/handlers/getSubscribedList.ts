// official_account_open_http_svc/get_subscribed_official_account_list
// Body: {"Subscriber_Account", "Limit"?: 1..200 (default 200), "Offset"?: >= 0 (default 0),
//        "ResponseFilter"?: {"OfficialAccountBaseInfoFilter"?: [...], "SelfInfoFilter"?: ["SubscribeTime", "CustomString"]}}.
// Reply (field names from the Java SDK, doc sections 2.9 and 5 #7): {"OfficialAccountInfoList": [{Official_Account,
// ...base info, SelfInfo: {...}}], "TotalCount", "CompleteFlag": 1 done | 0 more, "Next": the Offset of the next page}.
// Accounts are in ID order; Offset paging is positional, so a subscription added or removed between pages shifts it.
import { success } from '../replies';
import { BASE_INFO_FILTER_VALUES, SELF_INFO_FILTER_VALUES, baseInfo, readFilterList, readResponseFilter } from './accountInfoFilter';
import { MAX_SUBSCRIBED_LIST_PAGE } from './limits';
import { objectWith, optionalInteger, rejecting, requiredString } from './validate';

export const getSubscribedOfficialAccountList = rejecting((raw, context) => {
  const body = objectWith(raw, ['Subscriber_Account', 'Limit', 'Offset', 'ResponseFilter']);
  const subscriber = requiredString(body, 'Subscriber_Account');
  const limit = optionalInteger(body, 'Limit', 1, MAX_SUBSCRIBED_LIST_PAGE) ?? MAX_SUBSCRIBED_LIST_PAGE;
  const offset = optionalInteger(body, 'Offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const filter = readResponseFilter(body, ['OfficialAccountBaseInfoFilter', 'SelfInfoFilter']);
  const baseFields = readFilterList(filter.OfficialAccountBaseInfoFilter, 'OfficialAccountBaseInfoFilter', BASE_INFO_FILTER_VALUES);
  const selfFields = readFilterList(filter.SelfInfoFilter, 'SelfInfoFilter', SELF_INFO_FILTER_VALUES);

  const all = context.state.subscriptionsOf(context.sdkAppId, subscriber);
  const page = all.slice(offset, offset + limit);
  const next = Math.min(offset + page.length, all.length);
  return success({
    OfficialAccountInfoList: page.map((entry) => ({
      Official_Account: entry.account.Official_Account,
      ...baseInfo(entry.account, baseFields),
      SelfInfo: Object.fromEntries(selfFields.map((field) => [field, entry[field]])),
    })),
    TotalCount: all.length,
    CompleteFlag: next >= all.length ? 1 : 0,
    Next: next,
  });
});
