// Command registry: the only paths the emulator serves; anything else is ErrorCode 60009.
import { accountCheck } from './accountCheck';
import { addSubscriber } from './addSubscriber';
import type { CommandHandler } from './context';
import { deleteSubscriber } from './deleteSubscriber';
import { getSubscriberInfo } from './getSubscriberInfo';

export type { CommandHandler, EmulatorCallbacks, HandlerContext } from './context';
export { NO_CALLBACKS } from './context';

export const COMMAND_HANDLERS: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['im_open_login_svc/account_check', accountCheck],
  ['official_account_open_http_svc/add_subscriber', addSubscriber],
  ['official_account_open_http_svc/delete_subscriber', deleteSubscriber],
  ['official_account_open_http_svc/get_subscriber_info', getSubscriberInfo],
]);
