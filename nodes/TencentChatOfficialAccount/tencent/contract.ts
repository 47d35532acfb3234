/**
 * The Tencent Cloud Chat REST contract used by this package: commands, body field names, result codes
 * and limits. Everything that talks to Tencent imports these names from here, so a correction to the
 * API (several facts below are not pinned down by Tencent's docs) is a one-line change.
 *
 * Every constant names its source: Dnnnnn = the English doc page https://trtc.io/document/nnnnn (same text as
 * tencentcloud.com/document/product/1047/nnnnn), Znnnnn = its Chinese version; V2TIMErrorCode.h = the error header
 * of Tencent's client SDK (its server codes); S = the doocs Java server SDK (a copy of the Chinese docs). UNCERTAIN
 * marks what no source pins down. The research behind them: official-accounts-api.md (§8: the check against
 * Tencent's own sources) and tencent-chat-rest.md in the shared docs.
 */

/** Every REST path is `https://{domain}/v4/{service}/{command}` (D34620). */
export const REST_API_VERSION = 'v4';

/** D60755–D60812: the service of all 12 official-account commands. */
const OFFICIAL_ACCOUNT_SERVICE = 'official_account_open_http_svc';

/** Command paths: each from its own doc page (D60755 … D60812; account_check: the user-account pages). */
export const COMMANDS = {
	/** Cheap admin call used by the credential test (im_open_login_svc, official-accounts-api.md §9). */
	accountCheck: 'im_open_login_svc/account_check',
	/** User → Import (D34954, doc §9); its fields are in IMPORT_USERS. */
	multiaccountImport: 'im_open_login_svc/multiaccount_import',
	createOfficialAccount: `${OFFICIAL_ACCOUNT_SERVICE}/create_official_account`,
	destroyOfficialAccount: `${OFFICIAL_ACCOUNT_SERVICE}/destroy_official_account`,
	modifyOfficialAccount: `${OFFICIAL_ACCOUNT_SERVICE}/modify_official_account_base_info`,
	getOfficialAccountInfo: `${OFFICIAL_ACCOUNT_SERVICE}/get_official_account_info`,
	getSubscriberInfo: `${OFFICIAL_ACCOUNT_SERVICE}/get_subscriber_info`,
	addSubscriber: `${OFFICIAL_ACCOUNT_SERVICE}/add_subscriber`,
	deleteSubscriber: `${OFFICIAL_ACCOUNT_SERVICE}/delete_subscriber`,
	modifySubscriber: `${OFFICIAL_ACCOUNT_SERVICE}/modify_subscriber_info`,
	getSubscribedAccounts: `${OFFICIAL_ACCOUNT_SERVICE}/get_subscribed_official_account_list`,
	sendMessage: `${OFFICIAL_ACCOUNT_SERVICE}/send_official_account_msg`,
	recallMessages: `${OFFICIAL_ACCOUNT_SERVICE}/official_account_msg_recall`,
	getMessages: `${OFFICIAL_ACCOUNT_SERVICE}/official_account_msg_get_simple`,
} as const;

export type TencentCommand = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Query parameters every REST call carries (added by the credential's `authenticate`); D34620. */
export const QUERY = {
	sdkAppId: 'sdkappid',
	identifier: 'identifier',
	userSig: 'usersig',
	random: 'random',
	contentType: 'contenttype',
} as const;

/** Reply envelope shared by all commands. HTTP status is 200 for every business error (Z60756, D60761, S GenericResult). */
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

/** Per-subscriber `Result` of `delete_subscriber` (D60761, Z60761, S). 2 means the user was not subscribed: gone either way. */
export const SUBSCRIBER_RESULT = {
	failed: 0,
	deleted: 1,
	notSubscribed: 2,
} as const;

/** `add_subscriber`: `{Official_Account, SubscriberList: [{Subscriber_Account}]}`, same reply list as delete (D60760, S). */
export const ADD_SUBSCRIBER = {
	officialAccount: 'Official_Account',
	subscribersToAdd: 'SubscriberList',
	subscriberAccount: 'Subscriber_Account',
	resultList: 'SubscriberList',
	resultAccount: 'Subscriber_Account',
	result: 'Result',
} as const;

/** Per-subscriber `Result` of `add_subscriber` (D60760, S). 2 means already subscribed: subscribed either way. */
export const ADD_RESULT = {
	failed: 0,
	added: 1,
	alreadySubscribed: 2,
} as const;

/** At most 100 users per add_subscriber call (D60760 sample comment, C102308). */
export const ADD_SUBSCRIBER_MAX_IDS_PER_CALL = 100;

/** Fields of an official account as Tencent names them, request and reply alike (D60813, D60755, S). */
export const ACCOUNT_FIELD = {
	officialAccount: 'Official_Account',
	/** create_official_account's name for the custom ID, and its reply's name for the new ID. */
	createdId: 'OfficialAccountUserID',
	owner: 'Owner_Account',
	name: 'Name',
	introduction: 'Introduction',
	faceUrl: 'FaceUrl',
	maxSubscriberNum: 'MaxSubscriberNum',
	organization: 'Organization',
	customString: 'CustomString',
	subscriberNum: 'SubscriberNum',
	lastMsgTime: 'LastMsgTime',
	createTime: 'CreateTime',
} as const;

/** UTF-8 byte limits of the account and subscriber text fields ("1 Chinese character = 3 bytes"): D60755, Z60755, D60813. */
export const TEXT_FIELD_MAX_BYTES = {
	Name: 150,
	Introduction: 400,
	FaceUrl: 500,
	Organization: 500,
	CustomString: 3000,
	/** Recall reason (D60811, Z60811). */
	Reason: 100,
} as const;

/**
 * Custom official account IDs "cannot be @TOA#_@TOA#" (D60813): system-assigned IDs all start with it, and the doc
 * forbids it "to avoid confusion with the default assigned ID", so it is a reserved prefix (official-accounts-api.md §8).
 */
export const RESERVED_CUSTOM_ID_PREFIX = '@TOA#_@TOA#';

/**
 * `modify_official_account_base_info`: the account's fields (ACCOUNT_FIELD) that change, and its ID under
 * `Official_Account` (D60757 sample and table; the Java SDK sends `OfficialAccount`, which the docs never use).
 */
export const MODIFY_ACCOUNT = {
	officialAccount: 'Official_Account',
} as const;

/** `get_official_account_info` (D60758, Z60758, S). */
export const GET_ACCOUNT_INFO = {
	idList: 'OfficialAccountIdList',
	responseFilter: 'ResponseFilter',
	baseInfoFilter: 'OfficialAccountBaseInfoFilter',
	resultList: 'OfficialAccountInfoList',
	/** UNCERTAIN: only one source says each result carries its ID (and a per-item ErrorCode). */
	resultAccount: 'Official_Account',
	/** UNCERTAIN (one source): each result's own code; 0 = found, e.g. 130004 = no such account. */
	resultErrorCode: 'ErrorCode',
	resultErrorInfo: 'ErrorInfo',
	/**
	 * UNCERTAIN: the docs say "one item per requested ID"; when the results carry no ID, they are matched to
	 * the request by position, but only if there are exactly as many as IDs asked for.
	 */
	matchResultsByPosition: true,
	/** D60758, Z60758, S. */
	maxIdsPerCall: 50,
	/** The values ResponseFilter accepts (D60758, Z60758, S). */
	filterFields: ['CreateTime', 'Name', 'Owner_Account', 'LastMsgTime', 'SubscriberNum', 'Introduction', 'FaceUrl', 'Organization', 'CustomString'],
} as const;

/** `get_subscriber_info`: `Next` is a string cursor, `""` on the first call and at the end; Limit ≤ 200 (D60759, Z60759, S). */
export const GET_SUBSCRIBERS = {
	officialAccount: 'Official_Account',
	limit: 'Limit',
	next: 'Next',
	total: 'SubscriberNum',
	list: 'SubscriberList',
	maxPageSize: 200,
} as const;

/** Fields of one subscriber in `get_subscriber_info`'s SubscriberList (D60759 sample, D60813). */
export const SUBSCRIBER_FIELD = {
	account: 'Subscriber_Account',
	/** Unix seconds. */
	subscribeTime: 'SubscribeTime',
	customString: 'CustomString',
	/** A string (`AcceptAndNotify` | `AcceptNotNotify` | `Discard`); the Java SDK's Integer type is wrong (doc §5 #3). */
	msgFlag: 'MsgFlag',
	/** Unix seconds of the subscriber's last message; 0 = never. */
	lastSendMsgTime: 'LastSendMsgTime',
} as const;

/** `modify_subscriber_info` (C102310, S). */
export const MODIFY_SUBSCRIBER = {
	officialAccount: 'Official_Account',
	subscriber: 'Subscriber_Account',
	customString: 'CustomString',
} as const;

/** `get_subscribed_official_account_list`: `Offset` in, `Next` (an integer offset) and `CompleteFlag` out; Limit ≤ 200 (D60763, Z60763, S). */
export const GET_SUBSCRIBED = {
	subscriber: 'Subscriber_Account',
	limit: 'Limit',
	offset: 'Offset',
	list: 'OfficialAccountInfoList',
	/** UNCERTAIN (one source): total, completion flag and next offset. */
	total: 'TotalCount',
	completeFlag: 'CompleteFlag',
	next: 'Next',
	/** UNCERTAIN (one source): CompleteFlag 1 = the last page. */
	completeFlagDone: 1,
	/** UNCERTAIN (one source): the subscriber's own data on each account, `{ SubscribeTime, CustomString }`. */
	selfInfo: 'SelfInfo',
	subscribeTime: 'SubscribeTime',
	selfCustomString: 'CustomString',
	maxPageSize: 200,
} as const;

/** UNCERTAIN: no maximum MaxSubscriberNum is documented; Tencent's type is a 32-bit integer. */
export const MAX_SUBSCRIBER_NUM_CEILING = 2147483647;

/** `send_official_account_msg` (D60810, S). */
export const SEND_MESSAGE = {
	officialAccount: 'Official_Account',
	random: 'Random',
	msgBody: 'MsgBody',
	cloudCustomData: 'CloudCustomData',
	offlinePushInfo: 'OfflinePushInfo',
	sendMsgControl: 'SendMsgControl',
	noLastMsg: 'NoLastMsg',
	/** UNCERTAIN (S only): 1 = only online subscribers. */
	onlineOnlyFlag: 'OnlineOnlyFlag',
	/** Reply fields (S; MsgKey form `Seq_1_ServerTime` in D60812, MsgTime in Unix seconds as in callback D60804). */
	msgKey: 'MsgKey',
	msgTime: 'MsgTime',
	/** At most one message per second per account (D60810, S guide). */
	perAccountIntervalMs: 1000,
	/** At most 2 broadcast messages per hour per account (D60810, S guide). */
	perAccountPerHour: 2,
	/** Identical content within 5 minutes is discarded as a duplicate (D60810 overview). */
	duplicateWindowMs: 5 * 60 * 1000,
} as const;

/** Message element types (MsgBody[].MsgType): D33527, S MsgType. */
export const MSG_TYPE = {
	text: 'TIMTextElem',
	custom: 'TIMCustomElem',
	image: 'TIMImageElem',
	face: 'TIMFaceElem',
	location: 'TIMLocationElem',
	sound: 'TIMSoundElem',
	file: 'TIMFileElem',
	video: 'TIMVideoFileElem',
} as const;

/** Every message element is `{ MsgType, MsgContent }`; at most one TIMCustomElem per message (D33527, S TIMMsgElement). */
export const MSG_ELEMENT = {
	msgType: 'MsgType',
	msgContent: 'MsgContent',
	maxCustomElements: 1,
} as const;

/** MsgContent fields of the element types (D33527, S TIM*MsgElement). */
export const TEXT_CONTENT = { text: 'Text' } as const;
export const CUSTOM_CONTENT = { data: 'Data', desc: 'Desc', ext: 'Ext', sound: 'Sound' } as const;
export const IMAGE_CONTENT = {
	uuid: 'UUID',
	imageFormat: 'ImageFormat',
	infoArray: 'ImageInfoArray',
	type: 'Type',
	size: 'Size',
	width: 'Width',
	height: 'Height',
	url: 'URL',
} as const;

export const FACE_CONTENT = { index: 'Index', data: 'Data' } as const;
export const LOCATION_CONTENT = { desc: 'Desc', latitude: 'Latitude', longitude: 'Longitude' } as const;
export const SOUND_CONTENT = { url: 'Url', size: 'Size', second: 'Second' } as const;
export const FILE_CONTENT = { url: 'Url', fileSize: 'FileSize', fileName: 'FileName' } as const;
export const VIDEO_CONTENT = {
	videoUrl: 'VideoUrl',
	videoSize: 'VideoSize',
	videoSecond: 'VideoSecond',
	videoFormat: 'VideoFormat',
	thumbUrl: 'ThumbUrl',
	thumbWidth: 'ThumbWidth',
	thumbHeight: 'ThumbHeight',
} as const;

/** ImageFormat values (D33527). */
export const IMAGE_FORMAT = { jpg: 1, gif: 2, png: 3, bmp: 4, other: 255 } as const;
/** ImageInfoArray[].Type: 1 original, 2 large, 3 thumbnail (D33527). */
export const IMAGE_INFO_TYPE = { original: 1, large: 2, thumbnail: 3 } as const;

/**
 * MsgContent fields a REST sender must fill, per element type (D33527 and its Korean copy: image needs UUID and,
 * per ImageInfoArray entry, URL, Width and Height). Types not listed are passed through unchecked.
 */
export const MSG_CONTENT_REQUIRED: Readonly<Record<string, readonly string[]>> = {
	[MSG_TYPE.text]: [TEXT_CONTENT.text],
	[MSG_TYPE.image]: [IMAGE_CONTENT.uuid, IMAGE_CONTENT.infoArray],
	[MSG_TYPE.face]: [FACE_CONTENT.index],
	[MSG_TYPE.location]: [LOCATION_CONTENT.desc, LOCATION_CONTENT.latitude, LOCATION_CONTENT.longitude],
	[MSG_TYPE.sound]: [SOUND_CONTENT.url],
	[MSG_TYPE.file]: [FILE_CONTENT.url],
	[MSG_TYPE.video]: [VIDEO_CONTENT.videoUrl, VIDEO_CONTENT.thumbUrl],
};
/** D33527 (Korean copy): each ImageInfoArray entry of a REST-sent image. */
export const IMAGE_INFO_REQUIRED = [IMAGE_CONTENT.type, IMAGE_CONTENT.url, IMAGE_CONTENT.width, IMAGE_CONTENT.height] as const;

/** `OfflinePushInfo` of send_official_account_msg (D60810 sample, S OfflinePushInfo). */
export const OFFLINE_PUSH = {
	pushFlag: 'PushFlag',
	title: 'Title',
	desc: 'Desc',
	ext: 'Ext',
	androidInfo: 'AndroidInfo',
	apnsInfo: 'ApnsInfo',
	sound: 'Sound',
	badgeMode: 'BadgeMode',
	/** PushFlag 0 = push normally. */
	pushNormally: 0,
	/** ApnsInfo.BadgeMode: 0 (or absent) counts the badge, 1 leaves it alone. */
	badgeCount: 0,
	badgeUnchanged: 1,
} as const;

/** OnlineOnlyFlag 1 = only subscribers online now. UNCERTAIN (S only; echoed by callbacks D60803/D60804). */
export const ONLINE_ONLY = 1;

// ---- Send's and Recall's own codes, each with its source (official-accounts-api.md §8) ----

/**
 * The code of Send's per-account limits (1 message/s, 2 broadcasts/hour): 10023, V2TIMErrorCode.h
 * ERR_SVR_GROUP_SEND_MSG_FREQ_LIMIT "message sending frequency exceeded"; a third-party integration's notes say
 * official-account broadcasts answer it. UNCERTAIN that the hourly limit has no code of its own, so both share it.
 * (60018 / 60019 are only the generic "requests too frequent", ERR_SVR_COMM_REQ_FREQ_LIMIT(_EX).)
 */
export const SEND_LIMIT_ERROR_CODES = {
	perSecond: 10023,
	perHour: 10023,
} as const;

/**
 * 10023 is retried this many times, each at least SEND_MESSAGE.perAccountIntervalMs after the refusal (D60810's 1/s).
 * Our choice: the hourly limit may answer the same code, and waiting seconds cannot help it, so Send stops there.
 */
export const SEND_FREQUENCY_MAX_RETRIES = 2;

/**
 * UNCERTAIN (no source): what Tencent answers a send it drops as a duplicate (D60810 says only that identical content
 * within 5 minutes is discarded). Expected: OK with the first message's MsgKey and MsgTime, so Send takes an OK
 * reply to a retry as the message's one delivery. No error code is known for it: 10024 is V2TIMErrorCode.h
 * ERR_SVR_GROUP_REQ_ALLREADY_BEEN_PROCESSED ("invitation or application already handled"), not a duplicate.
 */
export const DUPLICATE_SEND_ANSWER = 'okWithFirstMsgKey' as const;

/** V2TIMErrorCode.h ERR_SVR_COMM_SENSITIVE_TEXT: the text contains words Tencent's moderation blocks; not delivered. */
export const SENSITIVE_TEXT_ERROR_CODE = 80001;

/** V2TIMErrorCode.h ERR_SVR_COMM_BODY_SIZE_LIMIT: "the message body is too long, at most 8k"; not delivered. */
export const MSG_BODY_TOO_LONG_ERROR_CODE = 80002;

/**
 * The 8 KB of ERR_SVR_COMM_BODY_SIZE_LIMIT (V2TIMErrorCode.h, Chinese text "最大8k"), counted as the UTF-8 JSON of
 * MsgBody. UNCERTAIN: 8 × 1024 rather than 8000, and what exactly Tencent counts (a Flutter SDK copy says 12k).
 */
export const MSG_BODY_MAX_BYTES = 8 * 1024;

/** `official_account_msg_recall`: at most 10 keys per call; RetCode 0 = recalled (D60811, Z60811, S). */
export const RECALL_MESSAGES = {
	officialAccount: 'Official_Account',
	msgKeyList: 'MsgKeyList',
	reason: 'Reason',
	resultList: 'RecallRetList',
	resultKey: 'MsgKey',
	retCode: 'RetCode',
	maxKeysPerCall: 10,
} as const;

/** UNCERTAIN (one source): a MsgKey is at most 50 characters; its form `<seq>_1_<unix seconds>` is not relied on. */
export const MSG_KEY_MAX_LENGTH = 50;

/** Per-key RetCode of a recall, each with its source. */
export const RECALL_RET_CODE = {
	/** D60811, Z60811. */
	recalled: 0,
	/** Z60811's table: internal error, retry (V2TIMErrorCode.h ERR_SVR_GROUP_INTERNAL_ERROR). */
	internalError: 10002,
	/** V2TIMErrorCode.h ERR_SVR_GROUP_REVOKE_MSG_NOT_FOUND; the RetCode of D60811's sample. */
	notFound: 10030,
	/** V2TIMErrorCode.h ERR_SVR_GROUP_REVOKE_MSG_TIME_LIMIT: the recall time limit has passed. Not "already recalled". */
	timeLimit: 10031,
} as const;

/** UNCERTAIN: RetCodes that say "already recalled". No source gives one (10031 is the time limit), so none. */
export const RECALL_ALREADY_RECALLED_RET_CODES: readonly number[] = [];

/** `official_account_msg_get_simple`: pages backwards from `LastMsgKey` (Z60812, D60812, S). */
export const GET_MESSAGES = {
	officialAccount: 'Official_Account',
	lastMsgKey: 'LastMsgKey',
	reqMsgNumber: 'ReqMsgNumber',
	withRecalled: 'WithRecalledMsg',
	isFinished: 'IsFinished',
	list: 'RspMsgList',
	/** Fields of each RspMsgList entry (Z60812 sample; MsgRandom: S only). */
	fromAccount: 'From_Account',
	isPlaceMsg: 'IsPlaceMsg',
	msgBody: 'MsgBody',
	msgSeq: 'MsgSeq',
	msgKey: 'MsgKey',
	msgTimeStamp: 'MsgTimeStamp',
	msgRandom: 'MsgRandom',
	/** WithRecalledMsg 1 includes recalled messages (Z60812, S). */
	includeRecalled: 1,
	/** IsFinished 1: nothing older remains (Z60812 sample). UNCERTAIN (S only): 0 more to read, 2 older ones expired. */
	finished: 1,
	/** UNCERTAIN: IsPlaceMsg 1 = expired or deleted (empty body), 2 = recalled (one source). */
	placeExpired: 1,
	placeRecalled: 2,
	/** UNCERTAIN: the maximum ReqMsgNumber is undocumented; one source hints at 20. */
	maxPageSize: 20,
} as const;

/** How Send counts an account's last hour before it broadcasts (one page of official_account_msg_get_simple). */
export const SEND_HOURLY_CHECK = {
	/**
	 * UNCERTAIN: Tencent says "2 per hour" without saying whether the hour rolls or follows the clock. 'rolling'
	 * (the last 60 minutes) counts every message the clock hour would, so it never lets a send over the limit.
	 */
	window: 'rolling' as 'rolling' | 'clockHour',
	/** UNCERTAIN whether a recalled broadcast still counts; counting it can only refuse more, never send too many. */
	countRecalled: true,
	hourMs: 3_600_000,
};

/**
 * UNCERTAIN: no per-call maximum is documented for delete_subscriber; add_subscriber documents 100,
 * so we assume the same. Batch Size can be lowered by users, never raised past this.
 */
export const DELETE_SUBSCRIBER_MAX_IDS_PER_CALL = 100;

/** Frequency limit of every official-account REST API, per SDKAppID: 200 calls/s (stated on D60755 … D60812). */
export const API_CALLS_PER_SECOND_LIMIT = 200;

/** Official account IDs: printable ASCII, at most 48 bytes, prefixed `@TOA#_` (D60813). */
export const OFFICIAL_ACCOUNT_ID = {
	prefix: '@TOA#_',
	maxBytes: 48,
} as const;

/**
 * User IDs: non-empty printable ASCII, at most 32 bytes (D34348, client SDK error 7003; D34954 import page).
 * UNCERTAIN whether every REST command enforces exactly this.
 */
export const USER_ID_MAX_BYTES = 32;

/*
 * Users of the app (`im_open_login_svc`, doc §9): User → Import and User → Check. Subscribers and account owners
 * must be users of the app, so these are the commands that make a UserID usable.
 */

/** `multiaccount_import`, new body form `{ AccountList: [{ UserID, Nick?, FaceUrl? }] }`, reply `FailAccounts: [UserID]` (D34954). */
export const IMPORT_USERS = {
	accountList: 'AccountList', // D34954 (new form; the old form `Accounts: [ids]` takes no profile)
	userId: 'UserID', // D34954
	nick: 'Nick', // D34954
	faceUrl: 'FaceUrl', // D34954
	failAccounts: 'FailAccounts', // D34954: the UserIDs that were not imported
	maxIdsPerCall: 100, // D34954: "up to 100 accounts at a time"
} as const;

/** D34954 "Maximum call frequency: 100 times/second", below the app's 200. */
export const MULTIACCOUNT_IMPORT_MAX_CALLS_PER_SECOND = 100;

/** `account_check`: `{ CheckItem: [{ UserID }] }`, reply `ResultItem: [{ UserID, ResultCode, ResultInfo, AccountStatus }]` (D34956). */
export const CHECK_USERS = {
	checkItem: 'CheckItem', // D34956
	userId: 'UserID', // D34956
	resultList: 'ResultItem', // D34956
	resultCode: 'ResultCode', // D34956: 0 = checked
	resultInfo: 'ResultInfo', // D34956
	accountStatus: 'AccountStatus', // D34956
	imported: 'Imported', // D34956
	notImported: 'NotImported', // D34956
	maxIdsPerCall: 100, // D34956: "up to 100 accounts"
} as const;

/** D34956 "Maximum call frequency: 100 times/second" (every language of the page says the same). */
export const ACCOUNT_CHECK_MAX_CALLS_PER_SECOND = 100;

/**
 * Commands whose own documented frequency is below API_CALLS_PER_SECOND_LIMIT, by command path. The
 * transport keeps each of them under its cap, inside the app's limit.
 */
export const COMMAND_RATE_CAPS: Readonly<Record<string, number>> = {
	[COMMANDS.multiaccountImport]: MULTIACCOUNT_IMPORT_MAX_CALLS_PER_SECOND,
	[COMMANDS.accountCheck]: ACCOUNT_CHECK_MAX_CALLS_PER_SECOND,
};

/** `random` query parameter: a 32-bit unsigned integer (D34620, D60761). */
export const RANDOM_MAX = 0xffffffff;

/** Tencent's documentation pages, linked from the credential and error descriptions (their own addresses). */
export const DOCS = {
	restOverview: 'https://trtc.io/document/34620',
	errorCodes: 'https://cloud.tencent.com/document/product/679/131708',
	deleteSubscriber: 'https://trtc.io/document/60761',
	officialAccounts: 'https://trtc.io/document/60813',
	userSig: 'https://trtc.io/document/34385',
} as const;
