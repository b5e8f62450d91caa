export { benjaminiHochbergAdjust } from './benjaminiHochbergAdjust.js';
export { cohensDz } from './cohensDz.js';
export { holmAdjust } from './holmAdjust.js';
export { type MeanInterval, meanInterval } from './meanInterval.js';
export { type PairedTTest, pairedTTest } from './pairedTTest.js';
export {
  type PoissonRateInterval,
  type PoissonRateOptions,
  poissonRateInterval,
} from './poissonRateInterval.js';
export { createRandom, type Random } from './random.js';
export {
  type QuantileEstimate,
  type SlopeIndexOfInequality,
  type SlopeIndexOptions,
  slopeIndexOfInequality,
} from './slopeIndexOfInequality.js';
export { type GroupSummary, type WelchInterval, welchInterval } from './welchInterval.js';
export { type WilcoxonSignedRank, wilcoxonSignedRank } from './wilcoxonSignedRank.js';
export { type WilsonInterval, wilsonInterval } from './wilsonInterval.js';
