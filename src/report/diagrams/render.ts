import { access, constants } from 'node:fs/promises';
import { renderMermaid } from '@mermaid-js/mermaid-cli';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { embedSourceHash, sourceHash } from './source-hash.ts';

/**
 * Renders Mermaid text to SVG with @mermaid-js/mermaid-cli in Debian's
 * chromium, one headless browser shared by every diagram of a run. This is
 * the only file of the diagram code that starts a process. Puppeteer never
 * downloads a browser here (see .puppeteerrc.cjs and scripts/install.sh).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch options for running as root in a container, offline. */
export function launchOptions(executablePath: string = CHROMIUM_PATH): LaunchOptions {
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-setuid-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  };
}

/** Error codes of this file: the environment lacks a usable browser (CONFIG), or a diagram text does not render (MODEL). */
export const RENDER_ERRORS = {
  chromiumMissing: 'CONFIG.0901',
  chromiumFailed: 'CONFIG.0902',
  renderFailed: 'MODEL.0901',
} as const;

/** Mermaid's limit on the size of a diagram text (its default is 50 000). */
export const MAX_TEXT_SIZE = 200_000;

export interface SvgRenderer {
  /** The SVG of one Mermaid text, carrying `<!-- evs-workbench source-sha256: ... -->` of that text. */
  render(mermaid: string, name?: string): Promise<string>;
  close(): Promise<void>;
}

export interface RendererOptions {
  /** The chromium binary; defaults to `/usr/bin/chromium`. */
  readonly executablePath?: string;
}

/** Starts one headless chromium. Throws `WorkbenchError` CONFIG.0901 when the binary is missing. */
export async function openSvgRenderer(options: RendererOptions = {}): Promise<SvgRenderer> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  try {
    await access(executablePath, constants.X_OK);
  } catch (cause) {
    throw new WorkbenchError({
      code: RENDER_ERRORS.chromiumMissing,
      message: `chromium, which renders the diagrams to SVG, was not found at ${executablePath}.`,
      fix: 'run `bash scripts/install.sh` (or `apt-get install -y chromium`), or pass --no-svg to write only the .mmd files',
      data: { executablePath },
      cause,
    });
  }
  let browser: Browser;
  try {
    browser = await puppeteer.launch(launchOptions(executablePath));
  } catch (cause) {
    throw new WorkbenchError({
      code: RENDER_ERRORS.chromiumFailed,
      message: `chromium at ${executablePath} did not start: ${cause instanceof Error ? cause.message : String(cause)}`,
      fix: 'check that `chromium --headless --no-sandbox --dump-dom about:blank` works; reinstall with `apt-get install --reinstall chromium`',
      data: { executablePath },
      cause,
    });
  }
  return new ChromiumRenderer(browser);
}

/** Opens a renderer, runs `use` with it, and always closes the browser. */
export async function withSvgRenderer<T>(use: (renderer: SvgRenderer) => Promise<T>, options: RendererOptions = {}): Promise<T> {
  const renderer = await openSvgRenderer(options);
  try {
    return await use(renderer);
  } finally {
    await renderer.close();
  }
}

class ChromiumRenderer implements SvgRenderer {
  constructor(private readonly browser: Browser) {}

  async render(mermaid: string, name = 'diagram'): Promise<string> {
    const failed = (reason: string, cause?: unknown): WorkbenchError =>
      new WorkbenchError({
        code: RENDER_ERRORS.renderFailed,
        message: `Mermaid could not render diagram '${name}': ${reason}`,
        fix: `paste the generated ${name}.mmd into https://mermaid.live to see the problem; if the text came from a model, it is a bug in src/report/diagrams`,
        data: { name },
        cause,
      });
    if (mermaid.length > MAX_TEXT_SIZE) throw failed(`the text has ${mermaid.length} characters, more than the ${MAX_TEXT_SIZE} Mermaid accepts; draw a smaller configuration`);
    let svg: string;
    try {
      const { data } = await renderMermaid(this.browser, mermaid, 'svg', { svgId: svgIdOf(name), mermaidConfig: { maxTextSize: MAX_TEXT_SIZE } });
      svg = Buffer.from(data).toString('utf8');
    } catch (cause) {
      throw failed(cause instanceof Error ? cause.message : String(cause), cause);
    }
    // Some failures come back as a picture instead of an exception: Mermaid's error diagram, or its size-limit box.
    if (/aria-roledescription="error"|Maximum text size in diagram exceeded/.test(svg)) throw failed('Mermaid drew an error picture instead of the diagram');
    return embedSourceHash(svg, sourceHash(mermaid));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** A stable, CSS-safe id for the SVG root, so diagrams embedded in one HTML page do not share styles. */
function svgIdOf(name: string): string {
  return `evs-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
