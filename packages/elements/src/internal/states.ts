import type { IngestReport, Rejection } from '@crm-lens/core';
import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Localizer } from '../i18n/localizer.js';
import { token } from '../themes/tokens.js';
import { cssProps } from './css-props.js';
import type { DataController } from './data-controller.js';

/** Rejected rows per page of the panel. */
export const REJECTIONS_PAGE = 50;

/**
 * The loading, empty, idle and error states every widget shows instead of its content, rendered the same way
 * everywhere:
 *
 * - **loading**: a `role="progressbar"` with the stage in words and the percentage (when known);
 * - **idle**: no data source yet (or waiting for `source="…"`);
 * - **empty**: the data has no transactions;
 * - **error**: the message, the data-quality summary (accepted and rejected rows, rejections by code), "Try
 *   again", and a button that opens a panel of the rejected rows, paged from the engine;
 * - **ready**: nothing (`render` returns `nothing`, and the widget renders its content).
 *
 * ```ts
 * private readonly data = new DataController(this);
 * private readonly states = new StatesController(this, this.data);
 * render() { return this.data.status === 'ready' ? this.renderContent() : this.states.render(this.i18n); }
 * ```
 * Parts: `state` (every state, plus `state-loading`, `state-idle`, `state-empty`, `state-error`), `progress`,
 * `retry`, `rejections-toggle`, `rejections`.
 */
/**
 * The loading state every widget shows while the engine works: a progress bar (indeterminate until a share is
 * known) with `label` for assistive technology and `text` (stage and share) beside it. Widths go through the
 * CSSOM (`cssProps`), never a style attribute.
 */
export function loadingState(label: string, text: string, fraction: number | undefined) {
  const percent = fraction === undefined ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return html`<div part="state state-loading" class="state loading">
    <div
      part="progress"
      class="progress"
      role="progressbar"
      aria-label=${label}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent ?? nothing}
      aria-valuetext=${text}
    >
      <div
        class=${percent === undefined ? 'fill indeterminate' : 'fill'}
        ${cssProps({ width: percent === undefined ? undefined : `${percent}%` })}
      ></div>
    </div>
    <p class="stage">${text}</p>
  </div>`;
}

export class StatesController implements ReactiveController {
  private open = false;
  private offset = 0;
  private page: { total: number; offset: number; rows: readonly Rejection[] } | undefined;
  private loading = false;
  private abort: AbortController | undefined;
  private reportSeen: IngestReport | undefined;
  // Ids are scoped to the widget's shadow root, so a constant is unique enough.
  private readonly panelId = 'lens-rejections';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly data: DataController,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.open = false;
    this.page = undefined;
  }

  hostUpdate(): void {
    // A new load: forget the old rejected rows.
    if (this.data.report !== this.reportSeen) {
      this.reportSeen = this.data.report;
      this.abort?.abort();
      this.open = false;
      this.page = undefined;
      this.offset = 0;
    }
  }

  /** Whether the rejected-rows panel is open. */
  get panelOpen(): boolean {
    return this.open;
  }

  /** Open or close the rejected-rows panel (fetching the first page). */
  toggle(open = !this.open): void {
    this.open = open;
    if (open && !this.page) void this.fetch(0);
    this.host.requestUpdate();
  }

  private async fetch(offset: number): Promise<void> {
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const page = await this.data.state.rejections(offset, REJECTIONS_PAGE, controller.signal);
      if (controller.signal.aborted) return;
      this.page = { total: page.total, offset: page.offset, rows: page.rows };
      this.offset = offset;
    } catch {
      if (controller.signal.aborted) return;
      this.page = { total: 0, offset, rows: [] };
    } finally {
      if (this.abort === controller) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** The current state's template, or `nothing` when the data is ready. */
  render(i18n: Localizer): TemplateResult | typeof nothing {
    switch (this.data.status) {
      case 'ready':
        return nothing;
      case 'loading':
        return this.renderLoading(i18n);
      case 'empty':
        return html`<div part="state state-empty" class="state empty">
          <p class="headline">${i18n.t('state.empty')}</p>
          <p class="hint">${i18n.t('state.emptyHint')}</p>
        </div>`;
      case 'error':
        return this.renderError(i18n);
      default: {
        const waiting = this.data.waitingFor;
        return html`<div part="state state-idle" class="state idle">
          <p class="headline">
            ${waiting ? i18n.t('state.waitingFor', { id: waiting }) : i18n.t('state.idle')}
          </p>
          ${waiting ? nothing : html`<p class="hint">${i18n.t('state.idleHint')}</p>`}
        </div>`;
      }
    }
  }

  private renderLoading(i18n: Localizer) {
    const progress = this.data.progress;
    const stage = i18n.stage(progress?.stage);
    const fraction = progress?.fraction;
    const text =
      fraction === undefined
        ? progress?.rows !== undefined
          ? `${stage} · ${i18n.t('state.rowsRead', { rows: progress.rows })}`
          : stage
        : i18n.t('state.progress', { stage, fraction });
    return loadingState(i18n.t('state.loading'), text, fraction);
  }

  private renderError(i18n: Localizer) {
    const error = this.data.error;
    const report = this.data.report;
    const rejected = report?.rejected ?? 0;
    const reasons = Object.entries(report?.rejectedByReason ?? {}).filter(([, n]) => (n ?? 0) > 0);
    return html`<div part="state state-error" class="state error">
      <div role="alert">
        <p class="headline">${i18n.error(error?.code ?? 'internal')}</p>
        ${
          error?.message
            ? html`<p class="message">${i18n.t('error.details', { message: error.message })}</p>`
            : nothing
        }
      </div>
      ${
        report
          ? html`<div class="quality">
            <p>${i18n.t('quality.summary', { accepted: report.accepted, rejected })}</p>
            ${
              reasons.length > 0
                ? html`<p>${i18n.t('quality.reasons')}</p>
                  <ul class="reasons">
                    ${reasons.map(
                      ([code, count]) =>
                        html`<li data-code=${code}>
                          ${i18n.t('quality.reasonCount', { reason: i18n.rejectCode(code), count: count ?? 0 })}
                        </li>`,
                    )}
                  </ul>`
                : nothing
            }
          </div>`
          : nothing
      }
      <div class="actions">
        <button part="retry" type="button" @click=${() => this.data.retry()}>${i18n.t('state.retry')}</button>
        ${
          rejected > 0
            ? html`<button
              part="rejections-toggle"
              type="button"
              aria-expanded=${this.open ? 'true' : 'false'}
              aria-controls=${this.panelId}
              @click=${() => this.toggle()}
            >
              ${this.open ? i18n.t('quality.hide') : i18n.t('quality.show')}
            </button>`
            : nothing
        }
      </div>
      ${rejected > 0 && this.open ? this.renderPanel(i18n) : nothing}
    </div>`;
  }

  private renderPanel(i18n: Localizer) {
    const page = this.page;
    const total = page?.total ?? 0;
    const from = this.offset + 1;
    const to = this.offset + (page?.rows.length ?? 0);
    return html`<div part="rejections" class="rejections" id=${this.panelId}>
      ${
        !page && this.loading
          ? html`<p role="status">${i18n.t('quality.loading')}</p>`
          : total === 0
            ? html`<p>${i18n.t('quality.none')}</p>`
            : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${i18n.t('quality.panel')}>
                <table aria-busy=${this.loading ? 'true' : 'false'}>
                  <thead>
                    <tr>
                      <th scope="col">${i18n.t('quality.col.row')}</th>
                      <th scope="col">${i18n.t('quality.col.line')}</th>
                      <th scope="col">${i18n.t('quality.col.field')}</th>
                      <th scope="col">${i18n.t('quality.col.value')}</th>
                      <th scope="col">${i18n.t('quality.col.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${page!.rows.map(
                      (row) => html`<tr data-code=${row.code}>
                        <td>${i18n.format.integer(row.row)}</td>
                        <td>${row.line === undefined ? i18n.t('common.none') : i18n.format.integer(row.line)}</td>
                        <td>${row.field}</td>
                        <td class="value">${row.value}</td>
                        <td>
                          ${i18n.rejectCode(row.code)}
                          <span class="detail">${row.message}</span>
                        </td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <div class="pager">
                <button
                  type="button"
                  ?disabled=${this.offset === 0 || this.loading}
                  @click=${() => this.fetch(Math.max(0, this.offset - REJECTIONS_PAGE))}
                >
                  ${i18n.t('quality.previous')}
                </button>
                <span role="status">${i18n.t('quality.page', { from, to, total })}</span>
                <button
                  type="button"
                  ?disabled=${to >= total || this.loading}
                  @click=${() => this.fetch(this.offset + REJECTIONS_PAGE)}
                >
                  ${i18n.t('quality.next')}
                </button>
              </div>`
      }
    </div>`;
  }
}

/** Styles of the shared states (add to the widget's `static styles`). */
export const stateStyles = css`
  .state {
    padding: ${token('space-m')};
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .state p {
    margin: 0 0 ${token('space-s')};
  }
  .state .headline {
    font-weight: 600;
  }
  .state .hint,
  .state .message,
  .state .detail {
    color: ${token('color-text-muted')};
  }
  .state.error .headline {
    color: ${token('color-danger')};
  }
  .progress {
    position: relative;
    height: 0.375rem;
    margin-block-end: ${token('space-s')};
    overflow: hidden;
    background: ${token('color-grid')};
    border-radius: 999px;
  }
  .progress .fill {
    height: 100%;
    background: ${token('color-accent')};
    transition: width 120ms linear;
  }
  .progress .fill.indeterminate {
    width: 30%;
    animation: lens-indeterminate 1.2s ease-in-out infinite;
  }
  @keyframes lens-indeterminate {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(340%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress .fill,
    .progress .fill.indeterminate {
      animation: none;
      transition: none;
    }
  }
  .reasons {
    margin: 0 0 ${token('space-s')};
    padding-inline-start: ${token('space-l')};
  }
  .actions,
  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
    align-items: center;
  }
  .state button,
  .pager button {
    padding: ${token('space-xs')} ${token('space-m')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .state button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .rejections {
    margin-block-start: ${token('space-m')};
  }
  .rejections .table-wrap {
    max-height: 20rem;
    overflow: auto;
    margin-block-end: ${token('space-s')};
  }
  .rejections table {
    width: 100%;
    border-collapse: collapse;
    font-size: ${token('font-size-s')};
  }
  .rejections th,
  .rejections td {
    padding: ${token('space-xs')} ${token('space-s')};
    text-align: start;
    vertical-align: top;
    border-block-end: 1px solid ${token('color-grid')};
  }
  .rejections th {
    position: sticky;
    top: 0;
    background: ${token('color-surface')};
  }
  .rejections .value {
    font-family: ui-monospace, monospace;
    word-break: break-all;
  }
  .rejections .detail {
    display: block;
  }
`;
