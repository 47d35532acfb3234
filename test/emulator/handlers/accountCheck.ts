// im_open_login_svc/account_check
// Body: {"CheckItem": [{"UserID": string}]}, at most 100 items (Tencent's documented limit for this API).
import { failure, success } from '../replies';
import type { CommandHandler } from './context';
import { isRecord } from './context';

const MAX_CHECK_ITEMS = 100;

/** This API belongs to the account service, whose invalid-parameter code is 70402, not 20001. */
export const accountCheck: CommandHandler = (body, context) => {
  if (!isRecord(body) || !Array.isArray(body.CheckItem)) return failure(70402, 'CheckItem must be an array.');
  const items = body.CheckItem;
  if (items.length === 0 || items.length > MAX_CHECK_ITEMS) {
    return failure(70402, `CheckItem must hold 1 to ${MAX_CHECK_ITEMS} items.`);
  }
  const userIds: string[] = [];
  for (const item of items) {
    if (!isRecord(item) || typeof item.UserID !== 'string') return failure(70402, 'Each CheckItem needs a UserID string.');
    userIds.push(item.UserID);
  }
  return success({
    ResultItem: userIds.map((userId) => ({
      UserID: userId,
      ResultCode: 0,
      ResultInfo: '',
      AccountStatus: context.state.isImported(context.sdkAppId, userId) ? 'Imported' : 'NotImported',
    })),
  });
};
