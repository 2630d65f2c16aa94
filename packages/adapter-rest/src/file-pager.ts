import {
  AdapterError,
  type Pager,
  type ReadRecordsOptions,
  readRecords,
  statusError,
  type Transport,
  type TransportRequest,
} from '@crm-lens/core';

/** How a data file is read: core's reader options (format, delimiter, header, encoding) and the page size. */
export interface FileReadOptions extends Omit<ReadRecordsOptions, 'signal' | 'onBytes'> {
  /** Records per page (default 5,000). */
  readonly pageSize?: number;
}

/**
 * Pages of a data file's records. The file is fetched once per read; the cursor is the number of records
 * already delivered, so a resumed read fetches the file again and skips them.
 */
export function filePager(
  transport: Transport,
  url: string,
  headers: Readonly<Record<string, string>> | undefined,
  options: FileReadOptions = {},
): Pager {
  const pageSize = options.pageSize ?? 5000;
  return async function* ({ cursor, signal }) {
    const skip = cursor !== undefined ? Number(cursor) : 0;
    if (!Number.isInteger(skip) || skip < 0)
      throw new AdapterError('resume', 'the file position is not a record count');
    const request: TransportRequest = {
      method: 'GET',
      url,
      responseType: 'bytes',
      ...(headers ? { headers } : {}),
      ...(signal ? { signal } : {}),
    };
    const response = await transport(request);
    if (response.status < 200 || response.status > 299) throw statusError(request, response);
    const body = response.body;
    if (!(typeof body === 'string' || body instanceof Uint8Array)) {
      throw new AdapterError(
        'format',
        `GET ${new URL(url).pathname}: the transport returned no file content`,
      );
    }
    const { pageSize: _, ...read } = options;
    let seen = 0;
    let page: unknown[] = [];
    for await (const batch of readRecords(body, { ...read, ...(signal ? { signal } : {}) })) {
      for (const record of batch) {
        seen++;
        if (seen <= skip) continue;
        // A full page is held until another record shows it is not the last one.
        if (page.length === pageSize) {
          yield { records: page, next: String(seen - 1) };
          page = [];
        }
        page.push(record);
      }
    }
    yield { records: page };
  };
}
