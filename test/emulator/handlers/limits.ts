// The official-account family's documented limits (shared/docs/official-accounts-api.md), as the emulator enforces them.

/** UTF-8 byte limits of the base-info and subscriber fields (doc section 1). */
export const BYTE_LIMITS = {
  Name: 150,
  Introduction: 400,
  FaceUrl: 500,
  Organization: 500,
  CustomString: 3000,
} as const;
/** Custom official account IDs: printable ASCII, at most this many bytes, prefix @TOA#_. */
export const CUSTOM_ID_MAX_BYTES = 48;
export const MAX_ACCOUNT_INFO_IDS = 50;
export const MAX_SUBSCRIBER_PAGE = 200;
export const MAX_SUBSCRIBED_LIST_PAGE = 200;
export const MAX_RECALL_KEYS = 10;
export const RECALL_REASON_MAX_BYTES = 100;
/** UNCERTAIN: the doc gives no maximum for ReqMsgNumber; the Java SDK's IsFinished comment mentions 20. Also the default. */
export const MAX_GET_SIMPLE_MSG_NUMBER = 20;
/** MaxSubscriberNum accepted on create/modify: a positive 32-bit integer (no maximum is documented). */
export const MAX_SUBSCRIBER_NUM_CEILING = 2147483647;
