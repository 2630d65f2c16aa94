import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a download's object URL lives (the browser has started the download by then). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Downloads a file the polite way: a Blob, an object URL, and a temporary `<a download>` inside the widget's
 * own shadow root (nothing is added to the host document). The URL is revoked after a minute, or when the
 * widget is disconnected, whichever comes first.
 */
export class DownloadController implements ReactiveController {
  private readonly urls = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const [url, timer] of this.urls) {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
    }
    this.urls.clear();
  }

  /** Offer `content` as a file called `filename`. */
  download(content: BlobPart, filename: string, type: string): void {
    const root = this.host.shadowRoot;
    if (!root) return;
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    link.setAttribute('part', 'download-link');
    root.append(link);
    try {
      link.click();
    } finally {
      link.remove();
    }
    this.urls.set(
      url,
      setTimeout(() => {
        this.urls.delete(url);
        URL.revokeObjectURL(url);
      }, REVOKE_AFTER_MS),
    );
  }

  /** Object URLs not yet revoked (tests check they are released). */
  get pending(): number {
    return this.urls.size;
  }
}
