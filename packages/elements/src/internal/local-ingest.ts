// Page-side ingestion (core's `ingestDataset`: papaparse, flechette, the whole ingestion pipeline), loaded with
// import() by data-session.ts only when a page gives `<lens-data>` customers or interactions as rows or columns.
// Every other input is ingested in the engine's host (normally its worker), so most pages never download this.
export { ingestDataset } from '@crm-lens/core';
