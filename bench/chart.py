"""Draws the benchmark's chart (throughput and p99 per scenario) as a self-contained SVG, standard library only.

    python3 bench/chart.py bench/out/results.txt bench/out/chart.svg
"""
import sys
from html import escape

rows = []
for line in open(sys.argv[1]):
    name, unit, thr, p50, p99, pg, note = (line.rstrip("\n").split("|") + [""] * 7)[:7]
    if p99:  # load scenarios only; the jobs are in the table
        rows.append((name, unit, float(thr), float(p99), float(pg) if pg else None))

LABEL, BAR, GAP, ROW, TOP = 250, 330, 60, 22, 50
width = LABEL + 2 * BAR + GAP + 120
height = TOP + ROW * len(rows) + 40
max_thr = max([r[2] for r in rows] + [r[4] or 0 for r in rows]) or 1
# The p99 scale stops at the dashboards' 100 ms target, so that one cold outlier (the two just-started instances)
# does not flatten the rest; a longer bar is cut at the edge and marked.
P99_CAP = 100.0
max_p99 = min(max(r[3] for r in rows), P99_CAP) or 1
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
       f'font-family="sans-serif" font-size="12">',
       f'<rect width="{width}" height="{height}" fill="white"/>',
       f'<text x="{LABEL}" y="20" font-weight="bold">throughput per second (grey: PostgreSQL alone, same rows)</text>',
       f'<text x="{LABEL + BAR + GAP}" y="20" font-weight="bold">p99 latency, ms (scale cut at {P99_CAP:g})</text>']
for i, (name, unit, thr, p99, pg) in enumerate(rows):
    y = TOP + i * ROW
    out.append(f'<text x="{LABEL - 8}" y="{y + 13}" text-anchor="end">{escape(name)}</text>')
    if pg:
        out.append(f'<rect x="{LABEL}" y="{y + 1}" width="{BAR * pg / max_thr:.1f}" height="{ROW - 4}" fill="#ddd"/>')
    w = BAR * thr / max_thr
    out.append(f'<rect x="{LABEL}" y="{y + 4}" width="{max(w, 1):.1f}" height="{ROW - 10}" fill="#3b7dd8"/>')
    out.append(f'<text x="{LABEL + max(w, BAR * (pg or 0) / max_thr) + 4:.1f}" y="{y + 13}" fill="#333">'
               f'{thr:,.0f} {escape(unit)}</text>')
    x2 = LABEL + BAR + GAP + 40
    w2 = (BAR - 60) * min(p99, max_p99) / max_p99
    out.append(f'<rect x="{x2}" y="{y + 4}" width="{max(w2, 1):.1f}" height="{ROW - 10}" fill="#d8703b"/>')
    cut = p99 > max_p99
    if cut:
        out.append(f'<text x="{x2 + w2 + 2:.1f}" y="{y + 13}" fill="#d8703b" font-weight="bold">&#187;</text>')
    out.append(f'<text x="{x2 + max(w2, 1) + (14 if cut else 4):.1f}" y="{y + 13}" fill="#333">{p99:g}</text>')
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
