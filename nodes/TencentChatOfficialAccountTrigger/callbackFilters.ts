import type { IDataObject } from 'n8n-workflow';

import { CALLBACK_BODY, REST_OPT_PLATFORM } from '../TencentChatOfficialAccount/tencent/callbacks';
import type { OutputMode } from './callbackItems';
import { DEFAULT_FORWARD_TIMEOUT_MS } from './triggerProperties';
import type { ForwardTarget } from './forwardCallback';

/** The trigger's Options collection as n8n hands it over (absent keys: not set). */
export interface TriggerOptions {
	output?: OutputMode;
	forwardUrl?: string;
	forwardTimeoutMs?: number;
	ignoreRestApiActions?: boolean;
	officialAccounts?: string[] | string;
}

export interface CallbackFilters {
	ignoreRestApiActions: boolean;
	/** Empty: every official account. */
	officialAccounts: Set<string>;
}

export function callbackFilters(options: TriggerOptions): CallbackFilters {
	const listed = Array.isArray(options.officialAccounts) ? options.officialAccounts : [options.officialAccounts ?? ''];
	return {
		ignoreRestApiActions: options.ignoreRestApiActions === true,
		officialAccounts: new Set(listed.map((id) => String(id).trim()).filter((id) => id !== '')),
	};
}

export function forwardTarget(options: TriggerOptions): ForwardTarget | undefined {
	const url = (options.forwardUrl ?? '').trim();
	if (url === '') return undefined;
	const timeoutMs = Number(options.forwardTimeoutMs);
	return { url, timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_FORWARD_TIMEOUT_MS };
}

/** Whether a callback starts no execution, judged from what the URL says (command and OptPlatform). */
export function skipsFromQuery(filters: CallbackFilters, events: string[], command: string, optPlatform: string | undefined): boolean {
	if (!events.includes(command)) return true;
	return filters.ignoreRestApiActions && optPlatform === REST_OPT_PLATFORM;
}

/** Whether the body's official account is not one the trigger listens to. */
export function skipsFromBody(filters: CallbackFilters, body: IDataObject): boolean {
	if (filters.officialAccounts.size === 0) return false;
	const account = body[CALLBACK_BODY.officialAccount];
	return typeof account !== 'string' || !filters.officialAccounts.has(account);
}
