export { canonicalIpv4, canonicalIpv6, isIpAddress } from "./addresses.js";
export { type ApiDnsRecord, type ApiDnsRecordBody, fromApiRecord, recordBody } from "./api.js";
export {
  absoluteTarget,
  asciiName,
  excerpt,
  filterName,
  fullName,
  MAX_LABEL_OCTETS,
  MAX_NAME_OCTETS,
  nameInZone,
  nameProblem,
  relativeName,
  unicodeName,
  zoneName,
} from "./names.js";
export {
  describeRecord,
  MAX_TTL,
  MAX_ZONE_RECORDS,
  MIN_TTL,
  type RecordCheckOptions,
  type RecordConflict,
  recordConflicts,
  type RecordField,
  type RecordFinding,
  recordFindings,
  recordProblems,
} from "./rejections.js";
export { isQuotedTxt, quoteTxt, txtRdataOctets, txtStrings, unescapeCharacterString, unquoteTxt } from "./txt.js";
export {
  CREATE_RECORD_TYPES,
  type DnsRecordData,
  isRecordType,
  RECORD_TYPES,
  type RecordType,
  type RecordValue,
  TARGET_TYPES,
} from "./types.js";
export {
  caaParts,
  caaValue,
  canonicalTarget,
  canonicalValue,
  recordKey,
  recordMatches,
  sameValue,
  sameValues,
  tlsaParts,
  valueKey,
} from "./values.js";
