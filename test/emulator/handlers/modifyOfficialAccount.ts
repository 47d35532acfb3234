// official_account_open_http_svc/modify_official_account_base_info
// Body: {"Official_Account", "Name"?, "Introduction"?, "FaceUrl"?, "Organization"?, "CustomString"?, "MaxSubscriberNum"?}.
// Only the given fields change. `""` clears an optional field (UNCERTAIN). A MaxSubscriberNum below the current
// SubscriberNum is accepted (UNCERTAIN) and only stops further subscriptions.
import { success } from '../replies';
import { BASE_INFO_FIELDS, readBaseInfo } from './accountFields';
import { INVALID_VALUE_ERROR, liveAccount, objectWith, reject, rejecting, requiredString } from './validate';

export const modifyOfficialAccountBaseInfo = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', ...BASE_INFO_FIELDS]);
  const officialAccount = requiredString(body, 'Official_Account');
  const changes = readBaseInfo(body);
  // UNCERTAIN what Tencent does with nothing to change; rejecting it catches a node that sends an empty update.
  if (Object.keys(changes).length === 0) reject(INVALID_VALUE_ERROR, `Give at least one of ${BASE_INFO_FIELDS.join(', ')}.`);
  const account = liveAccount(officialAccount, context);
  Object.assign(account, changes);
  context.callbacks.after('OfficialAccount.CallbackAfterOfficialAccountInfoChanged', {
    Official_Account: account.Official_Account,
    Operator_Account: context.identifier,
    Introduction: account.Introduction,
    Name: account.Name,
    FaceUrl: account.FaceUrl,
    Organization: account.Organization,
  });
  return success();
});
