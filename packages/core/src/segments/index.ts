// Segmentation by clustering: features, k-means++, silhouette, k by silhouette, profiles and names.
export {
  type ChooseKOptions,
  type ChooseKResult,
  chooseK,
  chooseKSteps,
  type KCandidate,
} from './choose-k.js';
export {
  type FeatureMatrix,
  type SegmentAttribute,
  type SegmentExclusions,
  type SegmentFeatureOptions,
  type SegmentFeatures,
  segmentFeatures,
  segmentFeaturesSteps,
  signedLog1p,
} from './features.js';
export {
  DEFAULT_SEGMENT_SEED,
  type KMeansOptions,
  type KMeansResult,
  kMeans,
  kMeansSteps,
} from './kmeans.js';
export {
  type FrequencyTrait,
  type PopulationProfile,
  type ProfileInput,
  profileSegments,
  profileSegmentsSteps,
  type RecencyTrait,
  type SegmentMedians,
  type SegmentProfile,
  type SegmentProfiles,
  type SegmentTierInput,
  type SegmentTraits,
  type SpendTrait,
  segmentName,
  segmentTraits,
  type TierMixEntry,
} from './profile.js';
export {
  type CustomerSegments,
  NO_SEGMENT,
  type SegmentOptions,
  segmentCustomers,
  segmentCustomersSteps,
} from './segment-customers.js';
export {
  SILHOUETTE_SAMPLE,
  type SilhouetteOptions,
  type SilhouetteResult,
  silhouette,
  silhouetteSteps,
} from './silhouette.js';
