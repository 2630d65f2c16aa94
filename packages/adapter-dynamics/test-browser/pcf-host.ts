/// <reference types="powerapps-component-framework" />
// The stand-in PCF runtime of the CSP page (/__dynamics/pcf-page.html, served by web-test-runner.config.mjs with
// Dataverse's CSP as a response header). It does what the platform does with a code component: defines
// `ComponentFramework.registerControl`, loads the built bundle.js as a classic script (its footer registers the
// control's constructor), makes the control with `new`, calls `init(context, notifyOutputChanged, state,
// container)` and `updateView(context)`, and calls `updateView` again whenever the bound view's records change.
// `context.webAPI` replays the recorded org (test/fixtures/pcf-org.json); `context.parameters` are the manifest's
// properties. Everything it observes goes to `window.__pcfHost` for the test in the outer page.
import { replayWebApi, type WebApiFixture } from '../test/util/replay-web-api.js';
import { standInDataset } from '../test/util/stand-in-dataset.js';

type Control = ComponentFramework.StandardControl<Record<string, unknown>, Record<string, unknown>>;

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
  readonly line: number;
}

export interface PcfHostState {
  /** Set when the control was constructed and initialised (or `error` when that failed). */
  initialised: boolean;
  error?: string;
  /** The constructor names the bundle registered. */
  registered: string[];
  /** Every context.webAPI call: table and options. */
  calls: { table: string; options: string | undefined; maxPageSize: number | undefined }[];
  /** securitypolicyviolation events seen by the document. */
  violations: Violation[];
  /** Calls made on the bound view's dataset. */
  datasetLog: string[];
  updateViews: number;
  /** Remove the control as the platform does (destroy, then the container goes). */
  destroy?: () => void;
}

const state: PcfHostState = {
  initialised: false,
  registered: [],
  calls: [],
  violations: [],
  datasetLog: [],
  updateViews: 0,
};
(window as unknown as { __pcfHost: PcfHostState }).__pcfHost = state;

document.addEventListener('securitypolicyviolation', (event) => {
  state.violations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
  });
});

const search = new URLSearchParams(location.search);
/** `webapi`: every table through context.webAPI; `view`: the accounts come from the bound view's records. */
const scenario = search.get('scenario') ?? 'webapi';

const property = (raw: string | null, type = 'SingleLine.Text') => ({
  raw,
  formatted: raw ?? '',
  error: false,
  errorMessage: '',
  type,
});

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

async function main(): Promise<void> {
  const fixture = (await (
    await fetch('/packages/adapter-dynamics/test/fixtures/pcf-org.json')
  ).json()) as WebApiFixture;
  const replay = replayWebApi(fixture.calls);
  const webAPI: ComponentFramework.WebApi = {
    ...replay.webAPI,
    retrieveMultipleRecords: (table, options, maxPageSize) => {
      state.calls.push({ table, options, maxPageSize });
      // The platform answers asynchronously, over the network.
      return new Promise((resolve, reject) =>
        setTimeout(
          () => replay.webAPI.retrieveMultipleRecords(table, options, maxPageSize).then(resolve, reject),
          2,
        ),
      );
    },
  };

  // The view the control is bound to: the org's accounts, as the dataset API gives them.
  const accounts = fixture.calls.filter((c) => c.table === 'account').flatMap((c) => c.resolve!.entities);
  let control: Control | undefined;
  let context: ComponentFramework.Context<Record<string, unknown>> | undefined;
  const view = standInDataset({
    table: 'account',
    columns: [
      { name: 'name', dataType: 'SingleLine.Text' },
      { name: 'address1_country', dataType: 'SingleLine.Text' },
    ],
    addable: { createdon: 'DateAndTime.DateAndTime', industrycode: 'OptionSet' },
    rows: accounts.map((e) => ({
      id: String(e.accountid),
      values: {
        name: e.name,
        address1_country: e.address1_country,
        createdon: new Date(e.createdon),
        industrycode: e.industrycode,
      },
      formatted: (e.industrycode !== null
        ? { industrycode: e['industrycode@OData.Community.Display.V1.FormattedValue'] }
        : {}) as Record<string, string>,
    })),
    onUpdate: () => {
      if (!control || !context) return;
      state.updateViews++;
      control.updateView({ ...context, updatedProperties: ['dataset', 'records'] });
    },
  });
  const originalLog = view.log;
  state.datasetLog = originalLog;

  context = {
    webAPI,
    parameters: {
      records: view.dataset,
      customerTables: property('account,contact'),
      transactionTables: property('opportunity'),
      interactionTables: property('phonecall,email,appointment,task,incident'),
      viewRecords: { type: 'Enum', raw: scenario === 'view' ? 'use' : 'ignore' },
      complaintCaseTypes: property('2'),
      currency: property('USD'),
      asOf: property('2025-01-01'),
      pageSize: { ...property(null, 'Whole.None'), raw: 150, formatted: '150' },
    },
    mode: {
      allocatedHeight: -1,
      allocatedWidth: 1100,
      isControlDisabled: false,
      isVisible: true,
      label: 'crm-lens customer value',
      setControlState: () => true,
      setFullScreen: () => undefined,
      trackContainerResize: () => undefined,
    },
    resources: {
      getResource: (_id, _success, failure) => failure(),
      getString: (id) => id,
    },
    userSettings: {
      languageId: 1033,
      isRTL: false,
      userId: '{8D9C4A6E-0A6C-EE11-8179-000D3A2B0000}',
      userName: 'Test User',
      securityRoles: [],
      getTimeZoneOffsetMinutes: () => 0,
    } as unknown as ComponentFramework.UserSettings,
    client: {
      disableScroll: false,
      getFormFactor: () => 1,
      getClient: () => 'Web',
      isOffline: () => false,
      isNetworkAvailable: () => true,
    },
    updatedProperties: [],
    events: {},
    // Not used by the control; present in the platform's context.
    device: {} as ComponentFramework.Device,
    factory: {} as ComponentFramework.Factory,
    formatting: {} as ComponentFramework.Formatting,
    navigation: {} as ComponentFramework.Navigation,
    utils: {} as ComponentFramework.Utility,
    copilot: {} as ComponentFramework.Copilot,
  };

  // What the runtime provides before it loads a control's bundle.
  const registered = new Map<string, new () => Control>();
  (window as unknown as { ComponentFramework: unknown }).ComponentFramework = {
    registerControl: (name: string, control: new () => Control) => {
      state.registered.push(name);
      registered.set(name, control);
    },
  };
  await loadScript('/__dynamics/bundle.js');
  const Constructor = registered.get('CrmLens.CrmLens');
  if (!Constructor)
    throw new Error(`the bundle registered ${JSON.stringify(state.registered)}, not CrmLens.CrmLens`);

  const container = document.createElement('div');
  container.id = 'pcf-container';
  document.body.append(container);
  control = new Constructor();
  control.init(context, () => undefined, {}, container);
  control.updateView(context);
  state.updateViews++;
  state.initialised = true;
  state.destroy = () => {
    control?.destroy();
    container.remove();
  };
  // The platform loads the view's records after init; they arrive through updateView.
  view.start();
}

main().catch((error: unknown) => {
  state.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
});
