import {
	COMMANDS,
	MSG_BODY_MAX_BYTES,
	MSG_BODY_TOO_LONG_ERROR_CODE,
	SEND_FREQUENCY_MAX_RETRIES,
	SEND_LIMIT_ERROR_CODES,
	SEND_MESSAGE,
	SENSITIVE_TEXT_ERROR_CODE,
	type TencentCommand,
} from './contract';

/**
 * Every Tencent Chat error code this package knows: what it means, how a user fixes it, and how the
 * transport handles it. The retry policy reads `handling` from here; error messages read the texts.
 * Each code names its source (page keys as in contract.ts; "REST code table" = tencent-chat-rest.md §3.5).
 */

/**
 * - `retry`: transient server trouble; retried with exponential backoff.
 * - `retryOnce`: retried a single time (10004 means "internal error" on this API's page but "invalid
 *   parameter" elsewhere — UNCERTAIN, so one retry and then surface it).
 * - `throttle`: frequency limit; retried after a longer backoff.
 * - `sendFrequency`: Send's per-account limit (10023); retried after the per-account interval, a few times only.
 * - `resign`: the UserSig expired; sign a fresh one and retry once.
 * - `waitMinute`: signature failures triggered a lock-out; do not retry.
 * - `final`: retrying cannot help.
 */
export type ErrorHandling = 'retry' | 'retryOnce' | 'throttle' | 'sendFrequency' | 'resign' | 'waitMinute' | 'final';

export type FailureCause =
	| 'rate-limited'
	| 'temporarily-unavailable'
	| 'credential-invalid'
	| 'configuration-invalid';

export interface TencentErrorCode {
	meaning: string;
	fix: string;
	handling: ErrorHandling;
	cause?: FailureCause;
	/** Wording for one command where the general one would mislead (130008 on create: "that ID is taken"). */
	byCommand?: Partial<Record<TencentCommand, { meaning?: string; fix?: string }>>;
}

const CHECK_CREDENTIAL =
	'Open the Tencent Chat credential and check the SDKAppID, Region, Secret Key and Admin Identifier against the Tencent Chat console (Applications > your app > Basic Information).';

export const TENCENT_ERROR_CODES: Readonly<Record<number, TencentErrorCode>> = {
	// Z60756 / Z60761 table: invalid request parameter.
	6017: {
		meaning: 'Tencent Chat rejected a request parameter',
		fix: 'Check the official account ID and subscriber IDs, and lower Batch Size if it is above 100.',
		handling: 'final',
		cause: 'configuration-invalid',
		byCommand: {
			[COMMANDS.createOfficialAccount]: { fix: 'Check the Owner (an imported UserID), the Name and the optional fields against their limits.' },
			[COMMANDS.modifyOfficialAccount]: { fix: 'Check the official account ID and the fields you set against their limits.' },
			[COMMANDS.getOfficialAccountInfo]: { fix: 'Check the official account IDs, and lower Batch Size if it is above 50.' },
			[COMMANDS.getSubscriberInfo]: { fix: 'Check the official account ID; if it persists, run the workflow again from the start of the list.' },
			[COMMANDS.modifySubscriber]: { fix: 'Check the official account ID, the subscriber ID (the user must be subscribed) and Custom String.' },
			[COMMANDS.getSubscribedAccounts]: { fix: 'Check the subscriber ID (a UserID of this app).' },
			[COMMANDS.sendMessage]: { fix: 'Check the message: its elements, texts and options.' },
			[COMMANDS.recallMessages]: { fix: 'Check the message keys (as Send returned them) and the reason (at most 100 bytes).' },
		},
	},
	// Z60756 / Z60761: internal error, retry; Z60811 and V2TIMErrorCode.h ERR_SVR_GROUP_INVALID_PARAMETERS: invalid parameter.
	10004: {
		meaning: 'Tencent Chat could not serve the request, or found a parameter invalid',
		fix: 'Run the workflow again; if it keeps happening, check the official account ID and subscriber IDs.',
		handling: 'retryOnce',
	},
	// Z60756 / Z60761: invalid request packet (V2TIMErrorCode.h ERR_SVR_MSG_PKG_PARSE_FAILED).
	20001: {
		meaning: 'Tencent Chat could not read the request',
		fix: 'Check that the subscriber IDs are plain strings. If they are, report this to the node maintainers.',
		handling: 'final',
	},
	// Z60756 / Z60761: internal error, retry (V2TIMErrorCode.h ERR_SVR_MSG_INTERNAL_ERROR1).
	20005: {
		meaning: 'Tencent Chat could not serve the request right now',
		fix: 'Run the workflow again later.',
		handling: 'retry',
		cause: 'temporarily-unavailable',
	},
	// Z60756 / Z60761: insufficient permission.
	130002: {
		meaning: 'The admin account may not manage this official account',
		fix: 'Use an App admin as Admin Identifier in the credential and check the official account ID.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// Z60756: the official account does not exist or was destroyed.
	130004: {
		meaning: 'The official account does not exist or was destroyed',
		fix: 'Check the Official Account ID (it looks like @TOA#_...) and that it belongs to this SDKAppID.',
		handling: 'final',
		cause: 'configuration-invalid',
		byCommand: {
			[COMMANDS.destroyOfficialAccount]: { meaning: 'The official account does not exist or was already deleted' },
		},
	},
	// Z60756: the official account ID is wrong.
	130007: {
		meaning: 'The official account ID is not valid',
		fix: 'Use the ID Tencent Chat returned when the account was created; it starts with @TOA#_.',
		handling: 'final',
		cause: 'configuration-invalid',
		byCommand: {
			[COMMANDS.createOfficialAccount]: {
				meaning: 'Tencent Chat did not accept the Custom ID',
				fix: 'Use a Custom ID that starts with @TOA#_ (but not @TOA#_@TOA#), in printable ASCII, at most 48 bytes, or leave it empty.',
			},
		},
	},
	// Z60756: the official account ID is already in use.
	130008: {
		meaning: 'The official account ID is already in use',
		fix: 'Choose another official account ID.',
		handling: 'final',
		cause: 'configuration-invalid',
		byCommand: {
			[COMMANDS.createOfficialAccount]: {
				meaning: 'That official account ID is taken: another account of this app already has it',
				fix: 'Choose another Custom ID, or leave it empty and let Tencent Chat assign one.',
			},
		},
	},
	// D60795: the Before Create callback answered ErrorCode 1.
	20006: {
		meaning: "The app's Before Create Official Account callback refused the account",
		fix: 'Check the rules of the callback receiver configured in the Tencent Chat console (Callback Configuration).',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// Z60811: internal error, retry (V2TIMErrorCode.h ERR_SVR_GROUP_INTERNAL_ERROR).
	10002: {
		meaning: 'Tencent Chat could not serve the message request right now',
		fix: 'Run the workflow again.',
		handling: 'retryOnce',
		cause: 'temporarily-unavailable',
	},
	// Z60811: invalid command word (V2TIMErrorCode.h ERR_SVR_GROUP_API_NAME_ERROR).
	10003: {
		meaning: 'Tencent Chat did not recognise the message command',
		fix: 'Check the Base URL in the credential; if it is right, report this to the node maintainers.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// Z60811: insufficient permission (V2TIMErrorCode.h ERR_SVR_GROUP_PERMISSION_DENY).
	10007: {
		meaning: 'The admin account may not do this with the official account',
		fix: 'Use an App admin as Admin Identifier and check the official account ID.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// Z60811: the official account does not exist or was destroyed (V2TIMErrorCode.h ERR_SVR_GROUP_NOT_FOUND).
	10010: {
		meaning: 'The official account does not exist or was destroyed',
		fix: 'Check the Official Account ID (it looks like @TOA#_...) and that it belongs to this SDKAppID.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_GROUP_SEND_MSG_FREQ_LIMIT. Send reads it as its own limits (SEND_LIMIT_ERRORS below).
	10023: {
		meaning: 'Tencent Chat refused the message: messages are sent too often',
		fix: 'Space the messages further apart, then run the workflow again.',
		handling: 'final',
		cause: 'rate-limited',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_SENSITIVE_TEXT: the message is not delivered.
	[SENSITIVE_TEXT_ERROR_CODE]: {
		meaning: "Tencent Chat blocked the message: its text contains words Tencent's content moderation refuses",
		fix: 'Reword the message (its texts, custom Data and Desc, and the push texts) and send it again; nothing was delivered. If the words are fine, check the content moderation settings of the app in the Tencent Chat console.',
		handling: 'final',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_BODY_SIZE_LIMIT: at most 8k; the message is not delivered.
	[MSG_BODY_TOO_LONG_ERROR_CODE]: {
		meaning: `Tencent Chat refused the message as too long: a message body may have at most ${MSG_BODY_MAX_BYTES / 1024} KB`,
		fix: `Shorten the message (its texts, custom Data, or the elements) and send it again; nothing was delivered. The node checks for ${MSG_BODY_MAX_BYTES} bytes of MsgBody JSON before sending; Tencent Chat counted more, e.g. a message changed by the Before Send callback.`,
		handling: 'final',
	},
	// D60803, Z60803: the Before Send callback answered ErrorCode 1 (V2TIMErrorCode.h ERR_SVR_GROUP_REJECT_FROM_THIRDPARTY).
	10016: {
		meaning: "The app's Before Send Message callback refused the message",
		fix: 'Check the rules of the callback receiver configured in the Tencent Chat console (Callback Configuration).',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// Z60756: the official account service is not enabled.
	131000: {
		meaning: 'The official account service is not enabled for this SDKAppID',
		fix: 'Enable official accounts for the app in the Tencent Chat console (Enterprise edition or trial).',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_HTTP_URL; REST code table (679/131708).
	60002: {
		meaning: 'Tencent Chat could not parse the HTTP request',
		fix: 'Check the Base URL in the credential; it must be the REST API domain without a path.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REQ_JSON_PARSE_FAILED.
	60003: {
		meaning: 'Tencent Chat could not parse the request body',
		fix: 'Report this to the node maintainers.',
		handling: 'final',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_ACCOUNT.
	60004: {
		meaning: 'The account or signature in the request is wrong',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_ACCOUNT_EX.
	60005: {
		meaning: 'The account or signature in the request is wrong',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_SDKAPPID.
	60006: {
		meaning: 'The SDKAppID is not valid',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REST_FREQ_LIMIT; REST code table (679/131708).
	60007: {
		meaning: 'The REST API call frequency limit was exceeded',
		fix: 'Lower Max Requests per Second in the node options, or spread the workflow runs over time.',
		handling: 'throttle',
		cause: 'rate-limited',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REQUEST_TIMEOUT.
	60008: {
		meaning: 'Tencent Chat timed out serving the request',
		fix: 'Run the workflow again.',
		handling: 'retry',
		cause: 'temporarily-unavailable',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_RES.
	60009: {
		meaning: 'Tencent Chat does not know this API path',
		fix: 'Check the Base URL in the credential; it must be the REST API domain without a path.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_ID_NOT_ADMIN.
	60010: {
		meaning: 'The Admin Identifier is not an App admin',
		fix: 'Use an App admin account as Admin Identifier (Tencent Chat console > Account Management > App admin).',
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_SDKAPPID_FREQ_LIMIT; REST code table (679/131708).
	60011: {
		meaning: 'The SDKAppID request frequency limit was exceeded',
		fix: 'Lower Max Requests per Second, or pause other systems that call this app at the same time.',
		handling: 'throttle',
		cause: 'rate-limited',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_SDKAPPID_MISS.
	60012: {
		meaning: 'The request carried no SDKAppID',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_RSP_JSON_PARSE_FAILED.
	60013: {
		meaning: 'Tencent Chat could not build its reply',
		fix: 'Run the workflow again.',
		handling: 'retryOnce',
		cause: 'temporarily-unavailable',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_EXCHANGE_ACCOUNT_TIMEUT.
	60014: {
		meaning: 'Tencent Chat timed out exchanging the account',
		fix: 'Run the workflow again.',
		handling: 'retry',
		cause: 'temporarily-unavailable',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_INVALID_ID_FORMAT.
	60015: {
		meaning: 'An account in the request body is not a string',
		fix: 'Give subscriber IDs as text; if they are, report this to the node maintainers.',
		handling: 'final',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_SDKAPPID_FORBIDDEN.
	60016: {
		meaning: 'The SDKAppID is disabled',
		fix: 'In the Tencent Chat console, check the app status.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REQ_FORBIDDEN.
	60017: {
		meaning: 'Tencent Chat disabled this request',
		fix: 'In the Tencent Chat console, check the app status and its feature switches.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REQ_FREQ_LIMIT: generic "requests too frequent", not Send's own limits (10023).
	60018: {
		meaning: 'Requests are too frequent',
		fix: 'Lower Max Requests per Second in the node options.',
		handling: 'throttle',
		cause: 'rate-limited',
	},
	// V2TIMErrorCode.h ERR_SVR_COMM_REQ_FREQ_LIMIT_EX: generic "requests too frequent", not Send's own limits (10023).
	60019: {
		meaning: 'Requests are too frequent',
		fix: 'Lower Max Requests per Second in the node options.',
		handling: 'throttle',
		cause: 'rate-limited',
	},
	// REST code table (679/131708): Pro package expired (V2TIMErrorCode.h ERR_SVR_COMM_INVALID_SERVICE: no package in force).
	60020: {
		meaning: 'The Pro package of this app has expired',
		fix: 'In the Tencent Chat console, renew the package.',
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// REST code table (679/131708): call from an IP address not on the allow-list.
	60021: {
		meaning: 'REST calls from this IP address are not allowed',
		fix: "In the Tencent Chat console, add the n8n server's public IP to the app's REST API IP allow-list.",
		handling: 'final',
		cause: 'configuration-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_EXPIRED.
	70001: {
		meaning: 'The UserSig has expired',
		fix: 'The node signs a new one automatically; if this persists, check the server clock and UserSig Validity.',
		handling: 'resign',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_CHECK_FAILED.
	70003: {
		meaning: 'Tencent Chat could not parse the UserSig',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_MISMATCH_PUBLICKEY.
	70009: {
		meaning: 'The UserSig did not verify: it was probably signed with another app\'s secret key',
		fix: 'Copy the secret key again from the Tencent Chat console (Basic Information > Display key) into the credential.',
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_MISMATCH_ID.
	70013: {
		meaning: 'The identifier does not match the UserSig',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_MISMATCH_SDKAPPID.
	70014: {
		meaning: 'The SDKAppID does not match the UserSig',
		fix: CHECK_CREDENTIAL,
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_USERSIG_PUBLICKEY_NOT_FOUND; REST code table: check the data centre.
	70016: {
		meaning: 'Tencent Chat found no key for this SDKAppID in this data centre',
		fix: 'Choose the Region your app was created in (shown in the Tencent Chat console) in the credential.',
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_SDKAPPID_NOT_FOUND; REST code table: check the data centre.
	70020: {
		meaning: 'Tencent Chat does not know this SDKAppID in this data centre',
		fix: 'Check the SDKAppID and choose the Region your app was created in.',
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_FREQ_LIMIT: too many failed signatures, try again after a minute.
	70050: {
		meaning: 'Too many UserSigs did not verify: Tencent Chat is refusing this SDKAppID for a while',
		fix: 'Wait one minute, fix the Secret Key and Admin Identifier in the credential, then run the workflow again.',
		handling: 'waitMinute',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_BLACKLIST.
	70051: {
		meaning: 'The admin account is blacklisted',
		fix: 'Use another App admin as Admin Identifier.',
		handling: 'final',
		cause: 'credential-invalid',
	},
	// V2TIMErrorCode.h ERR_SVR_ACCOUNT_NOT_FOUND: the user account was never imported.
	70107: {
		meaning: 'A UserID in the request (or the admin account) was never imported into this app',
		fix: 'Import the user first with this node\'s User → Import (User → Check tells which UserIDs are imported); if it is the admin account, use an existing App admin as Admin Identifier.',
		handling: 'final',
		cause: 'credential-invalid',
		byCommand: {
			// UNCERTAIN which code Tencent gives for an owner that is not imported; 70107 is its "not imported".
			[COMMANDS.createOfficialAccount]: {
				meaning: 'The Owner (or the admin account) is not a user of this app',
				fix: 'Import the Owner first with this node\'s User → Import (User → Check tells whether it is), then run this item again.',
			},
			[COMMANDS.addSubscriber]: {
				meaning: 'A subscriber (or the admin account) was never imported into this app',
				fix: 'Import the subscribers first with this node\'s User → Import (User → Check tells which UserIDs are imported), then add them again.',
			},
		},
	},
};

const perSecond = SEND_MESSAGE.perAccountIntervalMs === 1000 ? 'per second' : `per ${SEND_MESSAGE.perAccountIntervalMs / 1000} s`;

/**
 * Send's own limits (1 message/s and 2 broadcasts/hour per account) answer one code (contract.ts
 * SEND_LIMIT_ERROR_CODES), so these words apply to send_official_account_msg only and take precedence there over
 * the generic meaning of the same code. No duplicate code exists: contract.ts DUPLICATE_SEND_ANSWER.
 */
const SEND_LIMIT_ERRORS: Readonly<Record<number, TencentErrorCode>> = {
	[SEND_LIMIT_ERROR_CODES.perSecond]: {
		meaning: `Tencent Chat refused the message as too frequent: an official account may send 1 message ${perSecond} and ${SEND_MESSAGE.perAccountPerHour} broadcasts per hour`,
		fix: `The node sends the same message again after a second, at most ${SEND_FREQUENCY_MAX_RETRIES} times (it cannot go out twice); when that does not help, the hourly limit is the likely cause: try again one hour after the older of this account's last ${SEND_MESSAGE.perAccountPerHour} broadcasts (Tencent Chat may say when in its message above). If another system sends from this account at the same time, space the sends.`,
		// Not delivered, so the same body (same Random) goes again once the second has passed; see retryPolicy.ts.
		handling: 'sendFrequency',
		cause: 'rate-limited',
	},
};

/** What the transport does with a code it has never seen. */
export const UNKNOWN_ERROR_CODE: TencentErrorCode = {
	meaning: 'Tencent Chat refused the request',
	fix: 'Look the code up in the Tencent Chat documentation (REST API codes) and check the node parameters.',
	handling: 'final',
};

/** The catalogue entry of a code, worded for the command when the catalogue has words for it. */
export function describeErrorCode(code: number, command?: TencentCommand): TencentErrorCode {
	const sendLimit = command === COMMANDS.sendMessage ? SEND_LIMIT_ERRORS[code] : undefined;
	if (sendLimit) return sendLimit;
	const known = TENCENT_ERROR_CODES[code] ?? UNKNOWN_ERROR_CODE;
	const worded = command ? known.byCommand?.[command] : undefined;
	return worded ? { ...known, ...worded } : known;
}
