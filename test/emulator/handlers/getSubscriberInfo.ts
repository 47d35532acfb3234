// official_account_open_http_svc/get_subscriber_info
// Body: {"Official_Account": string, "Next": "" | token from the previous page (required, doc section 2.5),
//        "Limit"?: 1..200 (absent: 200; the doc's "all members" wording is copied from the group API)}.
import { success } from '../replies';
import { compareIds } from '../state';
import { MAX_SUBSCRIBER_PAGE } from './limits';
import { INVALID_VALUE_ERROR, liveAccount, objectWith, optionalInteger, reject, rejecting, requiredString } from './validate';

export { MAX_SUBSCRIBER_PAGE } from './limits';

/**
 * Next is an opaque cursor (the last returned id, base64url) rather than an offset, so subscribers deleted or
 * added between pages shift nothing: every subscriber present throughout is returned exactly once, and one added
 * mid-way appears if it sorts after the cursor.
 */
function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

function decodeCursor(next: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(next)) return undefined;
  return Buffer.from(next, 'base64url').toString('utf8');
}

/** The index of the first ID that sorts after `after` (binary search in the sorted IDs). */
function firstAfter(ids: readonly string[], after: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(ids[middle], after) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

export const getSubscriberInfo = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'Limit', 'Next']);
  const officialAccount = requiredString(body, 'Official_Account');
  const limit = optionalInteger(body, 'Limit', 1, MAX_SUBSCRIBER_PAGE) ?? MAX_SUBSCRIBER_PAGE;
  const next = requiredString(body, 'Next');
  const after = next === '' ? undefined : decodeCursor(next);
  if (next !== '' && after === undefined) reject(INVALID_VALUE_ERROR, 'Next is not a value returned by a previous call.');
  liveAccount(officialAccount, context);

  const ids = context.state.sortedSubscriberIds(context.sdkAppId, officialAccount);
  const start = after === undefined ? 0 : firstAfter(ids, after);
  const pageIds = ids.slice(start, start + limit);
  const lastOnPage = pageIds[pageIds.length - 1];
  const hasMore = start + pageIds.length < ids.length;
  return success({
    Next: hasMore && lastOnPage ? encodeCursor(lastOnPage) : '',
    SubscriberNum: ids.length,
    SubscriberList: context.state.subscriberDetailsOf(context.sdkAppId, officialAccount, pageIds),
  });
});
