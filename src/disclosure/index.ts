export {
  applyDisclosure,
  discloseCount,
  extendDisclosure,
  roundCount,
} from './applyDisclosure.js';
export { describeDisclosureRule } from './describeDisclosureRule.js';
export {
  DEFAULT_DISCLOSURE_PRESET,
  DISCLOSURE_PRESETS,
  DisclosureOptionError,
  type DisclosureOptions,
  type DisclosurePreset,
  type DisclosureRule,
  resolveDisclosureRule,
} from './rule.js';
