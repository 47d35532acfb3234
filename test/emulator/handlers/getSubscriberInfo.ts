// official_account_open_http_svc/get_subscriber_info
// Body: {"Official_Account": string, "Limit"?: 1..200 (default 200), "Next"?: "" | token from the previous page}.
import { failure, success } from '../replies';
import { compareIds } from '../state';
import type { CommandHandler } from './context';
import { checkOfficialAccount, isRecord } from './context';

export const MAX_SUBSCRIBER_PAGE = 200;

/**
 * Next is an opaque cursor (the last returned id, base64url) rather than an offset,
 * so deleting subscribers between pages, as a bulk unsubscribe does, skips nobody.
 */
function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

function decodeCursor(next: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(next)) return undefined;
  return Buffer.from(next, 'base64url').toString('utf8');
}

export const getSubscriberInfo: CommandHandler = (body, context) => {
  if (!isRecord(body) || typeof body.Official_Account !== 'string') {
    return failure(20001, 'Official_Account must be a string.');
  }
  const limit = body.Limit ?? MAX_SUBSCRIBER_PAGE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SUBSCRIBER_PAGE) {
    return failure(6017, `Limit must be an integer from 1 to ${MAX_SUBSCRIBER_PAGE}.`);
  }
  const next = body.Next ?? '';
  if (typeof next !== 'string') return failure(20001, 'Next must be a string.');
  const after = next === '' ? undefined : decodeCursor(next);
  if (next !== '' && after === undefined) return failure(6017, 'Next is not a value returned by a previous call.');
  const accountError = checkOfficialAccount(body.Official_Account, context);
  if (accountError) return accountError;

  const entries = context.state.subscriberEntries(context.sdkAppId, body.Official_Account);
  const remaining = after === undefined ? entries : entries.filter(([id]) => compareIds(id, after) > 0);
  const page = remaining.slice(0, limit);
  const lastOnPage = page[page.length - 1];
  const hasMore = remaining.length > page.length;
  return success({
    Next: hasMore && lastOnPage ? encodeCursor(lastOnPage[0]) : '',
    SubscriberNum: entries.length,
    SubscriberList: page.map(([id, subscribeTime]) => ({
      Subscriber_Account: id,
      SubscribeTime: subscribeTime,
      CustomString: '',
      MsgFlag: 'AcceptAndNotify',
      LastSendMsgTime: 0,
    })),
  });
};
