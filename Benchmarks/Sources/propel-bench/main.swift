// Benchmarks land here; Benchmarks/run builds this in release mode and prints the figures.
print("propel-bench: no benchmarks yet")
