/// <reference types="powerapps-component-framework" />
// A stand-in for the dataset a PCF dataset control gets (`context.parameters.records`), typed with the vendor's own
// `ComponentFramework.PropertyTypes.DataSet`, behaving as the platform documents it: data is not there in init,
// changes (`refresh`, `paging.loadNextPage`, `reset`, `setPageSize` on the next refresh) arrive asynchronously in
// the next `updateView`, first with `loading: true`, then loaded. DOM-free: the browser test uses it too.

type Value = string | number | boolean | Date | ComponentFramework.EntityReference | null;

export interface StandInColumn {
  readonly name: string;
  readonly dataType: string;
}

export interface StandInDatasetOptions {
  /** The view's table (`getTargetEntityType()`). */
  readonly table: string;
  /** The view's columns; columns added with `addColumn` join them on the next refresh. */
  readonly columns: readonly StandInColumn[];
  /** Every record of the view, by id: column name → raw value (and `formatted` values, by column). */
  readonly rows: readonly {
    readonly id: string;
    readonly values: Readonly<Record<string, Value>>;
    readonly formatted?: Readonly<Record<string, string>>;
  }[];
  /** Data types of columns that can be added (default SingleLine.Text). */
  readonly addable?: Readonly<Record<string, string>>;
  /** Initial page size (model-driven grids: 50). */
  readonly pageSize?: number;
  /** Canvas-style paging: a loaded page is appended to the previous ones instead of replacing them. */
  readonly accumulate?: boolean;
  /** Whether the host has `addColumn` (model-driven apps) or not. */
  readonly canAddColumns?: boolean;
  /** Delivers an `updateView` (the test hands the dataset to the control / feed here). */
  readonly onUpdate: (dataset: ComponentFramework.PropertyTypes.DataSet) => void;
  /** Milliseconds a load takes (default 1). */
  readonly latencyMs?: number;
  /** Fail every load from this page on (sets `error` and `errorMessage`). */
  readonly failFromPage?: number;
}

/** The stand-in dataset, the calls made on it, and `deliver()` for an extra updateView (a resize, say). */
export function standInDataset(options: StandInDatasetOptions) {
  const log: string[] = [];
  const columns: ComponentFramework.PropertyHelper.DataSetApi.Column[] = options.columns.map((c, i) => ({
    name: c.name,
    displayName: c.name,
    dataType: c.dataType,
    alias: c.name,
    order: i,
    visualSizeFactor: 1,
  }));
  const pendingColumns: string[] = [];
  let pageSize = options.pageSize ?? 50;
  let pendingPageSize: number | undefined;
  let page = 1;
  let firstPage = 1;

  const record = (row: StandInDatasetOptions['rows'][number]) => {
    const entityRecord: ComponentFramework.PropertyHelper.DataSetApi.EntityRecord = {
      getRecordId: () => row.id,
      // Only the columns loaded into the dataset are there.
      getValue: (name: string) =>
        (columns.some((c) => c.name === name) ? (row.values[name] ?? null) : null) as never,
      getFormattedValue: (name: string) =>
        (columns.some((c) => c.name === name) ? (row.formatted?.[name] ?? null) : null) as never,
      getNamedReference: () => ({ id: { guid: row.id }, etn: options.table, name: '' }),
    };
    return entityRecord;
  };

  const dataset: ComponentFramework.PropertyTypes.DataSet = {
    loading: true,
    error: false,
    errorMessage: '',
    columns,
    records: {},
    sortedRecordIds: [],
    sorting: [],
    filtering: {} as ComponentFramework.PropertyHelper.DataSetApi.Filtering,
    linking: {} as ComponentFramework.PropertyHelper.DataSetApi.Linking,
    paging: {
      totalResultCount: options.rows.length,
      firstPageNumber: 1,
      lastPageNumber: 1,
      pageSize,
      hasNextPage: false,
      hasPreviousPage: false,
      loadNextPage: () => {
        log.push('loadNextPage');
        page++;
        load();
      },
      loadPreviousPage: () => {
        log.push('loadPreviousPage');
        page = Math.max(1, page - 1);
        load();
      },
      reset: () => {
        log.push('reset');
        page = 1;
        firstPage = 1;
        load();
      },
      setPageSize: (n: number) => {
        log.push(`setPageSize(${n})`);
        pendingPageSize = n;
      },
      loadExactPage: (n: number) => {
        log.push(`loadExactPage(${n})`);
        page = n;
        firstPage = n;
        load();
      },
    },
    ...(options.canAddColumns === false
      ? {}
      : {
          addColumn: (name: string) => {
            log.push(`addColumn(${name})`);
            pendingColumns.push(name);
          },
        }),
    clearSelectedRecordIds: () => undefined,
    getSelectedRecordIds: () => [],
    getTargetEntityType: () => options.table,
    getTitle: () => 'My Active Records',
    getViewId: () => '00000000-0000-0000-00aa-000010001001',
    openDatasetItem: () => undefined,
    refresh: () => {
      log.push('refresh');
      load();
    },
    setSelectedRecordIds: () => undefined,
  };

  const deliver = () => options.onUpdate(dataset);

  /** The platform's load: loading now (an updateView), the data a little later (another). */
  function load(): void {
    dataset.loading = true;
    deliver();
    setTimeout(() => {
      if (pendingPageSize !== undefined) pageSize = pendingPageSize;
      pendingPageSize = undefined;
      for (const name of pendingColumns.splice(0)) {
        if (!columns.some((c) => c.name === name)) {
          columns.push({
            name,
            displayName: name,
            dataType: options.addable?.[name] ?? 'SingleLine.Text',
            alias: name,
            order: columns.length,
            visualSizeFactor: 1,
          });
        }
      }
      dataset.paging.pageSize = pageSize;
      if (options.failFromPage !== undefined && page >= options.failFromPage) {
        dataset.error = true;
        dataset.errorMessage = `Could not load ${options.rows[0]?.id ?? ''}`;
        dataset.loading = false;
        deliver();
        return;
      }
      const from = (options.accumulate ? firstPage - 1 : page - 1) * pageSize;
      const rows = options.rows.slice(from, page * pageSize);
      dataset.records = Object.fromEntries(rows.map((r) => [r.id, record(r)]));
      dataset.sortedRecordIds = rows.map((r) => r.id);
      dataset.paging.hasNextPage = page * pageSize < options.rows.length;
      dataset.paging.hasPreviousPage = page > 1;
      dataset.paging.firstPageNumber = options.accumulate ? firstPage : page;
      dataset.paging.lastPageNumber = page;
      dataset.loading = false;
      deliver();
    }, options.latencyMs ?? 1);
  }

  return {
    dataset,
    log,
    deliver,
    /** The platform's first load, after init (as it happens when a control is shown). */
    start: () => load(),
  };
}
