// official_account_open_http_svc/get_official_account_info
// Body: {"OfficialAccountIdList": [{"Official_Account"}] (1..50), "ResponseFilter"?: {"OfficialAccountBaseInfoFilter"?: [...]}}.
// Reply: {"OfficialAccountInfoList": [...]}, one item per requested ID in request order (duplicates answered again).
// UNCERTAIN item shape (doc sections 2.4, 5 #9): each item carries its `Official_Account` and its own
// ActionStatus/ErrorCode/ErrorInfo; an unknown or destroyed ID is an item with ErrorCode 130004 (and no base info)
// while the call itself succeeds, as get_group_info does. A malformed ID (no @TOA#_ prefix) is item code 130007.
import { errorInfoFor, success } from '../replies';
import { OFFICIAL_ACCOUNT_PREFIX } from '../state';
import { BASE_INFO_FILTER_VALUES, baseInfo, readFilterList, readResponseFilter } from './accountInfoFilter';
import { MAX_ACCOUNT_INFO_IDS } from './limits';
import { objectWith, rejecting, requiredArray, requiredString } from './validate';

function itemResult(errorCode: number): Record<string, unknown> {
  return { ActionStatus: errorCode === 0 ? 'OK' : 'FAIL', ErrorCode: errorCode, ErrorInfo: errorCode === 0 ? '' : errorInfoFor(errorCode) };
}

export const getOfficialAccountInfo = rejecting((raw, context) => {
  const body = objectWith(raw, ['OfficialAccountIdList', 'ResponseFilter']);
  const ids = requiredArray(body, 'OfficialAccountIdList', MAX_ACCOUNT_INFO_IDS).map((item) =>
    requiredString(objectWith(item, ['Official_Account'], 'Each OfficialAccountIdList item'), 'Official_Account'),
  );
  const filter = readResponseFilter(body, ['OfficialAccountBaseInfoFilter']);
  const fields = readFilterList(filter.OfficialAccountBaseInfoFilter, 'OfficialAccountBaseInfoFilter', BASE_INFO_FILTER_VALUES);

  const OfficialAccountInfoList = ids.map((id) => {
    if (!id.startsWith(OFFICIAL_ACCOUNT_PREFIX)) return { Official_Account: id, ...itemResult(130007) };
    const account = context.state.accountRecord(context.sdkAppId, id);
    if (!account) return { Official_Account: id, ...itemResult(130004) };
    return { Official_Account: id, ...itemResult(0), ...baseInfo(account, fields) };
  });
  return success({ OfficialAccountInfoList });
});
