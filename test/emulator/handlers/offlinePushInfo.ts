// OfflinePushInfo of send_official_account_msg (doc section 2.10): the documented keys, typed.
import { isRecord } from './context';
import { MALFORMED_PACKET_ERROR, objectWith, optionalInteger, optionalString, reject } from './validate';

const TOP_LEVEL = ['PushFlag', 'Title', 'Desc', 'Ext', 'AndroidInfo', 'ApnsInfo'];
const APNS_KEYS = ['Sound', 'BadgeMode', 'Title', 'SubTitle', 'Image', 'MutableContent'];

export function checkOfflinePushInfo(value: unknown): void {
  if (value === undefined) return;
  const info = objectWith(value, TOP_LEVEL, 'OfflinePushInfo');
  optionalInteger(info, 'PushFlag', 0, 1);
  for (const key of ['Title', 'Desc', 'Ext']) optionalString(info, key);
  if (info.AndroidInfo !== undefined) {
    // Vendor channel keys (XiaoMiChannelID, OPPOChannelID, ...) are many and not in our doc, so only Sound is checked.
    if (!isRecord(info.AndroidInfo)) reject(MALFORMED_PACKET_ERROR, 'OfflinePushInfo.AndroidInfo must be an object.');
    optionalString(info.AndroidInfo, 'Sound');
  }
  if (info.ApnsInfo !== undefined) {
    const apns = objectWith(info.ApnsInfo, APNS_KEYS, 'OfflinePushInfo.ApnsInfo');
    for (const key of ['Sound', 'Title', 'SubTitle', 'Image']) optionalString(apns, key);
    optionalInteger(apns, 'BadgeMode', 0, 1);
    optionalInteger(apns, 'MutableContent', 0, 1);
  }
}
