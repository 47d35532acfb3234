// official_account_open_http_svc/official_account_msg_recall
// Body: {"Official_Account", "MsgKeyList": [string] (1..10), "Reason"?: <= 100 bytes}.
// Reply: {"RecallRetList": [{"MsgKey", "RetCode"}]} in request order; the call succeeds whatever the per-key codes.
import { success } from '../replies';
import { MAX_RECALL_KEYS, RECALL_REASON_MAX_BYTES } from './limits';
import { RECALL_TIME_LIMIT_RETCODE, resolveMessageLimits } from './messageRules';
import { MALFORMED_PACKET_ERROR, liveAccount, objectWith, optionalString, reject, rejecting, requiredArray, requiredString } from './validate';

export const RECALLED_RETCODE = 0;
/** The doc sample's 10030: ERR_SVR_GROUP_REVOKE_MSG_NOT_FOUND, "the message to recall does not exist" (doc section 8). */
export const RECALL_NOT_FOUND_RETCODE = 10030;
/** A key failed by fault injection (resultZero): Tencent's "internal error, retry" of the message table. */
export const RECALL_INTERNAL_ERROR_RETCODE = 10002;

export const recallMsg = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'MsgKeyList', 'Reason']);
  const officialAccount = requiredString(body, 'Official_Account');
  const keys = requiredArray(body, 'MsgKeyList', MAX_RECALL_KEYS).map((key) => {
    if (typeof key !== 'string') reject(MALFORMED_PACKET_ERROR, 'MsgKeyList must be an array of MsgKey strings.');
    return key;
  });
  optionalString(body, 'Reason', RECALL_REASON_MAX_BYTES);
  const account = liveAccount(officialAccount, context);
  const limits = resolveMessageLimits(context.state.messageLimits);
  const nowSeconds = Math.floor(context.state.nowMs() / 1000);

  const recalled: string[] = [];
  const RecallRetList = keys.map((key) => {
    if (context.resultZero(key)) return { MsgKey: key, RetCode: RECALL_INTERNAL_ERROR_RETCODE };
    const message = account.messages.find((m) => m.MsgKey === key);
    if (!message) return { MsgKey: key, RetCode: RECALL_NOT_FOUND_RETCODE };
    if (message.recalled) return { MsgKey: key, RetCode: limits.alreadyRecalledRetCode };
    if (limits.recallTimeLimitSeconds > 0 && nowSeconds - message.MsgTime > limits.recallTimeLimitSeconds) {
      return { MsgKey: key, RetCode: RECALL_TIME_LIMIT_RETCODE };
    }
    message.recalled = true;
    recalled.push(key);
    return { MsgKey: key, RetCode: RECALLED_RETCODE };
  });
  if (recalled.length > 0) {
    context.callbacks.after('OfficialAccount.CallbackAfterMsgWithDraw', {
      Official_Account: officialAccount,
      WithdrawMsgList: recalled.map((MsgKey) => ({ MsgKey })),
    });
  }
  return success({ RecallRetList: RecallRetList.filter((entry) => !context.omitResult?.(entry.MsgKey)) });
});
