// official_account_open_http_svc/official_account_msg_get_simple
// Body: {"Official_Account", "LastMsgKey"?: cursor ("" or absent = newest), "ReqMsgNumber"?: 1..20 (default 20),
//        "WithRecalledMsg"?: 0 | 1}.
// Reply: {"Official_Account", "IsFinished": 1 when no older message remains else 0, "LastMsgKey": the oldest
// returned key (pass it back for the next, older page), "RspMsgList": newest first}. Recalled messages are left
// out unless WithRecalledMsg is 1; then they come with IsPlaceMsg 2 and an empty MsgBody (the Java SDK's value).
import { success } from '../replies';
import type { MessageSnapshot } from '../types';
import { MAX_GET_SIMPLE_MSG_NUMBER } from './limits';
import { INVALID_VALUE_ERROR, liveAccount, objectWith, optionalInteger, optionalString, reject, rejecting, requiredString } from './validate';

export const RECALLED_PLACE_MSG = 2;
const MSG_KEY_PATTERN = /^(\d+)_1_(\d+)$/;

function item(officialAccount: string, message: MessageSnapshot): Record<string, unknown> {
  return {
    // UNCERTAIN: the doc sample shows a numeric-looking From_Account; for a broadcast the account itself is the sender.
    From_Account: officialAccount,
    IsPlaceMsg: message.recalled ? RECALLED_PLACE_MSG : 0,
    MsgBody: message.recalled ? [] : message.MsgBody,
    MsgSeq: message.MsgSeq,
    MsgKey: message.MsgKey,
    MsgTimeStamp: message.MsgTime,
    MsgRandom: message.MsgRandom,
  };
}

export const getSimpleMsgs = rejecting((raw, context) => {
  const body = objectWith(raw, ['Official_Account', 'LastMsgKey', 'ReqMsgNumber', 'WithRecalledMsg']);
  const officialAccount = requiredString(body, 'Official_Account');
  const lastMsgKey = optionalString(body, 'LastMsgKey') ?? '';
  const cursor = MSG_KEY_PATTERN.exec(lastMsgKey);
  if (lastMsgKey !== '' && !cursor) reject(INVALID_VALUE_ERROR, 'LastMsgKey must be a MsgKey of the form <seq>_1_<time>.');
  const count = optionalInteger(body, 'ReqMsgNumber', 1, MAX_GET_SIMPLE_MSG_NUMBER) ?? MAX_GET_SIMPLE_MSG_NUMBER;
  const withRecalled = (optionalInteger(body, 'WithRecalledMsg', 0, 1) ?? 0) === 1;
  const account = liveAccount(officialAccount, context);

  // By sequence, so a cursor whose message was recalled still pages on correctly.
  const beforeSeq = cursor ? Number(cursor[1]) : Infinity;
  const older = account.messages.filter((m) => m.MsgSeq < beforeSeq && (withRecalled || !m.recalled)).reverse();
  const page = older.slice(0, count);
  return success({
    Official_Account: officialAccount,
    IsFinished: older.length > page.length ? 0 : 1,
    LastMsgKey: page[page.length - 1]?.MsgKey ?? lastMsgKey,
    RspMsgList: page.map((message) => item(officialAccount, message)),
  });
});
