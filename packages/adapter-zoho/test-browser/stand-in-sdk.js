// A stand-in for Zoho CRM's widget JS SDK (ZohoEmbededAppSDK.min.js), for the widget page's browser test. Like the
// real SDK (github.com/ZohoDevelopers/embeddedApp-js-sdk, lib/ZSDK.js and lib/ZohoCrmHelper.js) it is a classic
// script that defines the global ZOHO and talks to the host page only by postMessage, with the same messages:
//
//   widget → host  { type: 'SDK.EVENT', eventName: 'REGISTER', appOrigin }                 on load
//   host → widget  { type: 'FRAMEWORK.EVENT', eventName: 'SET_CONTEXT', data }            init() resolves
//   host → widget  { type: 'FRAMEWORK.EVENT', eventName: 'PageLoad', data }               ZOHO.embeddedApp.on('PageLoad')
//   widget → host  { type: 'SDK.EVENT', eventName: 'CRM_EVENT', uniqueID, promiseid,
//                    data: { category: 'READ' | 'SEARCH', APIData, sdkVersion } }          ZOHO.CRM.API.*
//   host → widget  { type: 'FRAMEWORK.EVENT', eventName: 'EVENT_RESPONSE' | 'EVENT_RESPONSE_FAILURE',
//                    promiseid, data }                                                     resolves / rejects
//
// The host's origin comes from the `serviceOrigin` query parameter, as for the real SDK (Zoho adds it to the widget
// URL); here it is read from this script's own URL, since the test loads the page from a blob: URL. Messages from
// any other window or origin are ignored.
(() => {
  const script = document.currentScript;
  const params = new URL(script ? script.src : location.href).searchParams;
  const serviceOrigin =
    params.get('serviceOrigin') || new URLSearchParams(location.search).get('serviceOrigin');
  if (!serviceOrigin) throw new Error('stand-in SDK: no serviceOrigin');
  const appOrigin = encodeURIComponent(`${location.protocol}//${location.host}${location.pathname}`);
  const listeners = {};
  const pending = {};
  let counter = 100;
  let uniqueID;
  let resolveInit;
  const initPromise = new Promise((resolve) => {
    resolveInit = resolve;
  });
  let initCalled = false;
  let contextSet = false;

  const post = (message) => window.parent.postMessage({ ...message, appOrigin }, serviceOrigin);

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== serviceOrigin) return;
    const message = event.data;
    if (message?.type !== 'FRAMEWORK.EVENT') return;
    switch (message.eventName) {
      case 'SET_CONTEXT':
        uniqueID = message.data?.uniqueID;
        contextSet = true;
        if (initCalled) resolveInit();
        break;
      case 'EVENT_RESPONSE':
      case 'EVENT_RESPONSE_FAILURE': {
        const p = pending[message.promiseid];
        if (!p) return;
        delete pending[message.promiseid];
        if (message.eventName === 'EVENT_RESPONSE') p.resolve(message.data);
        else p.reject(message.data);
        break;
      }
      default: {
        const fn = listeners[message.eventName];
        if (typeof fn === 'function') fn(message.data);
      }
    }
  });

  function crmEvent(data) {
    const promiseid = `Promise${counter++}`;
    const promise = new Promise((resolve, reject) => {
      pending[promiseid] = { resolve, reject };
    });
    post({
      type: 'SDK.EVENT',
      eventName: 'CRM_EVENT',
      uniqueID,
      time: Date.now(),
      promiseid,
      data: { ...data, sdkVersion: '1.5' },
    });
    return promise;
  }

  window.ZOHO = {
    embeddedApp: {
      on(event, fn) {
        listeners[event] = fn;
      },
      init() {
        initCalled = true;
        if (contextSet) resolveInit();
        return initPromise;
      },
    },
    CRM: {
      API: {
        getAllRecords: (config) => crmEvent({ category: 'READ', APIData: config }),
        getRelatedRecords: (config) => crmEvent({ category: 'READ', APIData: config }),
        searchRecord: (config) => crmEvent({ category: 'SEARCH', APIData: config }),
      },
    },
  };

  post({ type: 'SDK.EVENT', eventName: 'REGISTER' });
})();
