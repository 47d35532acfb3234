/**
 * The Tencent Cloud Chat REST contract used by this package: commands, body field names, result codes
 * and limits. Everything that talks to Tencent imports these names from here, so a correction to the
 * API (several facts below are not pinned down by Tencent's docs) is a one-line change.
 */

/** Every REST path is `https://{domain}/v4/{service}/{command}`. */
export const REST_API_VERSION = 'v4';

export const COMMANDS = {
	/** Cheap admin call used by the credential test. */
	accountCheck: 'im_open_login_svc/account_check',
	deleteSubscriber: 'official_account_open_http_svc/delete_subscriber',
} as const;

export type TencentCommand = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Query parameters every REST call carries (added by the credential's `authenticate`). */
export const QUERY = {
	sdkAppId: 'sdkappid',
	identifier: 'identifier',
	userSig: 'usersig',
	random: 'random',
	contentType: 'contenttype',
} as const;

/** Reply envelope shared by all commands. HTTP status is 200 for every business error. */
export const REPLY = {
	actionStatus: 'ActionStatus',
	errorCode: 'ErrorCode',
	errorInfo: 'ErrorInfo',
	ok: 'OK',
	fail: 'FAIL',
} as const;

export interface TencentReplyEnvelope {
	ActionStatus?: string;
	ErrorCode?: number;
	ErrorInfo?: string;
	[key: string]: unknown;
}

/**
 * `delete_subscriber` field names.
 * UNCERTAIN: Tencent's field table says `SubscriberList`, but every request sample (all languages) and
 * the only public SDK use `SubscriberToDel_Account`; we follow the samples. See the shared research doc §1.4.
 */
export const DELETE_SUBSCRIBER = {
	officialAccount: 'Official_Account',
	subscribersToDelete: 'SubscriberToDel_Account',
	resultList: 'SubscriberList',
	resultAccount: 'Subscriber_Account',
	result: 'Result',
} as const;

/** Per-subscriber `Result` of `delete_subscriber`. 2 means the user was not subscribed: gone either way. */
export const SUBSCRIBER_RESULT = {
	failed: 0,
	deleted: 1,
	notSubscribed: 2,
} as const;

/**
 * UNCERTAIN: no per-call maximum is documented for delete_subscriber; add_subscriber documents 100,
 * so we assume the same. Batch Size can be lowered by users, never raised past this.
 */
export const DELETE_SUBSCRIBER_MAX_IDS_PER_CALL = 100;

/** Documented frequency limit of every official-account REST API, per SDKAppID. */
export const API_CALLS_PER_SECOND_LIMIT = 200;

/** Official account IDs: printable ASCII, at most 48 bytes, prefixed `@TOA#_`. */
export const OFFICIAL_ACCOUNT_ID = {
	prefix: '@TOA#_',
	maxBytes: 48,
} as const;

/**
 * User IDs: non-empty printable ASCII, at most 32 bytes.
 * UNCERTAIN: taken from the client SDK's error 7003; REST may accept more.
 */
export const USER_ID_MAX_BYTES = 32;

/** `random` query parameter: a 32-bit unsigned integer. */
export const RANDOM_MAX = 0xffffffff;

/** Tencent's console documentation, linked from the credential and error descriptions. */
export const DOCS = {
	restOverview: 'https://trtc.io/document/34620',
	errorCodes: 'https://cloud.tencent.com/document/product/679/131708',
	deleteSubscriber: 'https://trtc.io/document/60761',
	userSig: 'https://trtc.io/document/34385',
} as const;
