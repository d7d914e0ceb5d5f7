"""The reviewer's report: the base layout and partials every workflow's report extends,
evidence for each citation shown (PDF regions, lines in context), and the SVG builder."""
