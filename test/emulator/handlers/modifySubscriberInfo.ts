// official_account_open_http_svc/modify_subscriber_info
// Body: {"Official_Account", "Subscriber_Account", "CustomString" (<= 3000 bytes)}; all required.
import { success } from '../replies';
import { BYTE_LIMITS } from './limits';
import { checkBytes, liveAccount, objectWith, reject, rejecting, requiredString } from './validate';

/** UNCERTAIN (doc section 2.8): the code for a Subscriber_Account that does not subscribe to the account. */
export const NOT_A_SUBSCRIBER_ERROR = 6017;

export const modifySubscriberInfo = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'Subscriber_Account', 'CustomString']);
  const officialAccount = requiredString(body, 'Official_Account');
  const subscriber = requiredString(body, 'Subscriber_Account');
  const customString = requiredString(body, 'CustomString');
  checkBytes('CustomString', customString, BYTE_LIMITS.CustomString);
  const account = liveAccount(officialAccount, context);
  if (!account.subscribers.has(subscriber)) {
    reject(NOT_A_SUBSCRIBER_ERROR, `${JSON.stringify(subscriber)} does not subscribe to ${officialAccount}.`);
  }
  context.state.setSubscriberInfo(context.sdkAppId, officialAccount, subscriber, { CustomString: customString });
  return success();
});
