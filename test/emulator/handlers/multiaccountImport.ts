// im_open_login_svc/multiaccount_import (doc section 9, D34954)
// Body, new form: {"AccountList": [{"UserID": string, "Nick"?: string, "FaceUrl"?: string}]}; old form:
// {"Accounts": [string]}. 1 to 100 users per call. Reply: FailAccounts, the UserIDs that were not imported.
// Importing an existing user succeeds (Tencent creates one internal ID only) and replaces its Nick / FaceUrl.
import { failure, success } from '../replies';
import type { UserProfile } from '../types';
import type { CommandHandler } from './context';
import { isRecord } from './context';

const MAX_IMPORT_ITEMS = 100;
/** A UserID is at most 32 bytes (D34954); the emulator takes printable ASCII, like the rest of the emulator's IDs. */
const MAX_USER_ID_BYTES = 32;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/** This API belongs to the account service, whose invalid-parameter code is 70402, not 20001. */
const INVALID_PARAMETER = 70402;

interface ImportItem {
  userId: string;
  profile: UserProfile;
}

function isValidUserId(id: string): boolean {
  return id !== '' && PRINTABLE_ASCII.test(id) && Buffer.byteLength(id, 'utf8') <= MAX_USER_ID_BYTES;
}

/** The body's users, or the ErrorInfo detail of a malformed body. */
function readItems(body: unknown): ImportItem[] | string {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  const keys = Object.keys(body);
  if (keys.length !== 1 || (keys[0] !== 'AccountList' && keys[0] !== 'Accounts')) return 'The body needs exactly one of AccountList or Accounts.';
  const list = body[keys[0]];
  if (!Array.isArray(list)) return `${keys[0]} must be an array.`;
  if (list.length === 0 || list.length > MAX_IMPORT_ITEMS) return `${keys[0]} must hold 1 to ${MAX_IMPORT_ITEMS} users.`;
  const items: ImportItem[] = [];
  for (const entry of list) {
    if (keys[0] === 'Accounts') {
      if (typeof entry !== 'string') return 'Accounts must be an array of UserID strings.';
      items.push({ userId: entry, profile: {} });
      continue;
    }
    if (!isRecord(entry) || typeof entry.UserID !== 'string') return 'Each AccountList item needs a UserID string.';
    const unknown = Object.keys(entry).filter((key) => !['UserID', 'Nick', 'FaceUrl'].includes(key));
    if (unknown.length > 0) return `An AccountList item has an unknown field ${JSON.stringify(unknown[0])}; allowed: UserID, Nick, FaceUrl.`;
    for (const field of ['Nick', 'FaceUrl'] as const) {
      if (entry[field] !== undefined && typeof entry[field] !== 'string') return `${field} must be a string.`;
    }
    items.push({ userId: entry.UserID, profile: { Nick: entry.Nick as string | undefined, FaceUrl: entry.FaceUrl as string | undefined } });
  }
  return items;
}

export const multiaccountImport: CommandHandler = (body, context) => {
  const items = readItems(body);
  if (typeof items === 'string') return failure(INVALID_PARAMETER, items);
  const failed: string[] = [];
  for (const { userId, profile } of items) {
    // Fault injection: scripted { resultZero } and options.failingImports / setFailingImports() fail chosen IDs.
    if (!isValidUserId(userId) || context.resultZero(userId) || context.state.failingImports.has(userId)) {
      if (!failed.includes(userId)) failed.push(userId);
      continue;
    }
    const given: UserProfile = {};
    if (profile.Nick !== undefined) given.Nick = profile.Nick;
    if (profile.FaceUrl !== undefined) given.FaceUrl = profile.FaceUrl;
    context.state.importUser(context.sdkAppId, userId, given);
  }
  return success({ FailAccounts: failed });
};
