import v8 from 'node:v8'

// V8 lets the old generation grow to 4× what survived the last full collection before it collects
// again: a long import or export, which makes ~50 MB of short-lived rows per second, then sits at
// 400+ MB of RSS over a 50 MB live set. Growing by 1.5× keeps it near 250 MB at the cost of more
// frequent (~25 ms, incremental) collections; it is a growth rate, not a cap, so a large live set
// (an .xlsx's shared text) still gets the memory it needs. Imported first by the entry points.
v8.setFlagsFromString('--heap-growing-percent=50')
