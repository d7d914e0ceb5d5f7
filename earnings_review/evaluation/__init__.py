"""The evaluation's case kinds beyond the FinanceBench PDFs: as-filed iXBRL filings printed
to PDF with headless Chromium (`printing`), scored against their own ix tags (`tags`,
`placement`)."""
