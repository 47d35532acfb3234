/**
 * Tencent Cloud Chat third-party callbacks ("webhooks") of the official-account family: the command
 * strings, the query and body field names, the reply Tencent expects and the signature window. The
 * trigger node and the emulator's callback sender both take these names from here.
 * Sources: shared research docs official-accounts-api.md §4 and §8, tencent-chat-rest.md §5 (page keys as in
 * contract.ts: D = trtc.io/document/<n>, Z = its Chinese version, M = markdown mirrors of the webhook pages).
 */

/**
 * The 11 `OfficialAccount.*` callback commands, keyed by a short name, with the console's name for each and when
 * Tencent sends it (D60795–D60805, M; S CallbackCommand; official-accounts-api.md §4.3).
 */
export const CALLBACK_EVENTS = [
	{ key: 'beforeCreateOfficialAccount', name: 'Before Official Account Creation', command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount', description: 'Before an official account is created (REST create); a When Last Node Finishes reply with ErrorCode 1 refuses it' },
	{ key: 'afterCreateOfficialAccount', name: 'After Official Account Creation', command: 'OfficialAccount.CallbackAfterCreateOfficialAccount', description: 'After an official account was created' },
	{ key: 'afterOfficialAccountInfoChanged', name: 'After Official Account Info Changed', command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged', description: "After an official account's name, introduction, avatar or organization was changed" },
	{ key: 'afterOfficialAccountDestroyed', name: 'After Official Account Destroyed', command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed', description: 'After an official account was deleted' },
	{ key: 'beforeAddSubscriber', name: 'Before Add Subscriber', command: 'OfficialAccount.CallbackBeforeAddSubscriber', description: 'Before users subscribe (in the app or by REST add); the reply can refuse some of them or all' },
	{ key: 'afterAddSubscriber', name: 'After Add Subscriber', command: 'OfficialAccount.CallbackAfterAddSubscriber', description: 'After users subscribed (in the app or by REST add)' },
	{ key: 'afterOfficialAccountFull', name: 'After Official Account Full', command: 'OfficialAccount.CallbackAfterOfficialAccountFull', description: 'When a subscribe brought an account to its Max Subscribers' },
	{ key: 'afterDeleteSubscriber', name: 'After Delete Subscriber', command: 'OfficialAccount.CallbackAfterDeleteSubscriber', description: 'After users unsubscribed or were removed (in the app or by REST delete)' },
	{ key: 'beforeSendMsg', name: 'Before Message Is Sent', command: 'OfficialAccount.CallbackBeforeSendMsg', description: 'Before a broadcast is delivered; the reply (within 2 s) can refuse it, drop it silently or change its content' },
	{ key: 'afterSendMsg', name: 'After Message Is Sent', command: 'OfficialAccount.CallbackAfterSendMsg', description: 'After a broadcast was delivered to the subscribers, with its MsgKey' },
	{ key: 'afterMsgWithDraw', name: 'After Message Is Recalled', command: 'OfficialAccount.CallbackAfterMsgWithDraw', description: 'After sent messages were recalled, with their MsgKeys' },
] as const;

export type CallbackEventKey = (typeof CALLBACK_EVENTS)[number]['key'];

export const CALLBACK_COMMANDS = Object.fromEntries(CALLBACK_EVENTS.map((event) => [event.key, event.command])) as {
	[Key in CallbackEventKey]: Extract<(typeof CALLBACK_EVENTS)[number], { key: Key }>['command'];
};

/** Query parameters Tencent appends to the callback URL (every webhook page, M); `Sign` and `RequestTime` only with callback authentication on (269/32431). */
export const CALLBACK_QUERY = {
	sdkAppId: 'SdkAppid',
	callbackCommand: 'CallbackCommand',
	contentType: 'contenttype',
	clientIp: 'ClientIP',
	optPlatform: 'OptPlatform',
	requestTime: 'RequestTime',
	sign: 'Sign',
} as const;

/** Body fields of the official-account callbacks (M, Z60799, Z60802; `SubscribeAccountList`, without the "r" of the REST `SubscriberList`). */
export const CALLBACK_BODY = {
	callbackCommand: 'CallbackCommand',
	/** Milliseconds since the epoch (M, Z, S). */
	eventTime: 'EventTime',
	officialAccount: 'Official_Account',
	operatorAccount: 'Operator_Account',
	subscribeAccountList: 'SubscribeAccountList',
	subscriberAccount: 'Subscriber_Account',
} as const;

/** Fields of a reply to a Before callback, besides the ACK envelope (D60799 sample and field table, M). */
export const CALLBACK_REPLY = {
	/** The reply envelope (tencent-chat-rest.md §5, official-accounts-api.md §4 S `CallbackResponse.java`). */
	actionStatus: 'ActionStatus',
	errorInfo: 'ErrorInfo',
	/** 0 lets a Before callback's request go ahead, 1 refuses it (official-accounts-api.md §4, D60799). */
	errorCode: 'ErrorCode',
	/**
	 * Users refused by a Before Add Subscriber reply with ErrorCode 0.
	 * Tencent's prose once says `RefusedMembers_Account`, its sample and field table say this name (doc trap 5).
	 */
	refusedSubscribers: 'RefusedSubscribers_Account',
} as const;

/** The reply Tencent expects from every callback (M, Z60796; S CallbackResponse); for After callbacks its content is ignored. */
export const CALLBACK_ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 } as const;

/**
 * The reply field that refuses some users of a Before callback, by command; only Before Add Subscriber has one
 * (official-accounts-api.md §4, D60799).
 */
export const REFUSE_SOME_REPLY_FIELD: Partial<Record<string, string>> = {
	[CALLBACK_COMMANDS.beforeAddSubscriber]: CALLBACK_REPLY.refusedSubscribers,
};

/** ErrorCode in a Before callback reply that refuses the whole request (D60795, D60799, D60803). */
export const CALLBACK_REFUSE_ALL_ERROR_CODE = 1;

/** Callbacks whose `RequestTime` differs from the receiver's clock by more than this are replays (269/32431: "1 minute"). */
export const CALLBACK_SIGNATURE_WINDOW_SECONDS = 60;

/**
 * How long Tencent waits for the reply to a Before callback: the webhook overview (D34354) says every callback
 * times out after 2 s, Before callbacks are not retried, and a timed-out Before callback lets the request go ahead.
 */
export const BEFORE_CALLBACK_TIMEOUT_MS = 2000;

/** `OptPlatform` of callbacks raised by a REST API call. UNCERTAIN per command (inferred from the docs' value list). */
export const REST_OPT_PLATFORM = 'RESTAPI';
