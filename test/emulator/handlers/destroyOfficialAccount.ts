// official_account_open_http_svc/destroy_official_account
// Body: {"Official_Account"}. The ID answers 130004 from then on and cannot be reused.
import { success } from '../replies';
import { liveAccount, objectWith, rejecting, requiredString } from './validate';

export const destroyOfficialAccount = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account']);
  const account = liveAccount(requiredString(body, 'Official_Account'), context);
  context.state.destroyAccount(context.sdkAppId, account.Official_Account);
  context.callbacks.after('OfficialAccount.CallbackAfterOfficialAccountDestroyed', {
    Official_Account: account.Official_Account,
    Owner_Account: account.Owner_Account,
    Name: account.Name,
  });
  return success();
});
