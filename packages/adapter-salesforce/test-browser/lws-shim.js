// A stand-in for what Lightning Web Security does to the page's globals that matter here (loaded as a classic
// script before the static resource, in /__salesforce/lws-page.html): constructing a Worker or a SharedWorker
// throws, as under LWS ("Lightning Web Security: Cannot create Worker"). It also starts recording, before any
// crm-lens code runs, the Content-Security-Policy violations and the long tasks of the page.
(() => {
  const log = { workerAttempts: 0, violations: [], longTasks: [] };
  const refuse = (kind) =>
    function Refused() {
      log.workerAttempts++;
      throw new RangeError(`Lightning Web Security: Cannot create ${kind}`);
    };
  Object.defineProperty(window, 'Worker', { value: refuse('Worker'), configurable: false, writable: false });
  Object.defineProperty(window, 'SharedWorker', {
    value: refuse('SharedWorker'),
    configurable: false,
    writable: false,
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    log.violations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
    });
  });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) log.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing here: reported as none.
  }
  Object.defineProperty(window, '__lwsLog', { value: log });
})();
