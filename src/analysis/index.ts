// Public API of the analysis (pure functions: no browser, storage or extension APIs).

export { analyzeSession, DETECTORS } from './analyze';
export { analyzeLineages } from './lineage';
export { closeCodeName, describeCloseCode } from './close-codes';
export { endpointKey } from './endpoint';
export * as thresholds from './thresholds';
export { FINDING_KINDS } from './types';
export type {
  AnalysisConnection, AnalysisEvent, AnalysisInput, AnalysisOptions, AnalysisResult, ConnectionStats, DetectedField,
  EventRef, Evidence, EvidenceValue, FieldOverride, Finding, FindingKind, LagStats, LineageEntry, RateBucket,
  RequestObservation, Severity,
} from './types';
