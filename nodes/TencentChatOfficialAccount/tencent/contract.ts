/**
 * The Tencent Cloud Chat REST contract used by this package: commands, body field names, result codes
 * and limits. Everything that talks to Tencent imports these names from here, so a correction to the
 * API (several facts below are not pinned down by Tencent's docs) is a one-line change.
 */

/** Every REST path is `https://{domain}/v4/{service}/{command}`. */
export const REST_API_VERSION = 'v4';

const OFFICIAL_ACCOUNT_SERVICE = 'official_account_open_http_svc';

export const COMMANDS = {
	/** Cheap admin call used by the credential test. */
	accountCheck: 'im_open_login_svc/account_check',
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

/** `add_subscriber`: `{Official_Account, SubscriberList: [{Subscriber_Account}]}`, same reply list as delete. */
export const ADD_SUBSCRIBER = {
	officialAccount: 'Official_Account',
	subscribersToAdd: 'SubscriberList',
	subscriberAccount: 'Subscriber_Account',
	resultList: 'SubscriberList',
	resultAccount: 'Subscriber_Account',
	result: 'Result',
} as const;

/** Per-subscriber `Result` of `add_subscriber`. 2 means already subscribed: subscribed either way. */
export const ADD_RESULT = {
	failed: 0,
	added: 1,
	alreadySubscribed: 2,
} as const;

/** Documented: at most 100 users per add_subscriber call. */
export const ADD_SUBSCRIBER_MAX_IDS_PER_CALL = 100;

/** Fields of an official account as Tencent names them (request and reply alike). */
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

/** UTF-8 byte limits of the account and subscriber text fields ("1 Chinese character = 3 bytes"). */
export const TEXT_FIELD_MAX_BYTES = {
	Name: 150,
	Introduction: 400,
	FaceUrl: 500,
	Organization: 500,
	CustomString: 3000,
	/** Recall reason. */
	Reason: 100,
} as const;

/**
 * Custom official account IDs "cannot be @TOA#_@TOA#". UNCERTAIN whether that forbids the prefix (system IDs
 * look like `@TOA#_@TOA#dOEF`) or only that exact value; the prefix reading is the safer one for custom IDs.
 */
export const RESERVED_CUSTOM_ID_PREFIX = '@TOA#_@TOA#';

/**
 * `modify_official_account_base_info`: the account's fields (ACCOUNT_FIELD) that change, and its ID under
 * `Official_Account` (the docs' key; the Java SDK sends `OfficialAccount`, which the docs never use).
 */
export const MODIFY_ACCOUNT = {
	officialAccount: 'Official_Account',
} as const;

/** `get_official_account_info`. */
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
	maxIdsPerCall: 50,
	/** The values ResponseFilter accepts. */
	filterFields: ['CreateTime', 'Name', 'Owner_Account', 'LastMsgTime', 'SubscriberNum', 'Introduction', 'FaceUrl', 'Organization', 'CustomString'],
} as const;

/** `get_subscriber_info`: `Next` is a string cursor, `""` on the first call and at the end. */
export const GET_SUBSCRIBERS = {
	officialAccount: 'Official_Account',
	limit: 'Limit',
	next: 'Next',
	total: 'SubscriberNum',
	list: 'SubscriberList',
	maxPageSize: 200,
} as const;

/** Fields of one subscriber in `get_subscriber_info`'s SubscriberList. */
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

/** `modify_subscriber_info`. */
export const MODIFY_SUBSCRIBER = {
	officialAccount: 'Official_Account',
	subscriber: 'Subscriber_Account',
	customString: 'CustomString',
} as const;

/** `get_subscribed_official_account_list`: `Offset` in, `Next` (an integer offset) and `CompleteFlag` out. */
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

/** `send_official_account_msg`. */
export const SEND_MESSAGE = {
	officialAccount: 'Official_Account',
	random: 'Random',
	msgBody: 'MsgBody',
	cloudCustomData: 'CloudCustomData',
	offlinePushInfo: 'OfflinePushInfo',
	sendMsgControl: 'SendMsgControl',
	noLastMsg: 'NoLastMsg',
	/** UNCERTAIN (one source): 1 = only online subscribers. */
	onlineOnlyFlag: 'OnlineOnlyFlag',
	msgKey: 'MsgKey',
	msgTime: 'MsgTime',
	/** Documented: at most one message per second per account. */
	perAccountIntervalMs: 1000,
	/** Documented: at most 2 broadcast messages per hour per account. */
	perAccountPerHour: 2,
	/** Documented: identical content within 5 minutes is discarded as a duplicate. */
	duplicateWindowMs: 5 * 60 * 1000,
} as const;

/** Message element types (MsgBody[].MsgType) and their content fields. */
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

/** Every message element is `{ MsgType, MsgContent }`; at most one TIMCustomElem per message (doc section 3). */
export const MSG_ELEMENT = {
	msgType: 'MsgType',
	msgContent: 'MsgContent',
	maxCustomElements: 1,
} as const;

/** MsgContent fields of the element types the node builds itself. */
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

/** ImageFormat values. */
export const IMAGE_FORMAT = { jpg: 1, gif: 2, png: 3, bmp: 4, other: 255 } as const;
/** ImageInfoArray[].Type: 1 original, 2 large, 3 thumbnail. */
export const IMAGE_INFO_TYPE = { original: 1, large: 2, thumbnail: 3 } as const;

/**
 * MsgContent fields a REST sender must fill, per element type (doc section 3: image needs UUID and, per
 * ImageInfoArray entry, URL, Width and Height). Types not listed are passed through unchecked.
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
export const IMAGE_INFO_REQUIRED = [IMAGE_CONTENT.type, IMAGE_CONTENT.url, IMAGE_CONTENT.width, IMAGE_CONTENT.height] as const;

/** `OfflinePushInfo` of send_official_account_msg. */
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

/** OnlineOnlyFlag 1 = only subscribers online now. */
export const ONLINE_ONLY = 1;

/**
 * UNCERTAIN: Tencent documents no error codes for its per-account send limits or its duplicate check.
 * These are the emulator's picks (60018 / 60019 are Tencent's generic "too frequent" codes); one line each.
 */
export const SEND_LIMIT_ERROR_CODES = {
	perSecond: 60018,
	perHour: 60019,
	duplicate: 10024,
} as const;

/** `official_account_msg_recall`: at most 10 keys per call; RetCode 0 = recalled. */
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

/**
 * Per-key RetCode of a recall. UNCERTAIN: only 0 is documented; 10030 appears in the doc sample (read as "no
 * such message", as in the group recall table), 10031 is the group table's "already recalled".
 */
export const RECALL_RET_CODE = {
	recalled: 0,
	internalError: 10002,
	notFound: 10030,
	alreadyRecalled: 10031,
} as const;

/** `official_account_msg_get_simple`: pages backwards from `LastMsgKey`. */
export const GET_MESSAGES = {
	officialAccount: 'Official_Account',
	lastMsgKey: 'LastMsgKey',
	reqMsgNumber: 'ReqMsgNumber',
	withRecalled: 'WithRecalledMsg',
	isFinished: 'IsFinished',
	list: 'RspMsgList',
	/** Fields of each RspMsgList entry. */
	fromAccount: 'From_Account',
	isPlaceMsg: 'IsPlaceMsg',
	msgBody: 'MsgBody',
	msgSeq: 'MsgSeq',
	msgKey: 'MsgKey',
	msgTimeStamp: 'MsgTimeStamp',
	msgRandom: 'MsgRandom',
	/** WithRecalledMsg 1 includes recalled messages. */
	includeRecalled: 1,
	/** IsFinished 1: nothing older remains. UNCERTAIN (one source): 0 more to read, 2 older ones expired. */
	finished: 1,
	/** UNCERTAIN: IsPlaceMsg 1 = expired or deleted (empty body), 2 = recalled (one source). */
	placeExpired: 1,
	placeRecalled: 2,
	/** UNCERTAIN: the maximum ReqMsgNumber is undocumented; one source hints at 20. */
	maxPageSize: 20,
} as const;

/**
 * UNCERTAIN: no per-call maximum is documented for delete_subscriber; add_subscriber documents 100,
 * so we assume the same. Batch Size can be lowered by users, never raised past this.
 */
export const DELETE_SUBSCRIBER_MAX_IDS_PER_CALL = 100;

/** Documented frequency limit of every official-account REST API, per SDKAppID. */
export const API_CALLS_PER_SECOND_LIMIT = 200;

/** Documented maximum call frequency of multiaccount_import, per SDKAppID (doc 34954: 100 times/second). */
export const MULTIACCOUNT_IMPORT_MAX_CALLS_PER_SECOND = 100;

/** Documented maximum call frequency of account_check, per SDKAppID (doc 34956: 100 times/second). */
export const ACCOUNT_CHECK_MAX_CALLS_PER_SECOND = 100;

/**
 * Commands whose own documented frequency is below API_CALLS_PER_SECOND_LIMIT, by command path. The
 * transport keeps each of them under its cap, inside the app's limit.
 */
export const COMMAND_RATE_CAPS: Readonly<Record<string, number>> = {
	'im_open_login_svc/multiaccount_import': MULTIACCOUNT_IMPORT_MAX_CALLS_PER_SECOND,
	'im_open_login_svc/account_check': ACCOUNT_CHECK_MAX_CALLS_PER_SECOND,
};

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
	officialAccounts: 'https://trtc.io/document/60813',
	userSig: 'https://trtc.io/document/34385',
} as const;
