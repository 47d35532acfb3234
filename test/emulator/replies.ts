// Reply bodies as Tencent sends them: HTTP 200 and a JSON body whose ErrorCode
// carries the real result, for business errors and successes alike.

/** A reply before ActionStatus is derived from ErrorCode. */
export interface ReplyBody {
  ErrorCode: number;
  ErrorInfo: string;
  [field: string]: unknown;
}

/** Realistic English ErrorInfo texts, paraphrasing Tencent's error-code tables. */
const ERROR_INFO: Record<number, string> = {
  6017: 'Invalid request parameter. Please check the request parameters and try again.',
  10002: 'Server internal error. Please try again.',
  10004: 'Server internal error. Please try again.',
  10016: 'The message was refused by the BeforeSendMsg callback of the app backend.',
  10023: 'Message sending frequency exceeded. Please extend the interval between two messages.',
  10024: 'This invitation or application has already been processed.',
  20001: 'Invalid request packet. Please check the request and try again.',
  20005: 'Server internal error. Please try again.',
  20006: 'The request was refused by the BeforeCreateOfficialAccount callback of the app backend.',
  60002: 'HTTP parse error. Please check the URL format.',
  60003: 'HTTP request JSON parse error. Please check the JSON format of the request body.',
  60004: 'Account or signature in the request URL is missing or invalid.',
  60007: 'REST API call frequency exceeds the limit',
  60008: 'Service request timed out or the HTTP request format is invalid. Please check and try again.',
  60009: 'Invalid request resource. Please check the request URL.',
  60010: 'The request requires App admin permission.',
  60011: 'SDKAppID request frequency exceeds the limit. Please reduce the request frequency.',
  60012: 'The sdkappid parameter is missing in the request URL.',
  60018: 'Requests are too frequent. Please try again later.',
  60019: 'Requests are too frequent. Please try again later.',
  70001: 'UserSig has expired. Please generate a new UserSig.',
  70003: 'UserSig is invalid and cannot be parsed. Please check whether it was truncated.',
  70009: 'UserSig verification failed. Please check that it was generated with the key of this SDKAppID.',
  70013: 'The identifier in the request does not match the UserID in the UserSig.',
  70014: 'The sdkappid in the request does not match the SDKAppID in the UserSig.',
  70016: 'Key not found. Please check that the SDKAppID matches the data center.',
  70020: 'SDKAppID not found. Please check that the SDKAppID matches the data center of the domain.',
  70050: 'UserSig verification failed and the request is frequency-limited. Please try again after 1 minute.',
  70107: 'The user account has not been imported.',
  70402: 'Invalid parameter. Please check that the required fields are filled in.',
  80001: 'Text security check: the text may contain sensitive words.',
  80002: 'The message body is too long: at most 8 KB is supported. Please reduce the body size and try again.',
  130002: 'Insufficient operation permission.',
  130004: 'The official account does not exist or has been destroyed.',
  130007: 'The official account ID is invalid.',
  130008: 'The official account ID is already in use.',
  131000: 'The official account service is not enabled for this SDKAppID.',
};

export function errorInfoFor(errorCode: number): string {
  return ERROR_INFO[errorCode] ?? `Error ${errorCode}.`;
}

/** A FAIL reply; `detail` is appended so callers can see which field was wrong. */
export function failure(errorCode: number, detail?: string): ReplyBody {
  const base = errorInfoFor(errorCode);
  return { ErrorCode: errorCode, ErrorInfo: detail === undefined ? base : `${base} ${detail}` };
}

export function success(fields: Record<string, unknown> = {}): ReplyBody {
  return { ErrorCode: 0, ErrorInfo: '', ...fields };
}

/** The wire shape: ActionStatus first, as in Tencent's samples. */
export function toWire(reply: ReplyBody): Record<string, unknown> {
  const { ErrorCode, ErrorInfo, ...rest } = reply;
  return { ActionStatus: ErrorCode === 0 ? 'OK' : 'FAIL', ErrorCode, ErrorInfo, ...rest };
}
