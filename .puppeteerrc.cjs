// Puppeteer must never download its own browser: Debian's chromium is used (see scripts/install.sh).
module.exports = { skipDownload: true };
