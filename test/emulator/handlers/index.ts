// Command registry: the only paths the emulator serves; anything else is ErrorCode 60009.
import { accountCheck } from './accountCheck';
import { addSubscriber } from './addSubscriber';
import type { CommandHandler } from './context';
import { createOfficialAccount } from './createOfficialAccount';
import { deleteSubscriber } from './deleteSubscriber';
import { destroyOfficialAccount } from './destroyOfficialAccount';
import { getOfficialAccountInfo } from './getOfficialAccountInfo';
import { getSimpleMsgs } from './getSimpleMsgs';
import { getSubscribedOfficialAccountList } from './getSubscribedList';
import { getSubscriberInfo } from './getSubscriberInfo';
import { modifyOfficialAccountBaseInfo } from './modifyOfficialAccount';
import { modifySubscriberInfo } from './modifySubscriberInfo';
import { multiaccountImport } from './multiaccountImport';
import { recallMsg } from './recallMsg';
import { sendOfficialAccountMsg } from './sendOfficialAccountMsg';

export type { CommandHandler, EmulatorCallbacks, HandlerContext } from './context';
export { NO_CALLBACKS } from './context';

const OA = 'official_account_open_http_svc';

export const COMMAND_HANDLERS: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['im_open_login_svc/account_check', accountCheck],
  ['im_open_login_svc/multiaccount_import', multiaccountImport],
  [`${OA}/create_official_account`, createOfficialAccount],
  [`${OA}/destroy_official_account`, destroyOfficialAccount],
  [`${OA}/modify_official_account_base_info`, modifyOfficialAccountBaseInfo],
  [`${OA}/get_official_account_info`, getOfficialAccountInfo],
  [`${OA}/add_subscriber`, addSubscriber],
  [`${OA}/delete_subscriber`, deleteSubscriber],
  [`${OA}/get_subscriber_info`, getSubscriberInfo],
  [`${OA}/modify_subscriber_info`, modifySubscriberInfo],
  [`${OA}/get_subscribed_official_account_list`, getSubscribedOfficialAccountList],
  [`${OA}/send_official_account_msg`, sendOfficialAccountMsg],
  [`${OA}/official_account_msg_recall`, recallMsg],
  [`${OA}/official_account_msg_get_simple`, getSimpleMsgs],
]);
