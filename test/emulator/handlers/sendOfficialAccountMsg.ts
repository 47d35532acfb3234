// official_account_open_http_svc/send_official_account_msg
// Body: {"Official_Account", "Random": uint32, "MsgBody": [...], "CloudCustomData"?, "OfflinePushInfo"?,
//        "SendMsgControl"?: ["NoLastMsg"], "OnlineOnlyFlag"?: 0 | 1, "ForbidCallbackControl"?: [...]}.
// Reply: {"MsgTime": unix seconds, "MsgKey": "<seq>_1_<MsgTime>"}.
import { failure, success } from '../replies';
import type { AccountRecord } from '../state';
import type { MessageSnapshot } from '../types';
import type { HandlerContext } from './context';
import { isRecord } from './context';
import { refuseBody, resolveMessageLimits, judgeSend, type SendVerdict } from './messageRules';
import { checkMsgBody } from './msgBody';
import { checkOfflinePushInfo } from './offlinePushInfo';
import {
  INVALID_VALUE_ERROR,
  MALFORMED_PACKET_ERROR,
  liveAccount,
  objectWith,
  optionalInteger,
  optionalString,
  passedThrough,
  reject,
  rejecting,
  requiredString,
} from './validate';

/** The BeforeSendMsg callback answered ErrorCode 1 (doc section 4.3). */
export const SEND_REFUSED_BY_CALLBACK_ERROR = 10016;
/** BeforeSendMsg ErrorCode 2: Tencent drops the message silently and the caller sees success. */
const SILENT_DISCARD = 2;
const MAX_RANDOM = 4294967295;
const SEND_MSG_CONTROL_VALUES = ['NoLastMsg'];
/** UNCERTAIN (Java SDK only). */
const FORBID_CALLBACK_VALUES = ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'];

const FIELDS = ['Official_Account', 'Random', 'MsgBody', 'CloudCustomData', 'OfflinePushInfo', 'SendMsgControl', 'OnlineOnlyFlag', 'ForbidCallbackControl'];

function optionalEnumList(body: Record<string, unknown>, field: string, allowed: string[]): string[] {
  const value = body[field];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) reject(MALFORMED_PACKET_ERROR, `${field} must be an array of strings.`);
  for (const entry of value) if (!allowed.includes(entry)) reject(INVALID_VALUE_ERROR, `${field} has an unknown value ${JSON.stringify(entry)}; allowed: ${allowed.join(', ')}.`);
  return value;
}

function messageKey(seq: number, seconds: number): string {
  return `${seq}_1_${seconds}`;
}

/** The reply for a verdict other than 'allowed'. */
function refusal(verdict: Exclude<SendVerdict, { kind: 'allowed' }>, context: HandlerContext) {
  if (verdict.kind === 'rejected') return verdict.reply;
  const limits = resolveMessageLimits(context.state.messageLimits);
  if (limits.duplicateReply === 'error') {
    return failure(limits.errorCodes.duplicate, `Same content as ${verdict.of.MsgKey} within ${limits.duplicateWindowMs / 1000} s; the message was dropped as a duplicate.`);
  }
  return success({ MsgTime: verdict.of.MsgTime, MsgKey: verdict.of.MsgKey });
}

export const sendOfficialAccountMsg = rejecting(async (raw, context) => {
  const body = objectWith(raw, FIELDS);
  const officialAccount = requiredString(body, 'Official_Account');
  // UNCERTAIN whether Random is required; every sample has it, and the duplicate check may use it.
  if (body.Random === undefined) reject(MALFORMED_PACKET_ERROR, 'Random is required.');
  const random = optionalInteger(body, 'Random', 0, MAX_RANDOM) as number;
  const requestedBody = checkMsgBody(body.MsgBody);
  const requestedCustomData = optionalString(body, 'CloudCustomData') ?? '';
  checkOfflinePushInfo(body.OfflinePushInfo);
  const sendMsgControl = optionalEnumList(body, 'SendMsgControl', SEND_MSG_CONTROL_VALUES);
  const onlineOnlyFlag = optionalInteger(body, 'OnlineOnlyFlag', 0, 1) ?? 0;
  if (onlineOnlyFlag === 1 && sendMsgControl.includes('NoLastMsg')) {
    reject(INVALID_VALUE_ERROR, 'SendMsgControl NoLastMsg cannot be combined with OnlineOnlyFlag 1.');
  }
  const forbid = optionalEnumList(body, 'ForbidCallbackControl', FORBID_CALLBACK_VALUES);

  const content = JSON.stringify(requestedBody);
  const limits = () => resolveMessageLimits(context.state.messageLimits);
  const badBody = refuseBody(requestedBody, limits());
  if (badBody) return badBody;
  const first = judgeSend(liveAccount(officialAccount, context), content, random, context.state.nowMs(), limits());
  if (first.kind !== 'allowed') return refusal(first, context);

  let msgBody = requestedBody;
  let cloudCustomData = requestedCustomData;
  let silentlyDiscarded = false;
  if (!forbid.includes('ForbidBeforeSendMsgCallback')) {
    const verdict = await context.callbacks.before('OfficialAccount.CallbackBeforeSendMsg', {
      Official_Account: officialAccount,
      OnlineOnlyFlag: onlineOnlyFlag,
      MsgBody: requestedBody,
      CloudCustomData: requestedCustomData,
    });
    if (verdict?.ErrorCode === 1) return failure(SEND_REFUSED_BY_CALLBACK_ERROR, '(Refused by the BeforeSendMsg callback.)');
    const custom = passedThrough(verdict);
    if (custom) return custom;
    silentlyDiscarded = verdict?.ErrorCode === SILENT_DISCARD;
    if (verdict?.ErrorCode === 0 && Array.isArray(verdict.MsgBody)) msgBody = verdict.MsgBody;
    if (verdict?.ErrorCode === 0 && typeof verdict.CloudCustomData === 'string') cloudCustomData = verdict.CloudCustomData;
  }

  // State may have moved on while the callback was pending (another send, a destroy), so judge again.
  const account: AccountRecord = liveAccount(officialAccount, context);
  const nowMs = context.state.nowMs();
  const second = judgeSend(account, content, random, nowMs, limits());
  if (second.kind !== 'allowed') return refusal(second, context);

  const MsgTime = Math.floor(nowMs / 1000);
  const MsgSeq = account.nextMsgSeq++;
  const MsgKey = messageKey(MsgSeq, MsgTime);
  if (silentlyDiscarded) return success({ MsgTime, MsgKey });

  const message: MessageSnapshot = {
    MsgSeq,
    MsgKey,
    MsgTime,
    MsgRandom: random,
    MsgBody: msgBody,
    CloudCustomData: cloudCustomData,
    OnlineOnlyFlag: onlineOnlyFlag,
    SendMsgControl: sendMsgControl,
    recipients: account.subscribers.size,
    recalled: false,
  };
  if (isRecord(body.OfflinePushInfo)) message.OfflinePushInfo = body.OfflinePushInfo;
  context.state.recordDelivery(context.sdkAppId, account, message, { atMs: nowMs, content, random, MsgKey, MsgTime });
  if (!forbid.includes('ForbidAfterSendMsgCallback')) {
    context.callbacks.after('OfficialAccount.CallbackAfterSendMsg', {
      Official_Account: officialAccount,
      MsgKey,
      MsgTime,
      OnlineOnlyFlag: onlineOnlyFlag,
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
    });
  }
  return success({ MsgTime, MsgKey });
});
