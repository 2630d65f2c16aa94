/** Why an ingestion could not run at all (as opposed to a rejected row, which is reported and counted). */
export type IngestErrorCode = 'mapping' | 'format' | 'encoding' | 'parse' | 'aborted' | 'option';

/** A whole-input failure: bad options, an unreadable file, a mapping that names a missing column. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
