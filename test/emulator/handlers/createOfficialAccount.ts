// official_account_open_http_svc/create_official_account
// Body: {"Owner_Account", "Name", "OfficialAccountUserID"?, "Introduction"?, "FaceUrl"?, "Organization"?,
// "CustomString"?, "MaxSubscriberNum"?}. Reply: {"OfficialAccountUserID"}.
import { failure, success } from '../replies';
import { DEFAULT_MAX_SUBSCRIBER_NUM, GENERATED_ID_PREFIX, OFFICIAL_ACCOUNT_PREFIX } from '../state';
import { BASE_INFO_FIELDS, readBaseInfo } from './accountFields';
import type { HandlerContext } from './context';
import { CUSTOM_ID_MAX_BYTES } from './limits';
import { objectWith, optionalString, passedThrough, reject, rejecting, requiredString } from './validate';

/** UNCERTAIN (doc section 2.1): the code for an Owner_Account that is not imported; 70107 is the account service's "not imported". */
export const OWNER_NOT_IMPORTED_ERROR = 70107;
/** UNCERTAIN: reusing a destroyed account's ID. The 130004 text ("existed and was destroyed") implies IDs are remembered. */
export const DESTROYED_ID_REUSE_ERROR = 130008;
/** The BeforeCreateOfficialAccount callback answered ErrorCode 1 (doc section 4.3). */
export const CREATE_REFUSED_BY_CALLBACK_ERROR = 20006;

const FIELDS = ['Owner_Account', 'OfficialAccountUserID', ...BASE_INFO_FIELDS];

/** 130007 unless the custom ID follows doc section 1: printable ASCII, <= 48 bytes, '@TOA#_' prefix, not the system prefix. */
function checkCustomId(id: string): void {
  if (!id.startsWith(OFFICIAL_ACCOUNT_PREFIX)) reject(130007, `OfficialAccountUserID must start with ${OFFICIAL_ACCOUNT_PREFIX}.`);
  // UNCERTAIN: "cannot be @TOA#_@TOA#" is read as "must not start with it", so no custom ID can collide with an assigned one.
  if (id.startsWith(GENERATED_ID_PREFIX)) reject(130007, `OfficialAccountUserID must not start with ${GENERATED_ID_PREFIX} (reserved for assigned IDs).`);
  if (id.length === OFFICIAL_ACCOUNT_PREFIX.length) reject(130007, `OfficialAccountUserID needs characters after ${OFFICIAL_ACCOUNT_PREFIX}.`);
  if (!/^[\x20-\x7e]+$/.test(id)) reject(130007, 'OfficialAccountUserID may hold printable ASCII characters only.');
  if (id.length > CUSTOM_ID_MAX_BYTES) reject(130007, `OfficialAccountUserID is ${id.length} bytes; at most ${CUSTOM_ID_MAX_BYTES} are allowed.`);
}

function checkIdFree(id: string, context: HandlerContext): void {
  if (context.state.isDestroyed(context.sdkAppId, id)) reject(DESTROYED_ID_REUSE_ERROR, '(The ID belonged to a destroyed account.)');
  if (context.state.hasAccount(context.sdkAppId, id)) reject(130008);
}

export const createOfficialAccount = rejecting(async (raw, context) => {
  const body = objectWith(raw, FIELDS);
  const owner = requiredString(body, 'Owner_Account');
  requiredString(body, 'Name');
  const info = readBaseInfo(body);
  const customId = optionalString(body, 'OfficialAccountUserID');
  if (customId !== undefined) checkCustomId(customId);
  if (!context.state.isImported(context.sdkAppId, owner)) {
    reject(OWNER_NOT_IMPORTED_ERROR, `Owner_Account ${JSON.stringify(owner)} is not an imported user of this app.`);
  }
  if (customId !== undefined) checkIdFree(customId, context);

  const name = info.Name ?? '';
  const verdict = await context.callbacks.before('OfficialAccount.CallbackBeforeCreateOfficialAccount', {
    Operator_Account: context.identifier,
    Owner_Account: owner,
    Name: name,
  });
  if (verdict?.ErrorCode === 1) return failure(CREATE_REFUSED_BY_CALLBACK_ERROR, '(Refused by the BeforeCreateOfficialAccount callback.)');
  const custom = passedThrough(verdict);
  if (custom) return custom;
  // Another create may have taken the ID while the callback was pending.
  if (customId !== undefined) checkIdFree(customId, context);

  const id = customId ?? context.state.generateAccountId(context.sdkAppId);
  context.state.createAccount(context.sdkAppId, id, owner, {
    Name: name,
    Introduction: info.Introduction ?? '',
    FaceUrl: info.FaceUrl ?? '',
    Organization: info.Organization ?? '',
    CustomString: info.CustomString ?? '',
    MaxSubscriberNum: info.MaxSubscriberNum ?? DEFAULT_MAX_SUBSCRIBER_NUM,
  });
  context.callbacks.after('OfficialAccount.CallbackAfterCreateOfficialAccount', {
    Official_Account: id,
    Operator_Account: context.identifier,
    Owner_Account: owner,
    Name: name,
  });
  return success({ OfficialAccountUserID: id });
});
